"""Use cases of the insats registry, shared by the CLI and the web app.

Every write takes ``who`` (the user name written to the audit log). Reads return plain dicts
and DataFrames with Swedish labels, and state unknown reach as unknown.
"""

from __future__ import annotations

from lagesbild.errors import InputError
from lagesbild.i18n import choose, t
from lagesbild.prevention import auth, coverage, examples, io, library, malkedja, registry, selfassessment
from lagesbild.prevention.coverage import age_kommuner_note, gap_label
from lagesbild.prevention.model import (
    EXAMPLE_LABEL,
    FIELD_LABELS,
    FIELD_LABELS_EN,
    Insats,
    describe,
    field_label,
    insats_to_dict,
    participants_text,
)
from lagesbild.prevention.vocab import (
    ARENAS,
    FACTOR_DOMAINS,
    FACTORS,
    LEVELS,
    LIFE_STAGES,
    PARTNER_TYPES,
    STATUSES,
    THEMES,
    label,
)

__all__ = [
    "list_insatser",
    "summary_row",
    "show_insats",
    "create_insats",
    "update_insats",
    "delete_insats",
    "adopt_programme",
    "library_table",
    "import_insatser",
    "export_insatser",
    "write_template",
    "tackning",
    "kedja",
    "malkedja_report",
    "save_selfassessment",
    "selfassessment_compare",
    "load_examples",
    "audit_log",
    "demo",
    "chain_table",
    "selfassessment_label",
    "create_user",
    "list_users",
    # vocabulary, labels and the account module, for the registry's pages
    "auth",
    "age_kommuner_note",
    "gap_label",
    "FIELD_LABELS",
    "FIELD_LABELS_EN",
    "field_label",
    "ARENAS",
    "FACTOR_DOMAINS",
    "FACTORS",
    "LEVELS",
    "LIFE_STAGES",
    "PARTNER_TYPES",
    "STATUSES",
    "THEMES",
    "label",
]


def _evidence_text(ins: Insats, scheme, lang: str = "sv") -> str:
    best = ins.best_tier(scheme)
    if best is None or best.code == "saknas":
        text = t("insatser.svc.not_evaluated", lang)
    else:
        text = choose(best.sv, best.en, lang)
    if any(c.tier == "negativa_fynd" for c in ins.evidence):
        text += t("insatser.svc.also_negative", lang)
    return text


def _reach_text(ins: Insats, lang: str = "sv") -> str:
    if not ins.reach:
        return t("insatser.svc.reach_unknown", lang)
    y = max(r.year for r in ins.reach)
    whole = [r for r in ins.reach if r.year == y and r.area_code is None and r.life_stage is None]
    if whole and whole[0].participants_high is not None:
        return t("insatser.svc.participants_range_year", lang, low=whole[0].participants,
                 high=whole[0].participants_high, year=y)
    if whole and whole[0].participants is not None:
        return t("insatser.svc.participants_year", lang, n=whole[0].participants, year=y)
    return t("insatser.svc.unknown_split", lang, year=y)


def summary_row(ins: Insats, scheme, lang: str = "sv") -> dict:
    """One list row; the keys stay Swedish, the labels follow ``lang`` ("sv" or "en")."""
    d = describe(ins, lang)
    where = (
        t("insatser.svc.whole_kommun", lang)
        if ins.scope == "kommun"
        else t("insatser.svc.n_areas", lang, n=len(ins.areas))
    )
    return {
        "id": ins.id,
        "kommun": ins.kommun,
        "namn": ins.name,
        "arena": ", ".join(d["arenas"]),
        "nivå": ", ".join(d["levels"]),
        "livsfaser": ", ".join(d["life_stages"]),
        "tema": ", ".join(d["themes"]),
        "var": where,
        "evidens": _evidence_text(ins, scheme, lang),
        "räckvidd": _reach_text(ins, lang),
        "status": d["status"],
        "exempel": ins.example_label,
    }


def list_insatser(store, kommun: str | None = None, lang: str = "sv", **filters) -> list[dict]:
    """Summary rows of the insatser matching the filters (see ``registry.filter_insatser``)."""
    scheme = registry.get_scheme(store)
    filters = {k: v for k, v in filters.items() if v not in (None, "", False)}
    if filters.get("area"):
        deso = store.areas(level="deso", kommun=kommun)
        filters["parents"] = dict(zip(deso["code"], deso["parent_code"]))
    items = registry.filter_insatser(registry.list_insatser(store, kommun), scheme=scheme, **filters)
    return [summary_row(i, scheme, lang) for i in items]


