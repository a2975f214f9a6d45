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
    "store.backup_memory": (
        "Ett lager i minnet kan inte säkerhetskopieras; ange en lagerfil med --store.",
        "A store in memory cannot be backed up; give a store file with --store."),
    "store.backup_missing": (
        "Säkerhetskopian {path} finns inte.",
        "The backup {path} does not exist."),
    "store.backup_foreign": (
        "Filen {path} är ingen säkerhetskopia från lagesbild (manifest.json med format "
        "'lagesbild-backup' saknas). Inget har ändrats.",
        "The file {path} is not a lagesbild backup (manifest.json with format 'lagesbild-backup' "
        "is missing). Nothing was changed."),
    "store.backup_newer": (
        "Säkerhetskopian {path} är gjord av lagesbild {version}, som är nyare än den här versionen. "
        "Uppgradera lagesbild (pip install -U lagesbild) och försök igen. Inget har ändrats.",
        "The backup {path} was made by lagesbild {version}, which is newer than this version. Upgrade "
        "lagesbild (pip install -U lagesbild) and try again. Nothing was changed."),
    "store.backup_corrupt": (
        "Säkerhetskopian {path} är skadad: delen {member} saknas eller stämmer inte med sin "
        "kontrollsumma. Inget har ändrats.",
        "The backup {path} is damaged: the part {member} is missing or does not match its "
        "checksum. Nothing was changed."),
    "store.backup_unknown_table": (
        "Säkerhetskopian {path} innehåller tabellen {table}, som den här versionen av lagesbild inte "
        "känner till. Inget har ändrats.",
        "The backup {path} holds the table {table}, which this version of lagesbild does not know. "
        "Nothing was changed."),
    "store.backup_done": (
        "Säkerhetskopian {path} är skriven: analyslagret ({mb} MB) och driftlagret ({tables} tabeller, "
        "{rows} rader); hemligheter: {secrets}.",
        "The backup {path} is written: the analytical store ({mb} MB) and the operational store "
        "({tables} tables, {rows} rows); secrets: {secrets}."),
    "store.restore_done": (
        "Återställt från {path}: analyslagret ({mb} MB) och driftlagret ({tables} tabeller, {rows} rader); "
        "hemligheter: {secrets}.",
        "Restored from {path}: the analytical store ({mb} MB) and the operational store ({tables} tables, "
        "{rows} rows); secrets: {secrets}."),
    "store.backup_no_secrets": ("inga", "none"),
    "store.duck_newer": (
        "Lagret {path} har schemaversion {stored}, men lagesbild {version} känner bara till version "
        "{current}. Uppgradera lagesbild (pip install -U lagesbild) innan lagret används.",
        "The store {path} has schema version {stored}, but lagesbild {version} only knows version "
        "{current}. Upgrade lagesbild (pip install -U lagesbild) before using the store."),
}
