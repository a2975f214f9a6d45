"""Declared vocabularies of the insats registry (docs/methods/prevention.md §1.2, §2.1, §3.2–3.4).

Every multiple-choice field of an insats takes codes from one of these tables; each code has
a Swedish label (shown in the UI, the Excel template and errors) and an English one. Codes are
ASCII; labels are what people type in spreadsheets, so :func:`lookup` accepts either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lagesbild.i18n import choose

__all__ = [
    "Term",
    "ARENAS",
    "LEVELS",
    "THEMES",
    "STATUSES",
    "PARTNER_TYPES",
    "LIFE_STAGES",
    "LifeStage",
    "FACTORS",
    "Factor",
    "FACTOR_DOMAINS",
    "VOCABULARIES",
    "lookup",
    "label",
    "stage_of_age",
    "stages_for_ages",
]


@dataclass(frozen=True)
class Term:
    code: str
    sv: str
    en: str

    def text(self, lang: str = "sv") -> str:
        """The label in ``lang`` ("en" gives English, anything else Swedish)."""
        return choose(self.sv, self.en, lang)


@dataclass(frozen=True)
class LifeStage(Term):
    """A life stage with its age band in whole years (``None`` = before birth / open end)."""

    age_min: int | None = None
    age_max: int | None = None

    @property
    def band_sv(self) -> str:
        if self.age_min is None:
            return "före födseln"
        if self.age_max is None:
            return f"{self.age_min}– år"
        return f"{self.age_min}–{self.age_max} år"

    @property
    def band_en(self) -> str:
        if self.age_min is None:
            return "before birth"
        if self.age_max is None:
            return f"age {self.age_min}+"
        return f"age {self.age_min}–{self.age_max}"

    def band(self, lang: str = "sv") -> str:
        """The age band in ``lang`` ("sv" or "en")."""
        return choose(self.band_sv, self.band_en, lang)


def _terms(rows) -> dict[str, Term]:
    return {r[0]: Term(*r) for r in rows}


ARENAS = _terms(
    [
        ("familj", "Familj", "Family"),
        ("forskola", "Förskola", "Preschool"),
        ("skola", "Skola", "School"),
        ("fritid", "Fritid", "Leisure"),
        ("samhalle", "Närsamhälle/samhälle", "Neighbourhood/community"),
    ]
)

LEVELS = _terms(
    [
        ("universell", "Universell", "Universal"),
        ("selektiv", "Selektiv", "Selective"),
        ("indikerad", "Indikerad", "Indicated"),
    ]
)

THEMES = _terms(
    [
        ("andt", "ANDT", "Alcohol, drugs, doping, tobacco"),
        ("vald", "Våld", "Violence"),
        ("kriminalitet", "Kriminalitet", "Crime"),
        ("psykisk_halsa", "Psykisk hälsa", "Mental health"),
        ("skola", "Skola", "School"),
        ("sprak_lasning", "Språk/läsning", "Language/reading"),
        ("foraldraskap", "Föräldraskap", "Parenting"),
        ("halsa", "Hälsa", "Health"),
    ]
)

STATUSES = _terms(
    [
        ("planerad", "Planerad", "Planned"),
        ("pagaende", "Pågående", "Running"),
        ("pausad", "Pausad", "Paused"),
        ("avslutad", "Avslutad", "Ended"),
    ]
)

PARTNER_TYPES = _terms(
    [
        ("polis", "Polis", "Police"),
        ("region_bvc", "Region/BVC", "Region/child health care"),
        ("region", "Region (övrig hälso- och sjukvård)", "Region (other health care)"),
        ("civilsamhalle", "Civilsamhälle", "Civil society"),
        ("foreningar", "Föreningar", "Associations"),
        ("bostadsbolag", "Bostadsbolag", "Housing companies"),
        ("trossamfund", "Trossamfund", "Faith communities"),
        ("naringsliv", "Näringsliv", "Business"),
        ("skola", "Skola/förskola", "School/preschool"),
        ("socialtjanst", "Socialtjänst", "Social services"),
        ("fritid", "Fritids- och kulturförvaltning", "Leisure and culture"),
        ("myndighet", "Statlig myndighet", "Government agency"),
        ("forskning", "Forskning/lärosäte", "Research/university"),
        ("ovrigt", "Övrigt", "Other"),
    ]
)

#: Life stages from pregnancy to old age, as age bands (the chain view's rows, in order).
LIFE_STAGES: dict[str, LifeStage] = {
    s.code: s
    for s in [
        LifeStage("graviditet", "Graviditet", "Pregnancy", None, None),
        LifeStage("spadbarn", "0–1 år", "Age 0–1", 0, 0),
        LifeStage("forskola", "Förskola (1–5 år)", "Preschool (1–5)", 1, 5),
        LifeStage("lagstadiet", "Lågstadiet (F–3, 6–9 år)", "Lower primary (6–9)", 6, 9),
        LifeStage("mellanstadiet", "Mellanstadiet (10–12 år)", "Middle primary (10–12)", 10, 12),
        LifeStage("hogstadiet", "Högstadiet (13–15 år)", "Lower secondary (13–15)", 13, 15),
        LifeStage("gymnasiet", "Gymnasiet (16–18 år)", "Upper secondary (16–18)", 16, 18),
        LifeStage("unga_vuxna", "Unga vuxna (19–25 år)", "Young adults (19–25)", 19, 25),
        LifeStage("vuxna", "Vuxna/föräldrar (26–64 år)", "Adults/parents (26–64)", 26, 64),
        LifeStage("aldre", "Äldre (65– år)", "Older people (65+)", 65, None),
    ]
}


@dataclass(frozen=True)
class Factor(Term):
    domain: str = ""
    kind: str = "risk"  # "risk" or "skydd"


FACTOR_DOMAINS = _terms(
    [
        ("narsamhalle", "Närsamhälle", "Community"),
        ("familj", "Familj", "Family"),
        ("skola", "Skola", "School"),
        ("individ", "Individ och kamrater", "Peer/individual"),
    ]
)


def _factors(domain: str, kind: str, rows) -> list[Factor]:
    return [Factor(f"{domain}.{c}", sv, en, domain, kind) for c, sv, en in rows]


#: CTC Youth Survey domains (docs/methods/prevention.md §1.2) plus the RISE/DID indices (§2.1).
FACTORS: dict[str, Factor] = {
    f.code: f
    for f in [
        *_factors(
            "narsamhalle",
            "risk",
            [
                ("lag_anknytning", "Låg anknytning till närsamhället", "Low neighbourhood attachment"),
                ("oorganiserat", "Oorganiserat närsamhälle", "Community disorganisation"),
                ("flyttningar", "Flyttningar och övergångar", "Transitions and mobility"),
                ("tillgang_droger", "Upplevd tillgång till droger", "Perceived availability of drugs"),
                ("tillgang_vapen", "Upplevd tillgång till vapen", "Perceived availability of handguns"),
                ("normer_droger", "Lagar och normer positiva till droger", "Laws and norms favourable to drug use"),
                ("narsamhalle_did", "Närsamhälle (DID-index)", "Community (DID index)"),
            ],
        ),
        *_factors(
            "narsamhalle",
            "skydd",
            [
                (
                    "prosociala_mojligheter",
                    "Möjligheter till prosocialt engagemang",
                    "Opportunities for prosocial involvement",
                ),
                (
                    "prosocial_uppskattning",
                    "Uppskattning för prosocialt engagemang",
                    "Rewards for prosocial involvement",
                ),
            ],
        ),
        *_factors(
            "familj",
            "risk",
            [
                ("antisocialt_i_familjen", "Antisocialt beteende i familjen", "Family history of antisocial behaviour"),
                ("bristande_foraldraskap", "Bristande föräldraskap", "Poor family management"),
                ("familjekonflikter", "Familjekonflikter", "Family conflict"),
                (
                    "foraldrars_attityder_droger",
                    "Föräldrars positiva attityder till droger",
                    "Parental attitudes favourable to drug use",
                ),
                (
                    "foraldrars_attityder_antisocialt",
                    "Föräldrars positiva attityder till antisocialt beteende",
                    "Parental attitudes favourable to antisocial behaviour",
                ),
            ],
        ),
        *_factors(
            "familj",
            "skydd",
            [
                ("anknytning", "Anknytning i familjen", "Family attachment"),
                (
                    "prosociala_mojligheter",
                    "Möjligheter till prosocialt engagemang i familjen",
                    "Opportunities for prosocial involvement (family)",
                ),
                (
                    "prosocial_uppskattning",
                    "Uppskattning för prosocialt engagemang i familjen",
                    "Rewards for prosocial involvement (family)",
                ),
            ],
        ),
        *_factors(
            "skola",
            "risk",
            [
                ("skolmisslyckande", "Skolmisslyckande", "Academic failure"),
                ("lag_skolanknytning", "Låg skolanknytning", "Low commitment to school"),
                ("vantrivsel", "Vantrivsel i skolan (DID-index)", "Negative school experience (DID index)"),
            ],
        ),
        *_factors(
            "skola",
            "skydd",
            [
                (
                    "prosociala_mojligheter",
                    "Möjligheter till prosocialt engagemang i skolan",
                    "Opportunities for prosocial involvement (school)",
                ),
                (
                    "prosocial_uppskattning",
                    "Uppskattning för prosocialt engagemang i skolan",
                    "Rewards for prosocial involvement (school)",
                ),
                (
                    "positiv_skolanknytning",
                    "Positiv skolanknytning (DID-index)",
                    "Positive school attachment (DID index)",
                ),
            ],
        ),
        *_factors(
            "individ",
            "risk",
            [
                ("utagerande", "Utagerande", "Acting out / rebelliousness"),
                ("gangtillhorighet", "Gängtillhörighet", "Gang involvement"),
                ("lag_riskuppfattning", "Låg upplevd risk med droger", "Low perceived risk of drug use"),
                ("tidig_debut_droger", "Tidig debut med droger", "Early initiation of drug use"),
                (
                    "tidig_debut_antisocialt",
                    "Tidig debut med antisocialt beteende",
                    "Early initiation of antisocial behaviour",
                ),
                ("attityder_droger", "Positiva attityder till droger", "Favourable attitudes to drug use"),
                (
                    "attityder_antisocialt",
                    "Positiva attityder till antisocialt beteende",
                    "Favourable attitudes to antisocial behaviour",
                ),
                ("spanningssokande", "Spänningssökande", "Sensation seeking"),
                ("belonig_antisocialt", "Belöning för antisocialt beteende", "Rewards for antisocial involvement"),
                ("kamraters_droger", "Kamraters droganvändning", "Friends' use of drugs"),
                ("antisociala_kamrater", "Umgänge med antisociala kamrater", "Interaction with antisocial peers"),
                ("psykiska_besvar", "Psykiska/psykosomatiska besvär", "Psychological/psychosomatic complaints"),
            ],
        ),
        *_factors(
            "individ",
            "skydd",
            [
                ("prosociala_kamrater", "Umgänge med prosociala kamrater", "Interaction with prosocial peers"),
                ("moralisk_overtygelse", "Tro på moralisk ordning", "Belief in moral order"),
                ("prosocialt_engagemang", "Prosocialt engagemang", "Prosocial involvement"),
                ("sociala_fardigheter", "Sociala färdigheter", "Social skills"),
                ("valbefinnande", "Välbefinnande (DID-index)", "Well-being (DID index)"),
            ],
        ),
    ]
}

#: Vocabulary name → table, used by validation, the template's word lists and the UI.
VOCABULARIES: dict[str, dict] = {
    "arena": ARENAS,
    "niva": LEVELS,
    "tema": THEMES,
    "status": STATUSES,
    "partner": PARTNER_TYPES,
    "livsfas": LIFE_STAGES,
    "faktor": FACTORS,
}


def _norm(text: str) -> str:
    return " ".join(str(text).strip().lower().split())


def lookup(vocab: str, value: str) -> str | None:
    """The code for ``value`` (a code or a Swedish/English label, any case), or None.

    A label may be given without its bracketed age band ("förskola" for "Förskola (1–5 år)")
    where that leaves exactly one match.

    Examples
    --------
    >>> lookup("arena", "Förskola"), lookup("arena", "samhälle"), lookup("niva", "x")
    ('forskola', 'samhalle', None)
    >>> lookup("livsfas", "förskola"), lookup("livsfas", "Lower primary")
    ('forskola', 'lagstadiet')
    """
    table = VOCABULARIES[vocab]
    v = _norm(value)
    if v in table:
        return v
    for code, term in table.items():
        if v in (_norm(term.sv), _norm(term.en), _norm(code)):
            return code
    if vocab == "arena" and v in ("närsamhälle", "narsamhalle", "samhälle"):
        return "samhalle"
    short = [code for code, term in table.items() if v in (_short(term.sv), _short(term.en))]
    return short[0] if len(short) == 1 else None


def _short(text: str) -> str:
    """A label without its bracketed part: "Förskola (1–5 år)" → "förskola"."""
    return _norm(re.sub(r"\s*\([^)]*\)\s*$", "", text))


def label(vocab: str, code: str, lang: str = "sv") -> str:
    """The label of a code (the code itself when unknown)."""
    term = VOCABULARIES[vocab].get(code)
    if term is None:
        return code
    return choose(term.sv, term.en, lang)


def stage_of_age(age: int) -> str:
    """The life stage of an age in whole years.

    Examples
    --------
    >>> stage_of_age(0), stage_of_age(7), stage_of_age(70)
    ('spadbarn', 'lagstadiet', 'aldre')
    """
    for s in LIFE_STAGES.values():
        if s.age_min is not None and age >= s.age_min and (s.age_max is None or age <= s.age_max):
            return s.code
    raise ValueError(age)


def stages_for_ages(age_min: int, age_max: int | None) -> list[str]:
    """Life stages overlapping an age band, in chain order.

    Examples
    --------
    >>> stages_for_ages(3, 12)
    ['forskola', 'lagstadiet', 'mellanstadiet']
    """
    hi = 200 if age_max is None else age_max
    out = []
    for s in LIFE_STAGES.values():
        if s.age_min is None:
            continue
        s_hi = 200 if s.age_max is None else s.age_max
        if s.age_min <= hi and age_min <= s_hi:
            out.append(s.code)
    return out
