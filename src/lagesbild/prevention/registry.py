"""The insats registry in the store: tables, CRUD and the audit log.

Every table of the prevention module is created here with ``CREATE TABLE IF NOT EXISTS``
inside ``store.transaction()``. Each change (create, update, delete; also goals, indicators,
self-assessments and accounts, which use :func:`write_audit`) writes one audit row in the
**same** transaction as the change: who, when, action, object, and the object before and after
as JSON. Validation happens before the transaction starts, so an invalid insats leaves
nothing behind.

Reads work on a store opened read-only even before any table exists (they return nothing).
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import UTC, datetime

from lagesbild.errors import ConflictError, InputError, NotFoundError, PermissionDeniedError
from lagesbild.prevention.model import (
    EvidenceScheme,
    Insats,
    ValidationError,
    default_scheme,
    insats_to_dict,
    parse_insats,
)

__all__ = ["ensure_tables", "has_table", "create", "update", "delete", "get", "get_record", "list_insatser",
           "upsert_many", "audit_log", "write_audit", "get_scheme", "set_scheme", "slugify", "now",
           "filter_insatser"]

_TABLES = (
    """CREATE TABLE IF NOT EXISTS prev_insatser (id VARCHAR PRIMARY KEY, kommun VARCHAR NOT NULL,
       name VARCHAR NOT NULL, status VARCHAR NOT NULL, doc VARCHAR NOT NULL, version INTEGER NOT NULL,
       created_at TIMESTAMP NOT NULL, created_by VARCHAR NOT NULL, updated_at TIMESTAMP NOT NULL,
       updated_by VARCHAR NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS prev_audit (seq BIGINT PRIMARY KEY, changed_at TIMESTAMP NOT NULL,
       who VARCHAR NOT NULL, action VARCHAR NOT NULL, object_type VARCHAR NOT NULL,
       object_id VARCHAR NOT NULL, kommun VARCHAR, before_json VARCHAR, after_json VARCHAR)""",
    "CREATE TABLE IF NOT EXISTS prev_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
    """CREATE TABLE IF NOT EXISTS prev_goals (id VARCHAR PRIMARY KEY, kommun VARCHAR NOT NULL,
       kind VARCHAR NOT NULL, doc VARCHAR NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS prev_selfassessment (kommun VARCHAR NOT NULL, year INTEGER NOT NULL,
       doc VARCHAR NOT NULL, total DOUBLE, saved_at TIMESTAMP NOT NULL, saved_by VARCHAR NOT NULL,
       PRIMARY KEY (kommun, year))""",
    """CREATE TABLE IF NOT EXISTS prev_users (username VARCHAR PRIMARY KEY, password_hash VARCHAR NOT NULL,
       role VARCHAR NOT NULL, active BOOLEAN NOT NULL, created_at TIMESTAMP NOT NULL)""",
)

ACTIONS = ("skapa", "andra", "ta_bort")


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def ensure_tables(con) -> None:
    """Create the prevention tables (call inside ``store.transaction()``)."""
    for ddl in _TABLES:
        con.execute(ddl)


def has_table(store, name: str) -> bool:
    df = store.sql("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ?", [name])
    return int(df["n"].iloc[0]) > 0


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
        raise PermissionDeniedError("Varje ändring måste ha en användare (vem) för ändringsloggen.",
                                    "Every change needs a user (who) for the audit log.")
    return who


def write_audit(con, who: str, action: str, object_type: str, object_id: str, kommun: str | None,
                before: dict | None, after: dict | None) -> None:
    """Append one audit row (inside the caller's transaction)."""
    seq = con.execute("SELECT coalesce(max(seq), 0) + 1 FROM prev_audit").fetchone()[0]
    con.execute("INSERT INTO prev_audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [seq, now(), _who(who), action, object_type, object_id, kommun,
                 None if before is None else json.dumps(before, ensure_ascii=False, sort_keys=True),
                 None if after is None else json.dumps(after, ensure_ascii=False, sort_keys=True)])


# ----------------------------------------------------------------------------- scheme
def get_scheme(store) -> EvidenceScheme:
    """The installation's evidence scheme (default unless one was stored)."""
    if has_table(store, "prev_meta"):
        df = store.sql("SELECT value FROM prev_meta WHERE key = 'evidensskala'")
        if not df.empty:
            return EvidenceScheme.from_dict(json.loads(df["value"].iloc[0]))
    return default_scheme()


def set_scheme(store, scheme: EvidenceScheme, who: str) -> None:
    """Replace the evidence scheme; refused if a stored claim would lose its tier."""
    bad = [f"{i.id}: {c.tier}" for i in list_insatser(store) for c in i.evidence if scheme.get(c.tier) is None]
    if bad:
        raise ConflictError(f"Evidensskalan saknar nivåer som används: {', '.join(bad[:10])}.",
                            f"The evidence scheme lacks tiers in use: {', '.join(bad[:10])}.")
    before = get_scheme(store).to_dict()
    with store.transaction() as con:
        ensure_tables(con)
        con.execute("DELETE FROM prev_meta WHERE key = 'evidensskala'")
        con.execute("INSERT INTO prev_meta VALUES ('evidensskala', ?)", [json.dumps(scheme.to_dict(), ensure_ascii=False)])
        write_audit(con, who, "andra", "evidensskala", "evidensskala", None, before, scheme.to_dict())


# ----------------------------------------------------------------------------- references
def _check_refs(store, ins: Insats) -> None:
    """Check kommun, areas and goal/indicator ids against the store; raise ValidationError."""
    errors = []

    def err(fld, sv, en):
        errors.append({"field": fld, "row": None, "sv": sv, "en": en})

    if store.areas(level="kommun", codes=[ins.kommun]).empty:
        err("kommun", f"fältet 'Kommun': kommunkoden {ins.kommun} finns inte.", f"kommun code {ins.kommun} does not exist.")
    refs = {(a.code, a.version) for a in ins.areas} | {(r.area_code, r.area_version) for r in ins.reach if r.area_code}
    if refs:
        df = store.areas(codes=sorted({c for c, _ in refs}))
        known = {(r.code, r.version): r.kommun for r in df.itertuples()}
        for code, version in sorted(refs):
            if (code, version) not in known:
                err("areas", f"fältet 'Områden': området {code}@{version} finns inte i lagret.",
                    f"area {code}@{version} does not exist in the store.")
            elif known[(code, version)] != ins.kommun:
                err("areas", f"fältet 'Områden': området {code}@{version} ligger i kommun {known[(code, version)]}, "
                    f"inte {ins.kommun}.", f"area {code}@{version} is in kommun {known[(code, version)]}, not {ins.kommun}.")
    for kind, ids, lab in (("mal", ins.goals, "Mål"), ("indikator", ins.indicators, "Indikatorer")):
        if not ids:
            continue
        have = set()
        if has_table(store, "prev_goals"):
            q = f"SELECT id FROM prev_goals WHERE kind = ? AND kommun = ? AND id IN ({','.join('?' * len(ids))})"
            have = set(store.sql(q, [kind, ins.kommun, *ids])["id"])
        for i in ids:
            if i not in have:
                err("goals" if kind == "mal" else "indicators", f"fältet '{lab}': {i!r} finns inte för kommun {ins.kommun}.",
                    f"{kind} {i!r} does not exist for kommun {ins.kommun}.")
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
    if has_table(store, "prev_insatser"):
        existing |= set(store.sql("SELECT id FROM prev_insatser WHERE id LIKE ?", [base + "%"])["id"])
    cand, n = base, 2
    while cand in existing:
        cand, n = f"{base}-{n}", n + 1
    return cand


# ----------------------------------------------------------------------------- writes
def _insert(con, ins: Insats, who: str) -> None:
    t = now()
    con.execute("INSERT INTO prev_insatser VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)",
                [ins.id, ins.kommun, ins.name, ins.status, json.dumps(insats_to_dict(ins), ensure_ascii=False),
                 t, who, t, who])
    write_audit(con, who, "skapa", "insats", ins.id, ins.kommun, None, insats_to_dict(ins))


def _replace(con, old: Insats, ins: Insats, who: str) -> None:
    con.execute("UPDATE prev_insatser SET kommun = ?, name = ?, status = ?, doc = ?, version = version + 1, "
                "updated_at = ?, updated_by = ? WHERE id = ?",
                [ins.kommun, ins.name, ins.status, json.dumps(insats_to_dict(ins), ensure_ascii=False), now(), who, ins.id])
    write_audit(con, who, "andra", "insats", ins.id, ins.kommun, insats_to_dict(old), insats_to_dict(ins))


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
    with store.transaction() as con:
        ensure_tables(con)
        _insert(con, ins, who)
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
        raise InputError(f"Id kan inte ändras ({insats_id!r} → {raw.get('id')!r}).",
                         f"The id cannot change ({insats_id!r} → {raw.get('id')!r}).")
    raw["id"] = insats_id
    ins = _validate(store, raw)
    if expected_version is not None and rec["version"] != expected_version:
        raise ConflictError(f"Insatsen {insats_id!r} har ändrats av någon annan (version {rec['version']}, "
                            f"du utgick från {expected_version}). Ladda om och försök igen.",
                            f"The insats {insats_id!r} was changed by someone else (version {rec['version']}, "
                            f"yours {expected_version}). Reload and try again.")
    with store.transaction() as con:
        _replace(con, rec["insats"], ins, who)
    return ins


def delete(store, insats_id: str, who: str) -> None:
    """Delete an insats (the audit log keeps its last content)."""
    who = _who(who)
    old = get(store, insats_id)
    with store.transaction() as con:
        con.execute("DELETE FROM prev_insatser WHERE id = ?", [insats_id])
        write_audit(con, who, "ta_bort", "insats", insats_id, old.kommun, insats_to_dict(old), None)


def upsert_many(store, items: list[Insats | dict], who: str, *, row_numbers: list[int] | None = None) -> dict:
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
        raise InputError(f"Samma id förekommer flera gånger i importen: {', '.join(dup)}.",
                         f"The same id occurs more than once in the import: {', '.join(dup)}.")
    out: dict[str, list[str]] = {"created": [], "updated": [], "unchanged": []}
    taken: set[str] = set(ids)
    with store.transaction() as con:
        ensure_tables(con)
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
    if not has_table(store, "prev_insatser"):
        return False
    return not store.sql("SELECT 1 FROM prev_insatser WHERE id = ?", [insats_id]).empty


def _from_doc(doc: str) -> Insats:
    return parse_insats(json.loads(doc), _LOOSE)


class _LooseScheme(EvidenceScheme):
    """Accepts every stored tier (stored data were validated when written)."""

    def get(self, value):
        from lagesbild.prevention.model import Tier

        return Tier(str(value), str(value), str(value), 99)


_LOOSE = _LooseScheme("stored", 0, ())


def _get_in(con, insats_id: str) -> Insats | None:
    row = con.execute("SELECT doc FROM prev_insatser WHERE id = ?", [insats_id]).fetchone()
    return None if row is None else _from_doc(row[0])


def get_record(store, insats_id: str) -> dict:
    """The insats with its version and timestamps: ``{insats, version, created_at, ...}``."""
    df = store.sql("SELECT * FROM prev_insatser WHERE id = ?", [insats_id]) if has_table(store, "prev_insatser") else None
    if df is None or df.empty:
        raise NotFoundError(f"Insatsen {insats_id!r} finns inte.", f"The insats {insats_id!r} does not exist.")
    r = df.iloc[0]
    return {"insats": _from_doc(r["doc"]), "version": int(r["version"]), "created_at": r["created_at"],
            "created_by": r["created_by"], "updated_at": r["updated_at"], "updated_by": r["updated_by"]}


def get(store, insats_id: str) -> Insats:
    return get_record(store, insats_id)["insats"]


def list_insatser(store, kommun: str | None = None) -> list[Insats]:
    """All insatser (of one kommun), ordered by kommun and name."""
    if not has_table(store, "prev_insatser"):
        return []
    q, p = "SELECT doc FROM prev_insatser", []
    if kommun is not None:
        q, p = q + " WHERE kommun = ?", [kommun]
    return [_from_doc(d) for d in store.sql(q + " ORDER BY kommun, name, id", p)["doc"]]


def filter_insatser(items: list[Insats], *, arena=None, level=None, stage=None, theme=None, status=None,
                    factor=None, area=None, text=None, rct_or_better: bool = False, scheme=None,
                    parents: dict[str, str] | None = None) -> list[Insats]:
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

    cols = ["seq", "changed_at", "who", "action", "object_type", "object_id", "kommun", "before_json", "after_json"]
    if not has_table(store, "prev_audit"):
        return pd.DataFrame(columns=cols)
    q, p, where = "SELECT * FROM prev_audit", [], []
    if object_id:
        where.append("object_id = ?")
        p.append(object_id)
    if kommun:
        where.append("kommun = ?")
        p.append(kommun)
    if where:
        q += " WHERE " + " AND ".join(where)
    return store.sql(q + f" ORDER BY seq DESC LIMIT {int(limit)}", p)
