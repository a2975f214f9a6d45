"""Interface texts of the insatser pages, Swedish with English translations.

The pages follow the app's language choice (``?lang=en`` or the ``lang`` cookie, see
:mod:`lagesbild.app.i18n`). Data entered by users (names, descriptions, notes) is shown as
entered; vocabulary labels come from :mod:`lagesbild.prevention.vocab` (``Term.text(lang)``).
"""

from __future__ import annotations

from lagesbild.i18n import catalogue, choose
from lagesbild.i18n import t as catalogue_t

__all__ = ["ACTIONS", "OBJECT_TYPES", "ROLE_EN", "it", "pair"]


def _table(prefix: str) -> dict[str, tuple[str, str]]:
    return {k.removeprefix(prefix): v for k, v in catalogue().items() if k.startswith(prefix)}


#: Audit actions as shown in the change log.
ACTIONS = _table("insatser.action.")
#: Kinds of objects in the change log.
OBJECT_TYPES = _table("insatser.object.")
#: Roles as shown in the navigation.
ROLE_EN = {k: en for k, (_sv, en) in _table("insatser.role.").items()}


def it(key: str, lang: str = "sv") -> str:
    """The insatser text ``key`` (catalogue section ``insatser``, without the prefix) in ``lang``."""
    return catalogue_t("insatser." + key, lang)


def pair(table: dict[str, tuple[str, str]], key: str, lang: str = "sv") -> str:
    """The label of ``key`` in a (Swedish, English) ``table`` (the key itself when unknown)."""
    sv_en = table.get(key)
    if sv_en is None:
        return key
    return choose(sv_en[0], sv_en[1], lang)
