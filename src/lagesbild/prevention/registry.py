"""The insats registry: CRUD and the audit log, in the operational store.

The tables are declared in :mod:`lagesbild.prevention.tables` and live in the operational store
beside the DuckDB store (SQLite in WAL mode or PostgreSQL), so that many editors can save while
the app serves and imports run. Functions take the DuckDB :class:`~lagesbild.store.Store` (area
codes are checked against it) and reach the operational store through it. Each change (create,
update, delete; also goals, indicators, self-assessments and accounts, which use
:func:`write_audit`) writes one audit row in the **same** transaction as the change: who, when,
action, object, and the object before and after as JSON. Validation happens before the
transaction starts, so an invalid insats leaves nothing behind.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa

from lagesbild.errors import ConflictError, InputError, NotFoundError, PermissionDeniedError
from lagesbild.prevention.model import (
    EvidenceScheme,
    Insats,
    ValidationError,
    default_scheme,
    insats_to_dict,
    parse_insats,
)
from lagesbild.prevention.tables import AUDIT, GOALS, INSATSER, META, now, ops_of

__all__ = [
    "ensure_tables",
    "create",
    "update",
    "delete",
    "get",
    "get_record",
    "list_insatser",
    "upsert_many",
    "audit_log",
    "write_audit",
    "get_scheme",
    "set_scheme",
    "slugify",
    "now",
    "filter_insatser",
]

ACTIONS = ("skapa", "andra", "ta_bort")


def ensure_tables(store) -> None:
    """Create the prevention tables in the operational store of ``store`` (idempotent)."""
    ops_of(store)


def slugify(text: str) -> str:
    """ASCII slug of a name.

    Examples
    --------
    >>> slugify("Tåget – förskola & skola")
    'taget-forskola-skola'
    """
    t = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")[:60] or "insats"


def _who(who: str) -> str:
    who = (who or "").strip()
    if not who:
        raise PermissionDeniedError(
            "Varje ändring måste ha en användare (vem) för ändringsloggen.",
            "Every change needs a user (who) for the audit log.",
        )
    return who


def write_audit(
    conn,
    who: str,
    action: str,
    object_type: str,
    object_id: str,
    kommun: str | None,
    before: dict | None,
    after: dict | None,
) -> None:
    """Append one audit row (inside the caller's transaction, an operational-store connection)."""
    conn.execute(
        AUDIT.insert().values(
            changed_at=now(),
            who=_who(who),
            action=action,
            object_type=object_type,
            object_id=object_id,
            kommun=kommun,
            before_json=None if before is None else json.dumps(before, ensure_ascii=False, sort_keys=True),
            after_json=None if after is None else json.dumps(after, ensure_ascii=False, sort_keys=True),
        )
    )


# ----------------------------------------------------------------------------- scheme
def get_scheme(store) -> EvidenceScheme:
    """The installation's evidence scheme (default unless one was stored)."""
    with ops_of(store).connect() as conn:
        value = conn.execute(sa.select(META.c.value).where(META.c.key == "evidensskala")).scalar()
    return default_scheme() if value is None else EvidenceScheme.from_dict(json.loads(value))


def set_scheme(store, scheme: EvidenceScheme, who: str) -> None:
    """Replace the evidence scheme; refused if a stored claim would lose its tier."""
    bad = [f"{i.id}: {c.tier}" for i in list_insatser(store) for c in i.evidence if scheme.get(c.tier) is None]
    if bad:
        raise ConflictError(
            f"Evidensskalan saknar nivåer som används: {', '.join(bad[:10])}.",
            f"The evidence scheme lacks tiers in use: {', '.join(bad[:10])}.",
        )
    before = get_scheme(store).to_dict()
    with ops_of(store).begin() as con:
        con.execute(META.delete().where(META.c.key == "evidensskala"))
        con.execute(META.insert().values(key="evidensskala", value=json.dumps(scheme.to_dict(), ensure_ascii=False)))
        write_audit(con, who, "andra", "evidensskala", "evidensskala", None, before, scheme.to_dict())


# ----------------------------------------------------------------------------- references
def _check_refs(store, ins: Insats) -> None:
    """Check kommun, areas and goal/indicator ids against the store; raise ValidationError."""
    errors = []

    def err(fld, sv, en):
        errors.append({"field": fld, "row": None, "sv": sv, "en": en})

    if store.areas(level="kommun", codes=[ins.kommun]).empty:
        err(
            "kommun",
            f"fältet 'Kommun': kommunkoden {ins.kommun} finns inte.",
            f"kommun code {ins.kommun} does not exist.",
        )
    refs = {(a.code, a.version) for a in ins.areas} | {(r.area_code, r.area_version) for r in ins.reach if r.area_code}
    if refs:
        df = store.areas(codes=sorted({c for c, _ in refs}))
        known = {(r.code, r.version): r.kommun for r in df.itertuples()}
        for code, version in sorted(refs):
            if (code, version) not in known:
                err(
                    "areas",
                    f"fältet 'Områden': området {code}@{version} finns inte i lagret.",
                    f"area {code}@{version} does not exist in the store.",
                )
            elif known[(code, version)] != ins.kommun:
                err(
                    "areas",
                    f"fältet 'Områden': området {code}@{version} ligger i kommun {known[(code, version)]}, "
                    f"inte {ins.kommun}.",
                    f"area {code}@{version} is in kommun {known[(code, version)]}, not {ins.kommun}.",
                )
    for kind, ids, lab in (("mal", ins.goals, "Mål"), ("indikator", ins.indicators, "Indikatorer")):
        if not ids:
            continue
        with ops_of(store).connect() as conn:
            have = set(
                conn.execute(
                    sa.select(GOALS.c.id).where(
                        GOALS.c.kind == kind, GOALS.c.kommun == ins.kommun, GOALS.c.id.in_(list(ids))
                    )
                ).scalars()
            )
        for i in ids:
            if i not in have:
                err(
                    "goals" if kind == "mal" else "indicators",
                    f"fältet '{lab}': {i!r} finns inte för kommun {ins.kommun}.",
                    f"{kind} {i!r} does not exist for kommun {ins.kommun}.",
                )
    if errors:
        raise ValidationError(errors)


def _validate(store, data: Insats | dict) -> Insats:
    raw = insats_to_dict(data) if isinstance(data, Insats) else data
    ins = parse_insats(raw, get_scheme(store))
    _check_refs(store, ins)
    return ins


def _new_id(store, ins: Insats, taken: set[str]) -> str:
    base = f"{ins.kommun}-{slugify(ins.name)}"
    existing = set(taken)
    with ops_of(store).connect() as conn:
        existing |= set(
            conn.execute(sa.select(INSATSER.c.id).where(INSATSER.c.id.startswith(base, autoescape=True))).scalars()
        )
    cand, n = base, 2
    while cand in existing:
        cand, n = f"{base}-{n}", n + 1
    return cand


# ----------------------------------------------------------------------------- writes
def _insert(con, ins: Insats, who: str) -> None:
    t = now()
    con.execute(
        INSATSER.insert().values(
            id=ins.id,
            kommun=ins.kommun,
            name=ins.name,
            status=ins.status,
            doc=json.dumps(insats_to_dict(ins), ensure_ascii=False),
            version=1,
            created_at=t,
            created_by=who,
            updated_at=t,
            updated_by=who,
        )
    )
    write_audit(con, who, "skapa", "insats", ins.id, ins.kommun, None, insats_to_dict(ins))


def _replace(con, old: Insats, ins: Insats, who: str, expected_version: int | None = None) -> int:
    """Write the new content; returns the rows changed (0 when ``expected_version`` is stale)."""
    stmt = INSATSER.update().where(INSATSER.c.id == ins.id)
    if expected_version is not None:
        stmt = stmt.where(INSATSER.c.version == expected_version)
    n = con.execute(
        stmt.values(
            kommun=ins.kommun,
            name=ins.name,
            status=ins.status,
            doc=json.dumps(insats_to_dict(ins), ensure_ascii=False),
            version=INSATSER.c.version + 1,
            updated_at=now(),
            updated_by=who,
        )
    ).rowcount
    if not n:
        return 0
    write_audit(con, who, "andra", "insats", ins.id, ins.kommun, insats_to_dict(old), insats_to_dict(ins))
    return n


def create(store, data: Insats | dict, who: str) -> Insats:
    """Validate and store a new insats; returns it with its id.

    Raises
    ------
    ValidationError
        Invalid fields or references (nothing is written).
    ConflictError
        The given id exists already.
    """
    who = _who(who)
    ins = _validate(store, data)
    if ins.id and _exists(store, ins.id):
        raise ConflictError(f"Insatsen {ins.id!r} finns redan.", f"The insats {ins.id!r} exists already.")
    ins.id = ins.id or _new_id(store, ins, set())
    try:
        with ops_of(store).begin() as con:
            _insert(con, ins, who)
    except sa.exc.IntegrityError:  # the same id saved by someone else a moment ago
        raise ConflictError(f"Insatsen {ins.id!r} finns redan.", f"The insats {ins.id!r} exists already.") from None
    return ins


def update(store, insats_id: str, data: Insats | dict, who: str, *, expected_version: int | None = None) -> Insats:
    """Replace an insats with new content (all fields), audit-logged with before and after.

    ``expected_version`` (from :func:`get_record`) guards against overwriting someone
    else's concurrent edit (ConflictError).
    """
    who = _who(who)
    rec = get_record(store, insats_id)
    raw = insats_to_dict(data) if isinstance(data, Insats) else dict(data)
    if raw.get("id") not in (None, "", insats_id):
        raise InputError(
            f"Id kan inte ändras ({insats_id!r} → {raw.get('id')!r}).",
            f"The id cannot change ({insats_id!r} → {raw.get('id')!r}).",
        )
    raw["id"] = insats_id
    ins = _validate(store, raw)
    version = rec["version"] if expected_version is None else expected_version
    changed = 0
    if version == rec["version"]:
        with ops_of(store).begin() as con:
            old = _get_in(con, insats_id)
            changed = 0 if old is None else _replace(con, old, ins, who, version)
    if not changed:
        current = get_record(store, insats_id)["version"]
        raise ConflictError(
            f"Insatsen {insats_id!r} har ändrats av någon annan (version {current}, "
            f"du utgick från {version}). Ladda om och försök igen.",
            f"The insats {insats_id!r} was changed by someone else (version {current}, "
            f"yours {version}). Reload and try again.",
        )
    return ins


def delete(store, insats_id: str, who: str) -> None:
    """Delete an insats (the audit log keeps its last content)."""
    who = _who(who)
    old = get(store, insats_id)
    with ops_of(store).begin() as con:
        con.execute(INSATSER.delete().where(INSATSER.c.id == insats_id))
        write_audit(con, who, "ta_bort", "insats", insats_id, old.kommun, insats_to_dict(old), None)


def upsert_many(store, items: Sequence[Insats | dict], who: str, *, row_numbers: list[int] | None = None) -> dict:
    """Create or replace many insatser in ONE transaction (import); all or nothing.

    Returns ``{"created": [...ids], "updated": [...ids], "unchanged": [...ids]}``.
    """
    who = _who(who)
    validated, errors = [], []
    rows = row_numbers or list(range(1, len(items) + 1))
    for row, data in zip(rows, items):
        try:
            validated.append(_validate(store, data))
        except ValidationError as exc:
            errors += [{**e, "row": e.get("row") or row} for e in exc.errors]
    if errors:
        raise ValidationError(errors, "Importen", "The import")
    ids = [i.id for i in validated if i.id]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise InputError(
            f"Samma id förekommer flera gånger i importen: {', '.join(dup)}.",
            f"The same id occurs more than once in the import: {', '.join(dup)}.",
        )
    out: dict[str, list[str]] = {"created": [], "updated": [], "unchanged": []}
    taken: set[str] = set(ids)
    with ops_of(store).begin() as con:
        for ins in validated:
            old = _get_in(con, ins.id) if ins.id else None
            if old is None:
                if not ins.id:
                    ins.id = _new_id(store, ins, taken)
                    taken.add(ins.id)
                _insert(con, ins, who)
                out["created"].append(ins.id)
            elif insats_to_dict(old) == insats_to_dict(ins):
                out["unchanged"].append(ins.id)
            else:
                _replace(con, old, ins, who)
                out["updated"].append(ins.id)
    return out


# ----------------------------------------------------------------------------- reads
def _exists(store, insats_id: str) -> bool:
    with ops_of(store).connect() as conn:
        return conn.execute(sa.select(INSATSER.c.id).where(INSATSER.c.id == insats_id)).first() is not None


def _from_doc(doc: str) -> Insats:
    return parse_insats(json.loads(doc), _LOOSE)


class _LooseScheme(EvidenceScheme):
    """Accepts every stored tier (stored data were validated when written)."""

    def get(self, value):
        from lagesbild.prevention.model import Tier

        return Tier(str(value), str(value), str(value), 99)


_LOOSE = _LooseScheme("stored", 0, ())


def _get_in(con, insats_id: str) -> Insats | None:
    doc = con.execute(sa.select(INSATSER.c.doc).where(INSATSER.c.id == insats_id)).scalar()
    return None if doc is None else _from_doc(doc)


def get_record(store, insats_id: str) -> dict:
    """The insats with its version and timestamps: ``{insats, version, created_at, ...}``."""
    with ops_of(store).connect() as conn:
        r = conn.execute(sa.select(INSATSER).where(INSATSER.c.id == insats_id)).mappings().first()
    if r is None:
        raise NotFoundError(f"Insatsen {insats_id!r} finns inte.", f"The insats {insats_id!r} does not exist.")
    return {
        "insats": _from_doc(r["doc"]),
        "version": int(r["version"]),
        "created_at": r["created_at"],
        "created_by": r["created_by"],
        "updated_at": r["updated_at"],
        "updated_by": r["updated_by"],
    }


def get(store, insats_id: str) -> Insats:
    return get_record(store, insats_id)["insats"]


def list_insatser(store, kommun: str | None = None) -> list[Insats]:
    """All insatser (of one kommun), ordered by kommun and name."""
    q = sa.select(INSATSER.c.doc)
    if kommun is not None:
        q = q.where(INSATSER.c.kommun == kommun)
    with ops_of(store).connect() as conn:
        docs = list(conn.execute(q.order_by(INSATSER.c.kommun, INSATSER.c.name, INSATSER.c.id)).scalars())
    return [_from_doc(d) for d in docs]


def filter_insatser(
    items: list[Insats],
    *,
    arena=None,
    level=None,
    stage=None,
    theme=None,
    status=None,
    factor=None,
    area=None,
    text=None,
    rct_or_better: bool = False,
    scheme=None,
    parents: dict[str, str] | None = None,
) -> list[Insats]:
    """Filter insatser in memory (every filter optional; all given filters must match).

    ``parents`` maps DeSO codes to their RegSO so that ``area`` (a RegSO) also matches insatser
    that run in DeSO areas inside it.
    """
    scheme = scheme or default_scheme()
    out = []
    for i in items:
        if arena and arena not in i.arenas or level and level not in i.levels:
            continue
        if stage and stage not in i.life_stages or theme and theme not in i.themes:
            continue
        if status and i.status != status or factor and factor not in i.factors:
            continue
        if area and not i.reaches_area(area, parents):
            continue
        if text and text.lower() not in f"{i.name} {i.description} {i.organisation}".lower():
            continue
        if rct_or_better and not any((t := scheme.get(c.tier)) and t.rct_or_better for c in i.evidence):
            continue
        out.append(i)
    return out


def audit_log(store, *, object_id: str | None = None, kommun: str | None = None, limit: int = 500):
    """The audit log, newest first, as a DataFrame (before/after as JSON text)."""
    import pandas as pd

    cols = [c.name for c in AUDIT.columns]
    q = sa.select(AUDIT)
    if object_id:
        q = q.where(AUDIT.c.object_id == object_id)
    if kommun:
        q = q.where(AUDIT.c.kommun == kommun)
    with ops_of(store).connect() as conn:
        rows = conn.execute(q.order_by(AUDIT.c.seq.desc()).limit(int(limit))).all()
    df = pd.DataFrame([tuple(r) for r in rows], columns=cols)
    if not df.empty:
        df["changed_at"] = pd.to_datetime(df["changed_at"])
    return df
