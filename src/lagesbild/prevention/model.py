"""The insats data model: dataclasses, the evidence scheme and validation with Swedish errors.

An *insats* is one preventive activity of a kommun (docs/methods/prevention.md §3.4). The model is
pure: :func:`parse_insats` turns a plain dict (a web form, a JSON document, a spreadsheet row)
into a validated :class:`Insats` or raises :class:`ValidationError` listing **every** problem
at once, each naming the field, what was expected and what was given. Nothing is written
anywhere here; the registry writes only validated objects.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from lagesbild.errors import InputError
from lagesbild.i18n import choose, t
from lagesbild.prevention.reach import Reach, given_text, parse_participants, participants_text
from lagesbild.prevention.vocab import LIFE_STAGES, VOCABULARIES, label, lookup, stages_for_ages
from lagesbild.privacy import find_personal_numbers

__all__ = ["Partner", "EvidenceClaim", "Reach", "AreaRef", "Insats", "EvidenceScheme", "Tier",
           "ValidationError", "FIELD_LABELS", "FIELD_LABELS_EN", "field_label", "EXAMPLE_LABEL", "default_scheme",
               "load_scheme",
           "parse_insats", "insats_to_dict", "check_personal_data", "parse_participants", "participants_text"]

#: The label every example registry carries.
EXAMPLE_LABEL = "Exempel byggt på offentliga uppgifter"

#: Swedish field labels, used in errors, the Excel template and the web forms.
FIELD_LABELS = {
    "id": "ID", "kommun": "Kommun", "name": "Namn", "description": "Beskrivning",
    "organisation": "Ansvarig organisation", "unit": "Ansvarig enhet", "partners": "Samverkanspartner",
    "arenas": "Arena", "levels": "Preventionsnivå", "life_stages": "Livsfas", "age_min": "Ålder från",
    "age_max": "Ålder till", "themes": "Tema", "factors": "Risk- och skyddsfaktorer",
    "evidence": "Evidens", "scope": "Var den bedrivs", "areas": "Områden", "start": "Startdatum",
    "end": "Slutdatum", "capacity": "Kapacitet per år", "reach": "Räckvidd",
    "target_group_size": "Målgruppens storlek", "target_group_note": "Målgrupp, kommentar",
    "cost_sek": "Kostnad per år (kr)", "cost_note": "Kostnad, kommentar", "goals": "Mål",
    "indicators": "Indikatorer", "status": "Status", "library_ref": "Programbibliotek",
    "sources": "Källor", "example_label": "Exempelmärkning", "notes": "Anteckningar",
}
#: English field labels for the web forms and views (same keys as :data:`FIELD_LABELS`).
FIELD_LABELS_EN = {
    "id": "ID", "kommun": "Municipality", "name": "Name", "description": "Description",
    "organisation": "Responsible organisation", "unit": "Responsible unit", "partners": "Partners",
    "arenas": "Arena", "levels": "Prevention level", "life_stages": "Life stage", "age_min": "Age from",
    "age_max": "Age to", "themes": "Theme", "factors": "Risk and protective factors",
    "evidence": "Evidence", "scope": "Where it runs", "areas": "Areas", "start": "Start date",
    "end": "End date", "capacity": "Capacity per year", "reach": "Reach",
    "target_group_size": "Size of target group", "target_group_note": "Target group, comment",
    "cost_sek": "Cost per year (SEK)", "cost_note": "Cost, comment", "goals": "Goals",
    "indicators": "Indicators", "status": "Status", "library_ref": "Programme library",
    "sources": "Sources", "example_label": "Example label", "notes": "Notes",
}


def field_label(field: str, lang: str = "sv") -> str:
    """The label of an insats field in ``lang`` (the field name itself when unknown)."""
    return choose(FIELD_LABELS.get(field, field), FIELD_LABELS_EN.get(field, field), lang)


_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
_KOMMUN = re.compile(r"^\d{4}$")


class ValidationError(InputError):
    """Invalid insats data; ``errors`` lists every problem as dicts (field, sv, en, row)."""

    def __init__(self, errors: list[dict], what_sv: str = "Insatsen", what_en: str = "The insats"):
        self.errors = errors
        sv = "; ".join(_prefix(e, "sv") + e["sv"].rstrip(".") for e in errors[:20])
        en = "; ".join(_prefix(e, "en") + e["en"].rstrip(".") for e in errors[:20])
        more_sv = f" (och {len(errors) - 20} fel till)" if len(errors) > 20 else ""
        more_en = f" (and {len(errors) - 20} more)" if len(errors) > 20 else ""
        super().__init__(f"{what_sv} kunde inte sparas, {len(errors)} fel: {sv}{more_sv}.",
                         f"{what_en} could not be saved, {len(errors)} errors: {en}{more_en}.")


def _prefix(e: dict, lang: str) -> str:
    if e.get("row") is None:
        return ""
    return t("insatser.row_prefix", lang, row=e["row"])


@dataclass(frozen=True)
class Tier:
    code: str
    sv: str
    en: str
    rank: int
    rct_or_better: bool = False


@dataclass(frozen=True)
class EvidenceScheme:
    """A configurable evidence tier scheme (default: ``data/evidensskala.yaml``)."""

    name: str
    version: int
    tiers: tuple[Tier, ...]

    def get(self, value: str) -> Tier | None:
        v = " ".join(str(value).strip().lower().split())
        for tier in self.tiers:
            if v in (tier.code, tier.sv.lower(), tier.en.lower()):
                return tier
        return None

    def to_dict(self) -> dict:
        return {"namn": self.name, "version": self.version,
                "nivaer": [{"kod": t.code, "sv": t.sv, "en": t.en, "rank": t.rank,
                            "rct_or_better": t.rct_or_better} for t in self.tiers]}

    @classmethod
    def from_dict(cls, d: dict) -> EvidenceScheme:
        try:
            tiers = tuple(Tier(str(t["kod"]), str(t["sv"]), str(t.get("en", t["sv"])), int(t["rank"]),
                               bool(t.get("rct_or_better", False))) for t in d["nivaer"])
            scheme = cls(str(d["namn"]), int(d.get("version", 1)), tiers)
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"Evidensskalan måste ha 'namn' och 'nivaer' med kod, sv och rank: {exc}.",
                             f"The evidence scheme needs 'namn' and 'nivaer' with kod, sv, rank: {exc}.") from None
        codes = [t.code for t in tiers]
        if not tiers or len(set(codes)) != len(codes):
            raise InputError("Evidensskalan måste ha minst en nivå och unika koder.",
                             "The evidence scheme needs at least one tier and unique codes.")
        return scheme


@lru_cache(maxsize=1)
def default_scheme() -> EvidenceScheme:
    """The standard scheme: svensk RCT · internationellt · lovande · implementering · saknas · negativa."""
    return load_scheme(Path(__file__).parent / "data" / "evidensskala.yaml")


def load_scheme(path) -> EvidenceScheme:
    import yaml

    with open(path, encoding="utf-8") as fh:
        return EvidenceScheme.from_dict(yaml.safe_load(fh))


@dataclass
class Partner:
    type: str
    name: str = ""


@dataclass
class EvidenceClaim:
    """One evidence claim: a tier of the scheme and the source that supports it."""

    tier: str
    source: str
    url: str = ""
    date_assessed: str = ""
    assessor: str = ""
    note: str = ""


@dataclass
class AreaRef:
    code: str
    version: str


@dataclass
class Insats:
    kommun: str
    name: str
    organisation: str
    arenas: list[str]
    levels: list[str]
    life_stages: list[str]
    themes: list[str]
    id: str = ""
    description: str = ""
    unit: str = ""
    partners: list[Partner] = field(default_factory=list)
    age_min: int | None = None
    age_max: int | None = None
    factors: list[str] = field(default_factory=list)
    evidence: list[EvidenceClaim] = field(default_factory=list)
    scope: str = "kommun"
    areas: list[AreaRef] = field(default_factory=list)
    start: str = ""
    end: str = ""
    capacity: int | None = None
    reach: list[Reach] = field(default_factory=list)
    target_group_size: int | None = None
    target_group_note: str = ""
    cost_sek: float | None = None
    cost_note: str = ""
    goals: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    status: str = "pagaende"
    library_ref: str = ""
    sources: list[str] = field(default_factory=list)
    example_label: str = ""
    notes: str = ""

    def best_tier(self, scheme: EvidenceScheme) -> Tier | None:
        tiers = [t for c in self.evidence if (t := scheme.get(c.tier)) is not None]
        return min(tiers, key=lambda t: t.rank) if tiers else None

    def reaches_area(self, code: str, parents: dict[str, str] | None = None) -> bool:
        """True when the insats runs kommun-wide or in ``code`` (or in a DeSO inside it)."""
        if self.scope == "kommun":
            return True
        parents = parents or {}
        return any(a.code == code or parents.get(a.code) == code for a in self.areas)


def insats_to_dict(ins: Insats) -> dict:
    """A JSON-ready dict (the canonical stored form)."""
    return asdict(ins)


def check_personal_data(text: str) -> bool:
    """True when ``text`` contains a personnummer or samordningsnummer (see :mod:`lagesbild.privacy`).

    Organisation numbers (third digit 2 or more) are not personal data.

    Examples
    --------
    >>> check_personal_data("Kontakt 19121212 1212"), check_personal_data("Org.nr 556677-8899")
    (True, False)
    """
    return bool(find_personal_numbers(text or ""))


# ----------------------------------------------------------------------------- parsing
class _Collector:
    def __init__(self) -> None:
        self.errors: list[dict] = []

    def add(self, fld: str, sv: str, en: str) -> None:
        lab = FIELD_LABELS.get(fld, fld)
        self.errors.append({"field": fld, "row": None, "sv": f"fältet '{lab}' {sv}",
                            "en": f"the field '{FIELD_LABELS_EN.get(fld, fld)}' ({fld}) {en}"})


def _as_list(v) -> list:
    if v is None or v == "":
        return []
    if isinstance(v, str):
        return [p.strip() for p in re.split(r"[;\n]", v) if p.strip()]
    if isinstance(v, list | tuple):
        return list(v)
    return [v]


def _text(d: dict, key: str, c: _Collector, *, required: bool = False, max_len: int = 4000) -> str:
    v = d.get(key)
    v = "" if v is None else v
    if not isinstance(v, str):
        if isinstance(v, float) and v != v:
            v = ""
        else:
            v = str(v)
    v = v.strip()
    if required and not v:
        c.add(key, "måste fyllas i. Fick ett tomt värde.", "is required. Got an empty value.")
    if len(v) > max_len:
        c.add(key, f"får vara högst {max_len} tecken. Fick {len(v)}.",
            f"may be at most {max_len} characters. Got {len(v)}.")
    if check_personal_data(v):
        c.add(key, "innehåller något som liknar ett personnummer; registret får inte innehålla personuppgifter.",
              "contains something shaped like a personnummer; the registry must hold no personal data.")
    return v


def _int(d: dict, key: str, c: _Collector, lo: int, hi: int | None = None) -> int | None:
    v = d.get(key)
    if v is None or v == "" or (isinstance(v, float) and v != v):
        return None
    try:
        f = float(str(v).replace(",", ".").replace(" ", "")) if isinstance(v, str) else float(v)
        if f != int(f) or isinstance(v, bool):
            raise ValueError
        n = int(f)
    except (TypeError, ValueError):
        c.add(key, f"måste vara ett heltal. Fick {v!r}.", f"must be a whole number. Got {v!r}.")
        return None
    if n < lo or (hi is not None and n > hi):
        rng = f"{lo}–{hi}" if hi is not None else f"≥ {lo}"
        c.add(key, f"måste vara ett heltal {rng}. Fick {n}.", f"must be a whole number {rng}. Got {n}.")
        return None
    return n


def _codes(d: dict, key: str, vocab: str, c: _Collector, *, required: bool) -> list[str]:
    out: list[str] = []
    bad = []
    for v in _as_list(d.get(key)):
        code = lookup(vocab, str(v))
        if code is None:
            bad.append(v)
        elif code not in out:
            out.append(code)
    allowed = ", ".join(t.sv for t in VOCABULARIES[vocab].values())
    if bad:
        c.add(key, f"måste vara en eller flera av: {allowed}. Fick {', '.join(map(repr, bad))}.",
              f"must be one or more of: {', '.join(VOCABULARIES[vocab])}. Got {', '.join(map(repr, bad))}.")
    elif required and not out:
        c.add(key, f"måste ha minst ett värde av: {allowed}. Fick inget.",
              f"needs at least one of: {', '.join(VOCABULARIES[vocab])}. Got none.")
    return out


def _date(d: dict, key: str, c: _Collector) -> str:
    v = d.get(key)
    if v is None or v == "" or (isinstance(v, float) and v != v):
        return ""
    if hasattr(v, "isoformat"):
        v = v.isoformat()[:10]
    v = str(v).strip()
    if isinstance(d.get(key), int | float) and not isinstance(d.get(key), bool):
        v = str(int(d[key]))
    ok = bool(_DATE.match(v))
    if ok:
        parts = [int(p) for p in v.split("-")]
        ok = 1900 <= parts[0] <= 2100 and (len(parts) < 2 or 1 <= parts[1] <= 12) and \
            (len(parts) < 3 or 1 <= parts[2] <= 31)
    if not ok:
        c.add(key, f"måste vara ett datum som 2024, 2024-08 eller 2024-08-15. Fick {v!r}.",
              f"must be a date like 2024, 2024-08 or 2024-08-15. Got {v!r}.")
        return ""
    return v


def _partners(d: dict, c: _Collector) -> list[Partner]:
    out = []
    for p in _as_list(d.get("partners")):
        if isinstance(p, Partner):
            p = asdict(p)
        if isinstance(p, str):
            typ, _, name = p.partition(":")
            p = {"type": typ, "name": name}
        if not isinstance(p, dict):
            c.add("partners", f"måste vara 'typ: namn'. Fick {p!r}.", f"must be 'type: name'. Got {p!r}.")
            continue
        code = lookup("partner", str(p.get("type", "")))
        if code is None:
            allowed = ", ".join(t.sv for t in VOCABULARIES["partner"].values())
            c.add("partners", f"har en okänd partnertyp {p.get('type')!r}; tillåtna: {allowed}.",
                  f"has an unknown partner type {p.get('type')!r}; allowed: {', '.join(VOCABULARIES['partner'])}.")
            continue
        name = str(p.get("name") or "").strip()
        if ";" in name or "\n" in name:
            c.add("partners", f"namnet får inte innehålla semikolon eller radbrytning. Fick {name!r}.",
                  f"the name may not contain a semicolon or line break. Got {name!r}.")
        if check_personal_data(name):
            c.add("partners", "innehåller något som liknar ett personnummer.", "contains a personnummer-like value.")
        out.append(Partner(code, name))
    return out


def _evidence(d: dict, c: _Collector, scheme: EvidenceScheme) -> list[EvidenceClaim]:
    out = []
    for i, e in enumerate(_as_list(d.get("evidence")), start=1):
        if isinstance(e, EvidenceClaim):
            e = asdict(e)
        if not isinstance(e, dict):
            c.add("evidence", f"post {i} måste vara en tabell med nivå och källa. Fick {e!r}.",
                  f"item {i} must be a mapping with tier and source. Got {e!r}.")
            continue
        tier = scheme.get(str(e.get("tier") or ""))
        if tier is None:
            allowed = ", ".join(t.sv for t in scheme.tiers)
            c.add("evidence", f"post {i}: nivån måste vara en av: {allowed}. Fick {e.get('tier')!r}.",
                  f"item {i}: the tier must be one of {', '.join(t.code for t in scheme.tiers)}. "
                  f"Got {e.get('tier')!r}.")
            continue
        sub = _Collector()
        source = _text(e, "source", sub, required=True, max_len=1000)
        url = _text(e, "url", sub, max_len=1000)
        if url and not re.match(r"^https?://\S+$", url):
            c.add("evidence", f"post {i}: länken måste börja med http:// eller https://. Fick {url!r}.",
                  f"item {i}: the URL must start with http:// or https://. Got {url!r}.")
        date = _date(e, "date_assessed", sub)
        if sub.errors:
            c.add("evidence", f"post {i} ({tier.sv}) måste ha en källa (och giltigt bedömningsdatum).",
                  f"item {i} ({tier.code}) needs a source (and a valid assessment date).")
        out.append(EvidenceClaim(tier.code, source, url, date, _text(e, "assessor", sub, max_len=200),
                                 _text(e, "note", sub)))
    return out


def _areas(d: dict, c: _Collector) -> list[AreaRef]:
    out: list[AreaRef] = []
    for a in _as_list(d.get("areas")):
        if isinstance(a, AreaRef):
            a = asdict(a)
        if isinstance(a, str):
            code, _, version = a.partition("@")
            a = {"code": code.strip(), "version": version.strip()}
        code, version = str(a.get("code") or "").strip(), str(a.get("version") or "").strip()
        if not code or not version:
            got = f"{code}@{version}" if version else code  # what was typed, not a dict
            c.add("areas", f"anges som 'kod@version', t.ex. 0127R005@RegSO2020. Fick {got!r}.",
                  f"are given as 'code@version', e.g. 0127R005@RegSO2020. Got {got!r}.")
            continue
        if all(x.code != code or x.version != version for x in out):
            out.append(AreaRef(code, version))
    return out


def _reach(d: dict, c: _Collector, stages: list[str]) -> list[Reach]:
    out: list[Reach] = []
    seen = set()
    for i, r in enumerate(_as_list(d.get("reach")), start=1):
        if isinstance(r, Reach):
            r = asdict(r)
        if not isinstance(r, dict):
            c.add("reach", f"post {i} måste ha år och deltagare. Fick {r!r}.",
                f"item {i} needs year and participants. Got {r!r}.")
            continue
        sub = _Collector()
        year = _int(r, "year", sub, 1990, 2100)
        try:
            n, n_high = parse_participants(r.get("participants"), r.get("participants_high"))
        except ValueError as exc:
            got = given_text(r.get("participants"), r.get("participants_high"))
            msg = "insatser.reach.item_order" if str(exc) == "order" else "insatser.reach.item_format"
            c.add("reach", t(msg, "sv", i=i, got=repr(got)), t(msg, "en", i=i, got=repr(got)))
            continue
        stage = None
        if r.get("life_stage") not in (None, ""):
            stage = lookup("livsfas", str(r["life_stage"]))
            if stage is None or stage not in stages:
                sub.add("life_stage", "", "")
        code = str(r.get("area_code") or "").strip() or None
        version = str(r.get("area_version") or "").strip() or None
        if (code is None) != (version is None):
            sub.add("area", "", "")
        if year is None or sub.errors:
            c.add("reach", f"post {i}: år (1990–2100), en av insatsens livsfaser och område med både kod och "
                  f"version krävs. Fick {r!r}.",
                  f"item {i}: needs year (1990–2100), one of the insats's life stages and an area with both code "
                  f"and version. Got {r!r}.")
            continue
        key = (year, code, stage)
        if key in seen:
            c.add("reach", f"post {i}: år {year}, område {code or 'hela insatsen'} och livsfas {stage or 'alla'} "
                  "finns redan.",
                      f"item {i}: year {year}, area {code or 'whole insats'}, stage {stage or 'all'} is a duplicate.")
            continue
        seen.add(key)
        out.append(Reach(year, n, code, version, stage, _text(r, "note", c, max_len=500), n_high))
    return out


def _ids(d: dict, key: str, c: _Collector) -> list[str]:
    out = []
    for v in _as_list(d.get(key)):
        v = str(v).strip()
        if not _ID.match(v):
            c.add(key, f"måste vara id:n av a–z, 0–9, _ och -. Fick {v!r}.",
                f"must be ids of a–z, 0–9, _ and -. Got {v!r}.")
        elif v not in out:
            out.append(v)
    return out


def parse_insats(data: dict, scheme: EvidenceScheme | None = None) -> Insats:
    """Validate a plain dict and build an :class:`Insats`.

    Parameters
    ----------
    data : dict
        Field names as in :data:`FIELD_LABELS`; list fields accept lists or ``;``-separated
        text; vocabulary fields accept codes or Swedish/English labels.
    scheme : EvidenceScheme, optional
        Default :func:`default_scheme`.

    Raises
    ------
    ValidationError
        Listing every invalid field, in Swedish (English with ``message('en')``).
    """
    scheme = scheme or default_scheme()
    c = _Collector()
    if not isinstance(data, dict):
        raise ValidationError([{"field": "", "row": None,
            "sv": f"indata måste vara en tabell. Fick {type(data).__name__}.",
                                "en": f"input must be a mapping. Got {type(data).__name__}."}])
    unknown = sorted(set(data) - set(FIELD_LABELS))
    if unknown:
        c.add("", f"finns inte; okända fält: {', '.join(unknown)}.",
            f"does not exist; unknown fields: {', '.join(unknown)}.")
    ins_id = _text(data, "id", c, max_len=80)
    if ins_id and not _ID.match(ins_id):
        c.add("id", f"måste bestå av a–z, 0–9, _ och - (högst 80 tecken). Fick {ins_id!r}.",
              f"must consist of a–z, 0–9, _ and - (at most 80). Got {ins_id!r}.")
    kommun = _text(data, "kommun", c, required=True, max_len=4)
    if kommun and not _KOMMUN.match(kommun):
        c.add("kommun", f"måste vara en kommunkod med fyra siffror, t.ex. 0127. Fick {kommun!r}.",
              f"must be a four-digit kommun code, e.g. 0127. Got {kommun!r}.")
    age_min = _int(data, "age_min", c, 0, 120)
    age_max = _int(data, "age_max", c, 0, 120)
    if age_min is not None and age_max is not None and age_min > age_max:
        c.add("age_max", f"måste vara ≥ 'Ålder från' ({age_min}). Fick {age_max}.",
            f"must be ≥ age_min ({age_min}). Got {age_max}.")
    stages = _codes(data, "life_stages", "livsfas", c, required=False)
    if not stages and age_min is not None and not any(e["field"].startswith("age") for e in c.errors):
        stages = stages_for_ages(age_min, age_max)
    if not stages and not any(e["field"] == "life_stages" for e in c.errors):
        allowed = ", ".join(s.sv for s in LIFE_STAGES.values())
        c.add("life_stages", f"måste ha minst en livsfas ({allowed}) eller en åldersgräns. Fick inget.",
              "needs at least one life stage or an age band. Got none.")
    stages = [s for s in LIFE_STAGES if s in stages]  # chain order
    scope = _text(data, "scope", c) or "kommun"
    scope = {"hela kommunen": "kommun", "kommunen": "kommun", "områden": "omraden", "omraden": "omraden",
             "utvalda områden": "omraden", "kommun": "kommun"}.get(scope.lower(), scope)
    areas = _areas(data, c)
    if scope not in ("kommun", "omraden"):
        c.add("scope", f"måste vara 'hela kommunen' eller 'områden'. Fick {scope!r}.",
            f"must be 'kommun' or 'omraden'. Got {scope!r}.")
    elif scope == "omraden" and not areas:
        c.add("areas", "måste ha minst ett område när insatsen bedrivs i utvalda områden.",
              "needs at least one area when the insats runs in selected areas.")
    elif scope == "kommun" and areas:
        c.add("areas", "ska vara tomt när insatsen bedrivs i hela kommunen.", "must be empty for a kommun-wide insats.")
    start, end = _date(data, "start", c), _date(data, "end", c)
    if start and end and end < start[: len(end)]:
        c.add("end", f"måste vara samma dag som eller efter startdatum ({start}). Fick {end}.",
              f"must be on or after the start ({start}). Got {end}.")
    cost = data.get("cost_sek")
    cost_val = None
    if cost not in (None, "") and not (isinstance(cost, float) and cost != cost):
        try:
            cost_val = float(str(cost).replace(" ", "").replace(",", ".")) if isinstance(cost, str) else float(cost)
            if cost_val < 0 or cost_val != cost_val:
                raise ValueError
        except (TypeError, ValueError):
            c.add("cost_sek", f"måste vara ett belopp ≥ 0 i kronor. Fick {cost!r}.",
                f"must be an amount ≥ 0 in SEK. Got {cost!r}.")
            cost_val = None
    status = _codes(data, "status", "status", c, required=False)
    if len(status) > 1:
        c.add("status", f"måste vara ett enda värde. Fick {status}.", f"must be a single value. Got {status}.")
    example = _text(data, "example_label", c, max_len=200)
    sources = [_text({"s": s}, "s", c, max_len=1000) for s in _as_list(data.get("sources"))]
    ins = Insats(
        id=ins_id, kommun=kommun, name=_text(data, "name", c, required=True, max_len=200),
        description=_text(data, "description", c), organisation=_text(data, "organisation", c, required=True,
            max_len=200),
        unit=_text(data, "unit", c, max_len=200), partners=_partners(data, c),
        arenas=_codes(data, "arenas", "arena", c, required=True), levels=_codes(data, "levels", "niva", c,
            required=True),
        life_stages=stages, age_min=age_min, age_max=age_max,
        themes=_codes(data, "themes", "tema", c, required=True), factors=_codes(data, "factors", "faktor", c,
            required=False),
        evidence=_evidence(data, c, scheme), scope=scope, areas=areas, start=start, end=end,
        capacity=_int(data, "capacity", c, 0), reach=_reach(data, c, stages),
        target_group_size=_int(data, "target_group_size", c, 0), target_group_note=_text(data, "target_group_note", c),
        cost_sek=cost_val, cost_note=_text(data, "cost_note", c), goals=_ids(data, "goals", c),
        indicators=_ids(data, "indicators", c), status=status[0] if status else "pagaende",
        library_ref=_text(data, "library_ref", c, max_len=80), sources=[s for s in sources if s],
        example_label=example, notes=_text(data, "notes", c),
    )
    if ins.scope == "omraden":
        area_codes = {a.code for a in ins.areas}
        for r in ins.reach:
            if r.area_code is not None and r.area_code not in area_codes:
                c.add("reach", f"anger område {r.area_code} som inte finns bland insatsens områden.",
                      f"names area {r.area_code}, which is not one of the insats's areas.")
    if c.errors:
        raise ValidationError(c.errors)
    return ins


def describe(ins: Insats, lang: str = "sv") -> dict:
    """Labels for display: arena, level, stage, theme and factor codes → Swedish text."""
    return {
        "arenas": [label("arena", a, lang) for a in ins.arenas],
        "levels": [label("niva", x, lang) for x in ins.levels],
        "life_stages": [label("livsfas", s, lang) for s in ins.life_stages],
        "themes": [label("tema", t, lang) for t in ins.themes],
        "factors": [label("faktor", f, lang) for f in ins.factors],
        "status": label("status", ins.status, lang),
        "partners": [f"{label('partner', p.type, lang)}{': ' + p.name if p.name else ''}" for p in ins.partners],
    }
