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
}
