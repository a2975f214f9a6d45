"""Texts of the catalogue section 'tackning' (needs vs reach; key → (Swedish, English)); see :mod:`lagesbild.i18n`."""

TEXTS: dict[str, tuple[str, str]] = {
    "tackning.pct": ("{pct} %", "{pct} %"),
    "tackning.at_least": ("minst {pct} %", "at least {pct} %"),
    "tackning.over_100": ("{text} (över 100 %)", "{text} (over 100 %)"),
    "tackning.unknown": ("okänd", "unknown"),
    "tackning.example": ("exempel", "example"),
    "tackning.example_insats": ("Språkstöd i förskolan (exempel)", "Language support in preschool (example)"),
    "tackning.demo_head": ("\nBehov mot räckvidd i siffror – {label} för kommun {kommun}:",
                           "\nNeeds vs reach in numbers – {label} for municipality {kommun}:"),
    "tackning.demo_target": ("  Målgrupp {stage}: {n} personer (SCB, folkmängd efter ålder, RegSO 2025 år {year}).",
                             "  Target group {stage}: {n} people (SCB, population by age, RegSO 2025, {year})."),
    "tackning.demo_reach": ("  Räckvidd: {n} deltagare ({label}; inte kommunens uppgift).",
                            "  Reach: {n} participants ({label}; not the municipality's figure)."),
    "tackning.demo_coverage": ("  Täckning = {n} / {target} = {text} ({label}).",
                               "  Coverage = {n} / {target} = {text} ({label})."),
}
