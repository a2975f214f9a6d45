"""The incident taxonomy: the EST seed list, configurable per kommun.

The seed list follows the categories kommuner report in EST (Effektiv samordning för
trygghet): skadegörelse, klotter, brand, nedskräpning, otrygg plats, samlingsplats,
narkotika (observation), hot/våld mot anställd, ordningsstörning, ryktesspridning/sociala
medier and arrangemang. A kommun may pass its own list of codes (and Swedish labels) instead;
codes are lower-case ASCII words so that they travel in files and URLs.
"""

from __future__ import annotations

import re

from lagesbild.errors import InputError
from lagesbild.i18n import pair, t

__all__ = ["SEED", "REPORTER_KINDS", "ENVIRONMENTS", "Taxonomy", "default_taxonomy"]

#: code → text key (labels live in lagesbild.texts.brott)
SEED: tuple[str, ...] = (
    "skadegorelse", "klotter", "brand", "nedskrapning", "otrygg_plats", "samlingsplats", "narkotika",
    "hot_vald_anstalld", "ordningsstorning", "ryktesspridning", "arrangemang",
)
#: kinds of reporting organisation (docs/methods/prevention.md §5.3)
REPORTER_KINDS = ("kommun", "polis", "bostadsbolag", "bevakning", "raddningstjanst", "kollektivtrafik", "annan")
#: public or semi-public place
ENVIRONMENTS = ("offentlig", "halvoffentlig")

_CODE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


class Taxonomy:
    """An ordered set of category codes with labels."""

    def __init__(self, codes, labels: dict[str, str] | None = None) -> None:
        codes = [str(c).strip() for c in codes]
        bad = [c for c in codes if not _CODE.match(c)]
        if bad or not codes:
            raise InputError(*pair("brott.bad_taxonomy", value=", ".join(bad) or "(tom)"))
        self.codes = tuple(dict.fromkeys(codes))
        self._labels = dict(labels or {})

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def label(self, code: str, lang: str = "sv") -> str:
        if code in self._labels:
            return self._labels[code]
        if code in SEED:
            return t(f"brott.kat.{code}", lang)
        return code.replace("_", " ")

    def normalise(self, value: str) -> str | None:
        """A code from a code or a label as typed (case and spaces ignored); None if unknown."""
        v = str(value).strip().lower()
        if v in self.codes:
            return v
        for c in self.codes:
            if v in (self.label(c, "sv").lower(), self.label(c, "en").lower(), c.replace("_", " ")):
                return c
        return None


def default_taxonomy(codes: str | None = None) -> Taxonomy:
    """The seed list, or the comma-separated codes of a setting."""
    if codes:
        return Taxonomy([c for c in codes.split(",") if c.strip()])
    return Taxonomy(SEED)
