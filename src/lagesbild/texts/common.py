"""Texts used across the product (key → (Swedish, English)); see :mod:`lagesbild.i18n`."""

TEXTS: dict[str, tuple[str, str]] = {
    "common.missing": ("–", "–"),
    "common.and": (" och ", " and "),
    "common.or": (" eller ", " or "),
    "common.decimal_sep": (",", "."),
    "common.digit_group": ("{left} {right}", "{left},{right}"),
    "common.lang_file_stem": ("{stem}", "{stem}_en"),
    "common.suppression_note": (
        "– = undertryckt: antal mellan 1 och {max_hidden} och andelar vars nämnare är under "
        "{min_denominator} redovisas inte (röjandekontroll).",
        "– = suppressed: counts between 1 and {max_hidden} and shares whose denominator is below "
        "{min_denominator} are not published (disclosure control)."),
}
