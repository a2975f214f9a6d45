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
    "security.password_short": (
        "Lösenordet måste ha minst {min} tecken. Fick {n}.",
        "The password needs at least {min} characters. Got {n}."),
    "security.password_long": (
        "Lösenordet får ha högst {max} tecken.",
        "The password may have at most {max} characters."),
    "security.password_repetitive": (
        "Lösenordet måste innehålla minst {min} olika tecken.",
        "The password must contain at least {min} different characters."),
    "security.password_username": (
        "Lösenordet får inte innehålla användarnamnet.",
        "The password must not contain the user name."),
    "security.password_common": (
        "Lösenordet är ett av de vanligaste lösenorden och går lätt att gissa; välj ett annat "
        "(t.ex. tre–fyra ord i följd).",
        "The password is one of the most common passwords and easy to guess; choose another (e.g. "
        "three or four words in a row)."),
    "security.throttled_account": (
        "För många misslyckade inloggningar för kontot ({n} på {window} sekunder); vänta {s} sekunder "
        "och försök igen.",
        "Too many failed logins for the account ({n} in {window} seconds); wait {s} seconds and try "
        "again."),
    "security.throttled_address": (
        "För många misslyckade inloggningar från din adress ({n} på {window} sekunder); vänta {s} "
        "sekunder och försök igen.",
        "Too many failed logins from your address ({n} in {window} seconds); wait {s} seconds and try "
        "again."),
    "security.secret_unreadable": (
        "Hemlighetsfilen {path} kan inte läsas eller skapas; kontrollera inställningen 'secret_file' "
        "och rättigheterna.",
        "The secret file {path} cannot be read or created; check the setting 'secret_file' and the "
        "permissions."),
    "security.secret_short": (
        "Hemlighetsfilen {path} innehåller för kort en hemlighet (minst 32 tecken krävs); ta bort "
        "filen så skapas en ny.",
        "The secret file {path} holds too short a secret (at least 32 characters needed); delete the "
        "file and a new one is created."),
    "security.json_empty": (
        "Förfrågan saknar innehåll; förväntade ett JSON-objekt.",
        "The request has no body; expected a JSON object."),
    "security.json_encoding": (
        "Förfrågans innehåll är inte UTF-8; förväntade ett JSON-objekt i UTF-8.",
        "The request body is not UTF-8; expected a JSON object in UTF-8."),
    "security.json_deep": (
        "Förfrågans JSON är nästlad djupare än {limit} nivåer.",
        "The request's JSON is nested deeper than {limit} levels."),
    "security.json_malformed": (
        "Förfrågans JSON kan inte tolkas (rad {line}, kolumn {col}).",
        "The request's JSON cannot be parsed (line {line}, column {col})."),
    "security.json_not_object": (
        "Förfrågan måste vara ett JSON-objekt ({{…}}); fick JSON-typen {kind}.",
        "The request must be a JSON object ({{…}}); got the JSON type {kind}."),
}
