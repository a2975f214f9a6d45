"""Texts of the catalogue section 'tackning' (needs vs reach; key → (Swedish, English)); see :mod:`lagesbild.i18n`."""

TEXTS: dict[str, tuple[str, str]] = {
    "tackning.pct": ("{pct} %", "{pct} %"),
    "tackning.at_least": ("minst {pct} %", "at least {pct} %"),
    "tackning.over_100": ("{text} (över 100 %)", "{text} (over 100 %)"),
    "tackning.unknown": ("okänd", "unknown"),
    "tackning.example": ("exempel", "example"),
}