def show_insats(store, insats_id: str, lang: str = "sv") -> dict:
    """Everything about one insats, with labels, evidence and reach (unknown shown as unknown)."""
    rec = registry.get_record(store, insats_id)
    ins: Insats = rec["insats"]
    scheme = registry.get_scheme(store)
    reach = []
    for r in sorted(ins.reach, key=lambda r: (r.year, r.area_code or "", r.life_stage or "")):
        cov = None
        if r.participants is not None and ins.target_group_size and r.area_code is None and r.life_stage is None:
            cov = (r.participants + (r.high or 0)) / 2 / ins.target_group_size  # the midpoint of a range
        reach.append(
            {
                "år": r.year,
                "deltagare": (r.participants if r.participants_high is None
                              else participants_text(r.participants, r.participants_high))
                if r.participants is not None
                else t("insatser.svc.participants_unknown", lang),
                "område": r.area_code or t("insatser.svc.whole_insats", lang),
                "livsfas": label("livsfas", r.life_stage, lang) if r.life_stage else t("insatser.svc.all_stages", lang),
                "täckning av angiven målgrupp": cov,
                "kommentar": r.note,
            }
        )
    ev = [
        {
            "nivå": (choose(tier.sv, tier.en, lang) if (tier := scheme.get(c.tier)) else c.tier),
            "källa": c.source,
            "länk": c.url,
            "bedömd": c.date_assessed,
            "bedömare": c.assessor,
            "kommentar": c.note,
        }
        for c in ins.evidence
    ]
    return {
        "insats": insats_to_dict(ins),
        "labels": describe(ins, lang),
        "evidens_text": _evidence_text(ins, scheme, lang),
        "evidens": ev,
        "rackvidd": reach,
        "version": rec["version"],
        "created_at": str(rec["created_at"]),
        "created_by": rec["created_by"],
        "updated_at": str(rec["updated_at"]),
        "updated_by": rec["updated_by"],
        "exempel": ins.example_label == EXAMPLE_LABEL,
    }


def create_insats(store, data: dict, who: str) -> Insats:
    return registry.create(store, data, who)


def update_insats(store, insats_id: str, data: dict, who: str, expected_version: int | None = None) -> Insats:
    return registry.update(store, insats_id, data, who, expected_version=expected_version)


def delete_insats(store, insats_id: str, who: str) -> None:
    registry.delete(store, insats_id, who)


def adopt_programme(store, program_id: str, kommun: str, organisation: str, who: str, **overrides) -> Insats:
    return library.adopt(store, program_id, kommun, organisation, who, **overrides)


def library_table(lang: str = "sv"):
    return library.library_table(lang)


def import_insatser(store, path, who: str, fmt: str | None = None) -> dict:
    return io.import_insatser(store, path, who, fmt)


def export_insatser(store, path, kommun: str | None = None, fmt: str | None = None):
    return io.export_insatser(registry.list_insatser(store, kommun), path, fmt)


def write_template(path):
    return io.write_template(path)


def _vocab_filter(vocab_name: str, value: str | None, param: str) -> str | None:
    from lagesbild.prevention.vocab import VOCABULARIES, label, lookup

    if value is None:
        return None
    code = lookup(vocab_name, value)
    if code is None:
        valid = ", ".join(label(vocab_name, c) for c in VOCABULARIES[vocab_name])
        raise InputError(
            f"Okänt värde {value!r} för {param}. Giltiga: {valid}.",
            f"Unknown value {value!r} for {param}. Valid: {valid}.",
        )
    return code


