"""Texts of the catalogue section 'security' (key → (Swedish, English)); see :mod:`lagesbild.i18n`."""

TEXTS: dict[str, tuple[str, str]] = {
    "security.privacy_found_in": (
        "{where} innehåller något som är ett personnummer eller samordningsnummer (visas inte); "
        "personuppgifter får aldrig läsas in.",
        "{where} contains a personal identity or coordination number (not shown); personal data "
        "must never be imported."),
    "security.privacy_column": (
        "Filen {file} har kolumnen '{column}': personnummer får aldrig läsas in i lagret. "
        "Ta bort kolumnen och aggregera till områden först.",
        "The file {file} has the column '{column}': personal identity numbers never enter the store. "
        "Remove the column and aggregate to areas first."),
    "security.privacy_cell": (
        "Filen {file}, rad {row}, kolumn '{column}': värdet innehåller ett personnummer eller "
        "samordningsnummer (visas inte). Personnummer får aldrig läsas in i lagret.",
        "The file {file}, row {row}, column '{column}': the value contains a personal identity or "
        "coordination number (not shown). Such numbers never enter the store."),
    "security.privacy_names": (
        "{where} innehåller något som liknar ett namn ({n} st); kontrollera att inga personuppgifter "
        "finns med.",
        "{where} contains what looks like a name ({n}); check that no personal data is included."),
}
