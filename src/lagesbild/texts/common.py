"""Texts used across the product (key → (Swedish, English)); see :mod:`lagesbild.i18n`."""

TEXTS: dict[str, tuple[str, str]] = {
    "common.missing": ("–", "–"),
}
