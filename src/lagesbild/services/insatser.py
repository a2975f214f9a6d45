"""Use cases of the insats registry: list, show, create, change, delete, import and export insatser,
adopt library programmes, load the example registries and read the audit log.

Every write takes ``who`` (the user name written to the audit log). Reads return plain dicts
and DataFrames with Swedish keys, and state unknown reach as unknown. The vocabularies and field
labels the registry's pages show are exported here too. Coverage is in :mod:`.tackning`, the
life-course chain and the målkedja in :mod:`.kedjor`, the self-assessment in
:mod:`.sjalvskattning` and accounts in :mod:`.accounts`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lagesbild.i18n import choose, t
from lagesbild.prevention import coverage, examples, io, library, registry
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

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

    from lagesbild._config import Settings
    from lagesbild.prevention.model import EvidenceScheme
    from lagesbild.store.db import Store

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
    "load_examples",
    "audit_log",
    "demo",
    # vocabulary and labels, for the registry's pages
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


def _evidence_text(ins: Insats, scheme: EvidenceScheme, lang: str = "sv") -> str:
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


def summary_row(ins: Insats, scheme: EvidenceScheme, lang: str = "sv") -> dict:
    """One list row of an insats; the keys stay Swedish, the labels follow ``lang``.

    Parameters
    ----------
    ins : Insats
        The insats.
    scheme : EvidenceScheme
        The installation's evidence scheme, which ranks the evidence claims.
    lang : str
        Language of labels and notes, 'sv' (default) or 'en'.

    Returns
    -------
    dict
        ``id``, ``kommun``, ``namn``, ``arena``, ``nivå``, ``livsfaser``, ``tema``, ``var`` (the whole
        kommun or the number of areas), ``evidens`` (the best tier, or "not evaluated"; negative
        findings noted), ``räckvidd`` (the latest year's participants, or unknown), ``status`` and
        ``exempel`` (the example label, empty for a kommun's own insats).
    """
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


def list_insatser(store: Store, kommun: str | None = None, lang: str = "sv", **filters: Any) -> list[dict]:
    """Summary rows of the insatser that match every given filter, ordered by kommun and name.

    Parameters
    ----------
    store : Store
        The analytical store (the registry lives in its operational store).
    kommun : str, optional
        Only this kommun's insatser.
    lang : str
        Language of labels and notes, 'sv' (default) or 'en'.
    **filters
        ``arena``, ``level``, ``stage``, ``theme``, ``status``, ``factor`` (codes), ``area`` (a RegSO
        also matches insatser in the DeSO areas inside it), ``text`` (in name, description or
        organisation) and ``rct_or_better`` (bool); None, "" and False are ignored.

    Returns
    -------
    list of dict
        One :func:`summary_row` per insats.
    """
    scheme = registry.get_scheme(store)
    filters = {k: v for k, v in filters.items() if v not in (None, "", False)}
    if filters.get("area"):
        deso = store.areas(level="deso", kommun=kommun)
        filters["parents"] = dict(zip(deso["code"], deso["parent_code"]))
    items = registry.filter_insatser(registry.list_insatser(store, kommun), scheme=scheme, **filters)
    return [summary_row(i, scheme, lang) for i in items]


def show_insats(store: Store, insats_id: str, lang: str = "sv") -> dict:
    """Everything about one insats, with labels, evidence and reach (unknown shown as unknown).

    Parameters
    ----------
    store : Store
        The analytical store (the registry lives in its operational store).
    insats_id : str
        The insats.
    lang : str
        Language of labels and notes, 'sv' (default) or 'en'.

    Returns
    -------
    dict
        ``insats`` (every field, as stored), ``labels`` (the codes as text in ``lang``),
        ``evidens_text``, ``evidens`` (one row per claim), ``rackvidd`` (one row per reach record:
        participants or "unknown", and for a record of the whole insats the coverage of its stated
        target group, the midpoint of a range), ``version``, ``created_at``, ``created_by``,
        ``updated_at``, ``updated_by`` and ``exempel`` (True for an example insats).

    Raises
    ------
    NotFoundError
        When there is no such insats.
    """
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


def create_insats(store: Store, data: Insats | dict, who: str) -> Insats:
    """Add an insats to the registry (validated, audit-logged); nothing is written on failure.

    Parameters
    ----------
    store : Store
        The analytical store (the registry lives in its operational store).
    data : Insats or dict
        The insats' fields; without an ``id`` one is made from the kommun and the name.
    who : str
        The user written to the audit log.

    Returns
    -------
    Insats
        The stored insats, with its id.

    Raises
    ------
    ValidationError
        When fields or references (kommun, areas, goals, indicators) are invalid, every problem named.
    ConflictError
        When the given id exists already.
    PermissionDeniedError
        When ``who`` is empty.
    """
    return registry.create(store, data, who)


def update_insats(store: Store, insats_id: str, data: Insats | dict, who: str,
                  expected_version: int | None = None) -> Insats:
    """Replace the content of an insats (every field), validated and audit-logged with before and after.

    Parameters
    ----------
    store : Store
        The analytical store (the registry lives in its operational store).
    insats_id : str
        The insats.
    data : Insats or dict
        The insats' new fields; an ``id`` in them must be ``insats_id`` or empty.
    who : str
        The user written to the audit log.
    expected_version : int, optional
        The version the editor started from (``version`` of :func:`show_insats`); None takes the
        stored one.

    Returns
    -------
    Insats
        The stored insats.

    Raises
    ------
    NotFoundError
        When there is no such insats.
    ConflictError
        When the stored version is not ``expected_version`` (someone else saved meanwhile).
    InputError
        When ``data`` has another id.
    ValidationError
        When fields or references are invalid, every problem named.
    PermissionDeniedError
        When ``who`` is empty.
    """
    return registry.update(store, insats_id, data, who, expected_version=expected_version)


def delete_insats(store: Store, insats_id: str, who: str) -> None:
    """Remove an insats; the audit log keeps its last content.

    Parameters
    ----------
    store : Store
        The analytical store (the registry lives in its operational store).
    insats_id : str
        The insats.
    who : str
        The user written to the audit log.

    Raises
    ------
    NotFoundError
        When there is no such insats.
    PermissionDeniedError
        When ``who`` is empty.
    """
    registry.delete(store, insats_id, who)


def adopt_programme(store: Store, program_id: str, kommun: str, organisation: str, who: str,
                    **overrides: Any) -> Insats:
    """Adopt a library programme into the kommun's registry in one step (status "planerad").

    The programme's fields become the insats' fields (``library_ref`` keeps the link); the new
    insats is validated and audit-logged like any other.

    Parameters
    ----------
    store : Store
        The analytical store (the registry lives in its operational store).
    program_id : str
        The programme's id or one of its aliases (``lagesbild insatser bibliotek`` lists them).
    kommun : str
        Four-digit kommun code.
    organisation : str
        The organisation that runs it.
    who : str
        The user written to the audit log.
    **overrides
        Fields that replace the programme's defaults.

    Returns
    -------
    Insats
        The new insats, with its id.

    Raises
    ------
    NotFoundError
        When the library has no such programme.
    ValidationError
        When the fields (after ``overrides``) are invalid.
    ConflictError
        When an id given in ``overrides`` exists already.
    PermissionDeniedError
        When ``who`` is empty.
    """
    return library.adopt(store, program_id, kommun, organisation, who, **overrides)


def library_table(lang: str = "sv") -> pd.DataFrame:
    """The library of Swedish programmes, one row each with its best evidence tier.

    Parameters
    ----------
    lang : str
        Language of labels and notes, 'sv' (default) or 'en'.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``namn``, ``arena``, ``nivå``, ``livsfaser``, ``ålder`` and ``bästa evidens``
        (labels in ``lang``).
    """
    return library.library_table(lang)


def import_insatser(store: Store, path: str | Path, who: str, fmt: str | None = None) -> dict:
    """Import insatser from Excel, CSV or JSON, validated row by row and written in one
    transaction: all rows or none. A row with the id of a stored insats replaces it.

    Parameters
    ----------
    store : Store
        The analytical store (the registry lives in its operational store).
    path : str or Path
        The file.
    who : str
        The user written to the audit log.
    fmt : str, optional
        ``xlsx``, ``csv`` or ``json`` (from the suffix by default).

    Returns
    -------
    dict
        The ids per action: ``created``, ``updated`` and ``unchanged`` (lists of str).

    Raises
    ------
    InputError
        When the file does not exist, the format is not one of the three, or an id occurs twice.
    SchemaError
        When the file is not an insatser file (no sheet 'Insatser', no JSON document of insatser,
        missing columns).
    ValidationError
        When rows are invalid, each problem named by row and column.
    PermissionDeniedError
        When ``who`` is empty.
    """
    return io.import_insatser(store, path, who, fmt)


def export_insatser(store: Store, path: str | Path, kommun: str | None = None,
                    fmt: str | None = None) -> list[Path]:
    """Write the registry (or one kommun's part) with Swedish headings; the import reads it back.

    Parameters
    ----------
    store : Store
        The analytical store (the registry lives in its operational store).
    path : str or Path
        Where to write (``.xlsx``, ``.csv`` or ``.json``).
    kommun : str, optional
        Only this kommun's insatser.
    fmt : str, optional
        ``xlsx``, ``csv`` or ``json`` (from the suffix by default).

    Returns
    -------
    list of Path
        The files written (CSV writes one file per table beside ``path``).

    Raises
    ------
    InputError
        When the format is not one of the three.
    """
    return io.export_insatser(registry.list_insatser(store, kommun), path, fmt)


def write_template(path: str | Path) -> list[Path]:
    """An empty import template to fill in: every table with its Swedish headings, in the format of
    the suffix (an Excel file also has the instructions and the word lists).

    Parameters
    ----------
    path : str or Path
        Where to write it (``.xlsx``, ``.csv`` or ``.json``).

    Returns
    -------
    list of Path
        The files written (CSV writes one file per table beside ``path``).

    Raises
    ------
    InputError
        When the suffix is not one of the three.
    """
    return io.write_template(path)


def load_examples(store: Store, kommuner: list[str] | None = None, who: str = "exempel") -> dict:
    """Load the example registries (built on public information, labelled as examples) in one
    transaction; an example already stored is replaced where it differs.

    Parameters
    ----------
    store : Store
        The analytical store (the registry lives in its operational store).
    kommuner : list of str, optional
        Which of 0127, 0136, 0126 and 1480 (default: all four).
    who : str
        The user written to the audit log.

    Returns
    -------
    dict
        The ids per action: ``created``, ``updated`` and ``unchanged`` (lists of str).

    Raises
    ------
    NotFoundError
        For a kommun without an example registry.
    """
    return examples.load_examples(store, kommuner, who)


def audit_log(store: Store, *, object_id: str | None = None, kommun: str | None = None,
              limit: int = 500) -> pd.DataFrame:
    """The audit log of the operational store (insatser, accounts, self-assessments …), newest first.

    Parameters
    ----------
    store : Store
        The analytical store (the log lives in its operational store).
    object_id : str, optional
        Only the changes of this object (an insats id, a user name …).
    kommun : str, optional
        Only the changes of this kommun's objects.
    limit : int
        At most this many rows (default 500).

    Returns
    -------
    pandas.DataFrame
        One row per change: ``seq``, ``changed_at``, ``who``, ``action``, ``object_type``,
        ``object_id``, ``kommun``, and the object before and after as JSON text (``before_json``,
        ``after_json``; empty where it did not exist).
    """
    return registry.audit_log(store, object_id=object_id, kommun=kommun, limit=limit)


def demo(store: Store, settings: Settings) -> None:
    """Load the four example registries and print Botkyrka's life-course chain briefly (in Swedish).

    Parameters
    ----------
    store : Store
        The analytical store (the registry lives in its operational store).
    settings : Settings
        The resolved settings (unused; every demo step takes them).
    """
    res = load_examples(store)
    n = sum(len(v) for v in res.values())
    print(
        f"\nInsatsregister: {n} exempelinsatser för Botkyrka, Haninge, Huddinge och Göteborg "
        f"({EXAMPLE_LABEL.lower()}; {len(res['created'])} nya)."
    )
    ch = coverage.chain(store, "0127", registry.list_insatser(store, "0127"))
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
