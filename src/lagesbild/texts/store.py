"""Texts of the catalogue section 'store' (key → (Swedish, English)); see :mod:`lagesbild.i18n`."""

TEXTS: dict[str, tuple[str, str]] = {
    "store.ops_newer": (
        "Driftlagret {url} har schemaversion {stored}, men lagesbild {version} känner bara till version "
        "{current}. Uppgradera lagesbild (pip install -U lagesbild) innan lagret används.",
        "The operational store {url} has schema version {stored}, but lagesbild {version} only knows "
        "version {current}. Upgrade lagesbild (pip install -U lagesbild) before using the store."),
    "store.ops_bad_url": (
        "Inställningen 'database_url' ({url}) kan inte användas ({detail}). Ange t.ex. "
        "postgresql://användare:lösenord@värd/lagesbild, eller lämna den tom för SQLite.",
        "The setting 'database_url' ({url}) cannot be used ({detail}). Give e.g. "
        "postgresql://user:password@host/lagesbild, or leave it empty for SQLite."),
    "store.ops_unreachable": (
        "Driftlagret {url} kan inte öppnas: {detail}.",
        "The operational store {url} cannot be opened: {detail}."),
    "store.cannot_open": (
        "Lagret {path} kan inte öppnas: {detail}.",
        "The store {path} cannot be opened: {detail}."),
    "store.write_wait_timeout": (
        "Lagret {path} skrivs av en annan process (import, hämtning eller init) och blev inte ledigt "
        "inom {seconds} sekunder. Försök igen när den är klar, eller höj inställningen 'write_wait_s'.",
        "The store {path} is being written by another process (import, fetch or init) and was not "
        "free within {seconds} seconds. Try again when it has finished, or raise the setting "
        "'write_wait_s'."),
    "store.read_only": (
        "Lagret {path} är öppnat skrivskyddat.",
        "The store {path} is opened read-only."),
}