def tackning(
    store,
    kommun: str,
    *,
    area: str | None = None,
    year: int | None = None,
    max_type: int = 2,
    low: float = 0.25,
    lang: str = "sv",
    livsfas: str | None = None,
    arena: str | None = None,
) -> dict:
    """Need profile, coverage table and gap table of a kommun (or one RegSO 2020 area).

    Notes and labels are in ``lang`` (Swedish by default); codes (``gap``, ``reach_status``) stay codes,
    with ``arena_label``, ``stage_label`` and ``level_label`` beside them. ``livsfas`` and ``arena``
    (a code or a label, e.g. "Förskola") keep only those rows; coverage is a number
    (``coverage``; the midpoint where the reach is a range), its interval (``coverage_low``,
    ``coverage_high``), a lower bound (``coverage_min``) and their text (``coverage_text``: "42 %",
    "45 % (40–50 %)", "minst 85 %", "okänd", over 100 % flagged for the point or the upper bound).
    """
    stage_code = _vocab_filter("livsfas", livsfas, "--livsfas")
    arena_code = _vocab_filter("arena", arena, "--arena")
    items = registry.list_insatser(store, kommun)
    prof = coverage.need_profiles(store, kommun)
    if area:
        prof = prof[prof["area_code"] == area]
    cov = coverage.coverage_table(store, kommun, items, area=area, year=year, lang=lang)
    if len(cov):
        if stage_code:
            cov = cov[cov["stage"] == stage_code]
        if arena_code:
            cov = cov[cov["arena"] == arena_code]
        cov = cov.assign(
            arena_label=[label("arena", c, lang) for c in cov["arena"]],
            stage_label=[label("livsfas", c, lang) for c in cov["stage"]],
            level_label=[label("niva", c, lang) for c in cov["level"]],
        ).reset_index(drop=True)
    gaps = coverage.gap_table(store, kommun, items, max_type=max_type, low=low, year=year, lang=lang)
    if area is not None and not gaps.empty:
        gaps = gaps[gaps["area_code"] == area]
    tp = coverage.target_population(store, kommun)
    note = (
        t("insatser.svc.target_from_scb", lang)
        if not tp.empty
        else t("insatser.svc.target_unknown", lang, note=coverage.age_kommuner_note(lang))
    )
    from lagesbild.services.enkat import factor_gap

    return {
        "kommun": kommun,
        "area": area,
        "need_profile": prof,
        "coverage": cov,
        "gaps": gaps,
        "n_insatser": len(items),
        "target_population_known": not tp.empty,
        "note": note,
        "enkat_luckor": factor_gap(store, kommun, lang),
    }


def kedja(store, kommun: str, area: str | None = None, lang: str = "sv") -> dict:
    """The life-course chain, with the youth survey's priority factors that no insats addresses."""
    from lagesbild.services.enkat import factor_gap

    ch = coverage.chain(store, kommun, registry.list_insatser(store, kommun), area=area)
    return {**ch, "enkat_luckor": factor_gap(store, kommun, lang)}


def malkedja_report(store, kommun: str, lang: str = "sv") -> dict:
    return malkedja.malkedja_report(store, kommun, lang)


def save_selfassessment(store, kommun: str, year: int, answers: dict, who: str, comment: str = "") -> dict:
    return selfassessment.save(store, kommun, year, answers, who, comment)


def selfassessment_compare(store, kommun: str):
    return selfassessment.compare(store, kommun)


def chain_table(ch: dict):
    return coverage.chain_table(ch)


def selfassessment_label() -> str:
    return selfassessment.LABEL


def create_user(store, username: str, password: str, role: str, who: str):

    return auth.create_user(store, username, password, role, who)


def list_users(store) -> list:

    return auth.list_users(store)


def load_examples(store, kommuner=None, who: str = "exempel") -> dict:
    return examples.load_examples(store, kommuner, who)


def audit_log(store, **kw):
    return registry.audit_log(store, **kw)


def demo(store, settings) -> None:
    """Load the four example registries and print Botkyrka's life-course chain briefly."""
    res = load_examples(store)
    n = sum(len(v) for v in res.values())
    print(
        f"\nInsatsregister: {n} exempelinsatser för Botkyrka, Haninge, Huddinge och Göteborg "
        f"({EXAMPLE_LABEL.lower()}; {len(res['created'])} nya)."
    )
    ch = kedja(store, "0127")
    print("Livsförloppskedjan i Botkyrka (U = universell, S = selektiv, I = indikerad):")
    for s in ch["stages"]:
        parts = [f"{lv[0].upper()}: {', '.join(s[lv])}" for lv in ("universell", "selektiv", "indikerad") if s[lv]]
        print(f"  {LIFE_STAGES[s['stage']].sv:<28} {' | '.join(parts) if parts else '– (ingen insats)'}")
    known = sum(s["reach_known"] for s in ch["stages"])
    print(
        "  Räckvidd: "
        + (f"känd för {known} insats-livsfaser" if known else "okänd för alla (inga källor anger deltagarantal)")
        + " – okänd räckvidd visas som okänd, inte noll."
    )
