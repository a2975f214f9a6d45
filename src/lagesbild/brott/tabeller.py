"""Incidents, memberships, plans and medborgarlöften in the operational store, with access rules.

Rules (docs/methods/prevention.md §5.3, §5.4):

* each incident is **owned** by the organisation that reported it; a *rapportör* sees and
  withdraws only its own organisation's records — another organisation's record is simply
  *not found* (its existence is not revealed);
* a new incident is ``inskickad``; a *granskare* (or *samordnare*) approves (``godkand``) or
  rejects (``avvisad``) it; only approved incidents count;
* a withdrawn incident keeps a tombstone (status ``aterkallad``, free text erased) so that the
  count of withdrawals stays visible;
* no table holds a personal identifier: reporters are named by organisation, reviewers by
  account name.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import sqlalchemy as sa

from lagesbild.errors import ConflictError, InputError, NotFoundError, PermissionDeniedError
from lagesbild.i18n import pair
from lagesbild.store.operational import METADATA

__all__ = ["HANDELSE", "MEDLEM", "PLAN", "LOFTE", "ROLL", "DOKUMENT", "BROTT_ROLES", "insert_incidents",
           "list_incidents", "withdraw", "review", "incidents_for_analysis", "set_member", "member", "save_plan",
           "load_plan", "list_plans", "save_promise", "set_promise_status", "list_promises", "set_role", "list_roles",
           "next_document_version", "record_document"]

#: roles of the incident workflow (beside the insatser roles of the accounts)
BROTT_ROLES = ("rapportor", "granskare", "samordnare")

HANDELSE = sa.Table(
    "brott_handelse", METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kommun", sa.String(4), nullable=False, index=True),
    sa.Column("organisation", sa.String(80), nullable=False, index=True),
    sa.Column("rapporterad", sa.DateTime, nullable=False),
    sa.Column("observerad_fran", sa.DateTime, nullable=False),
    sa.Column("observerad_till", sa.DateTime, nullable=False),
    sa.Column("kategori", sa.String(40), nullable=False),
    sa.Column("omrade", sa.String(20)),
    sa.Column("x", sa.Float),
    sa.Column("y", sa.Float),
    sa.Column("plats", sa.String(120)),
    sa.Column("miljo", sa.String(20), nullable=False),
    sa.Column("allvarlighet", sa.Integer, nullable=False),
    sa.Column("antal", sa.Integer, nullable=False),
    sa.Column("fritext", sa.String(2000)),
    sa.Column("status", sa.String(12), nullable=False, index=True),
    sa.Column("inskickad_av", sa.String(40)),
    sa.Column("granskad_av", sa.String(40)),
    sa.Column("granskad", sa.DateTime),
    sa.Column("exempeldata", sa.Boolean, nullable=False, default=False),
)

MEDLEM = sa.Table(
    "brott_medlem", METADATA,
    sa.Column("username", sa.String(40), primary_key=True),
    sa.Column("organisation", sa.String(80), nullable=False),
    sa.Column("roll", sa.String(12), nullable=False),
    sa.Column("kommun", sa.String(4), nullable=False),
)

PLAN = sa.Table(
    "brott_plan", METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kommun", sa.String(4), nullable=False, index=True),
    sa.Column("ar", sa.Integer, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("status", sa.String(12), nullable=False),
    sa.Column("innehall", sa.JSON, nullable=False),
    sa.Column("godkand_av", sa.String(80)),
    sa.Column("godkand", sa.DateTime),
    sa.Column("sparad", sa.DateTime, nullable=False),
    sa.UniqueConstraint("kommun", "ar", "version", name="uq_brott_plan_version"),
)

LOFTE = sa.Table(
    "brott_medborgarlofte", METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kommun", sa.String(4), nullable=False, index=True),
    sa.Column("text", sa.String(1000), nullable=False),
    sa.Column("kalla", sa.String(40), nullable=False),
    sa.Column("ansvarig", sa.String(10), nullable=False),
    sa.Column("klart", sa.Date),
    sa.Column("status", sa.String(12), nullable=False),
    sa.Column("sammanfattning", sa.String(2000)),
)

DOKUMENT = sa.Table(
    "brott_dokument", METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kommun", sa.String(4), nullable=False, index=True),
    sa.Column("ar", sa.Integer, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("godkand_av", sa.String(80)),
    sa.Column("datum", sa.Date, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.UniqueConstraint("kommun", "ar", "version", name="uq_brott_dokument_version"),
)

ROLL = sa.Table(
    "brott_samordning", METADATA,
    sa.Column("kommun", sa.String(4), primary_key=True),
    sa.Column("roll", sa.String(60), primary_key=True),
    sa.Column("innehavare", sa.String(120), nullable=False),
    sa.Column("organisation", sa.String(80), nullable=False),
)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def insert_incidents(ops, frame: pd.DataFrame, *, kommun: str, organisation: str, user: str | None = None,
                     status: str = "inskickad", example: bool = False) -> list[int]:
    """Insert validated incidents (from :func:`lagesbild.brott.handelser.validate_incidents`) in one transaction.

    A ``status`` or ``exempeldata`` column in ``frame`` (generated example data) overrides the arguments.
    """
    if not organisation or not organisation.strip():
        raise InputError(*pair("brott.no_organisation"))
    now = _now()
    rows = []
    for r in frame.to_dict("records"):
        rows.append({
            "kommun": kommun, "organisation": organisation.strip(), "rapporterad": now,
            "observerad_fran": pd.Timestamp(r["observerad_fran"]).to_pydatetime(),
            "observerad_till": pd.Timestamp(r["observerad_till"]).to_pydatetime(),
            "kategori": r["kategori"], "omrade": r.get("omrade"),
            "x": None if pd.isna(r.get("x")) else float(r["x"]), "y": None if pd.isna(r.get("y")) else float(r["y"]),
            "plats": r.get("plats"), "miljo": r.get("miljo") or "offentlig",
            "allvarlighet": int(r.get("allvarlighet") or 1),
            "antal": int(r["antal"]), "fritext": r.get("fritext"), "status": r.get("status") or status,
            "inskickad_av": user, "exempeldata": bool(r.get("exempeldata", example)),
        })
    if not rows:
        return []
    with ops.begin() as conn:
        res = conn.execute(HANDELSE.insert().returning(HANDELSE.c.id, sort_by_parameter_order=True), rows)
        return [int(i) for i in res.scalars()]


def list_incidents(ops, *, kommun: str, organisation: str | None, status: str | None = None,
                   limit: int = 500) -> pd.DataFrame:
    """Incidents of a kommun; with ``organisation`` only that organisation's (a rapportör's view)."""
    q = sa.select(HANDELSE).where(HANDELSE.c.kommun == kommun)
    if organisation is not None:
        q = q.where(HANDELSE.c.organisation == organisation)
    if status is not None:
        q = q.where(HANDELSE.c.status == status)
    q = q.order_by(HANDELSE.c.observerad_fran.desc(), HANDELSE.c.id.desc()).limit(limit)
    with ops.connect() as conn:
        return pd.DataFrame(conn.execute(q).mappings().all(), columns=[c.name for c in HANDELSE.columns])


def _own(conn, incident_id: int, organisation: str | None):
    row = conn.execute(sa.select(HANDELSE).where(HANDELSE.c.id == incident_id)).mappings().first()
    if row is None or (organisation is not None and row["organisation"] != organisation):
        raise NotFoundError(*pair("brott.no_incident", id=incident_id))
    return row


def withdraw(ops, incident_id: int, *, organisation: str) -> None:
    """Withdraw an own incident: status ``aterkallad``, free text erased; another's is *not found*."""
    with ops.begin() as conn:
        _own(conn, incident_id, organisation)
        conn.execute(HANDELSE.update().where(HANDELSE.c.id == incident_id).values(status="aterkallad", fritext=None))


def review(ops, ids, *, decision: str, reviewer: str, role: str) -> int:
    """Approve or reject submitted incidents; returns how many changed."""
    if role not in ("granskare", "samordnare"):
        raise PermissionDeniedError(*pair("brott.not_reviewer", role=role))
    if decision not in ("godkand", "avvisad"):
        raise InputError(*pair("brott.bad_decision", value=decision))
    ids = [int(i) for i in ids]
    with ops.begin() as conn:
        res = conn.execute(HANDELSE.update().where(HANDELSE.c.id.in_(ids), HANDELSE.c.status == "inskickad")
                           .values(status=decision, granskad_av=reviewer, granskad=_now()))
        if res.rowcount != len(ids):
            raise ConflictError(*pair("brott.review_conflict", n=len(ids) - res.rowcount))
        return res.rowcount


def incidents_for_analysis(ops, *, kommun: str) -> pd.DataFrame:
    """The columns the analysis needs, for every status (the analysis itself keeps the approved)."""
    cols = [HANDELSE.c.id, HANDELSE.c.observerad_fran, HANDELSE.c.observerad_till, HANDELSE.c.kategori,
            HANDELSE.c.omrade, HANDELSE.c.x, HANDELSE.c.y, HANDELSE.c.antal, HANDELSE.c.status,
            HANDELSE.c.organisation, HANDELSE.c.exempeldata]
    with ops.connect() as conn:
        rows = conn.execute(sa.select(*cols).where(HANDELSE.c.kommun == kommun)).all()
    df = pd.DataFrame(rows, columns=[c.name for c in cols])
    for c in ("observerad_fran", "observerad_till"):
        df[c] = pd.to_datetime(df[c])
    return df


def set_member(ops, username: str, *, organisation: str, roll: str, kommun: str) -> None:
    if roll not in BROTT_ROLES:
        raise InputError(*pair("brott.bad_role", value=roll, expected=", ".join(BROTT_ROLES)))
    with ops.begin() as conn:
        conn.execute(MEDLEM.delete().where(MEDLEM.c.username == username))
        conn.execute(MEDLEM.insert().values(username=username, organisation=organisation, roll=roll, kommun=kommun))


def member(ops, username: str) -> dict | None:
    with ops.connect() as conn:
        row = conn.execute(sa.select(MEDLEM).where(MEDLEM.c.username == username)).mappings().first()
    return dict(row) if row else None


def save_plan(ops, *, kommun: str, ar: int, content: dict, status: str, approver: str | None = None,
              expected: int | None = None) -> int:
    """Store a new version of the plan; returns the version number.

    With ``expected`` (the version the edit started from, 0 for a new plan) a plan saved by
    someone else in between is refused with :class:`ConflictError` and nothing is written.
    """
    v = 0
    try:
        with ops.begin() as conn:
            v = conn.execute(sa.select(sa.func.max(PLAN.c.version)).where(PLAN.c.kommun == kommun,
                                                                           PLAN.c.ar == ar)).scalar() or 0
            if expected is not None and v != expected:
                raise ConflictError(*pair("brott.plan_stale", kommun=kommun, ar=ar, expected=expected, current=v))
            now = _now()
            conn.execute(PLAN.insert().values(kommun=kommun, ar=ar, version=v + 1, status=status, innehall=content,
                                              godkand_av=approver, godkand=now if approver else None, sparad=now))
            return v + 1
    except sa.exc.IntegrityError:  # another writer took the same version number at the same time
        raise ConflictError(*pair("brott.plan_stale", kommun=kommun, ar=ar, expected=v, current=v + 1)) from None


def load_plan(ops, *, kommun: str, ar: int, version: int | None = None) -> dict | None:
    q = sa.select(PLAN).where(PLAN.c.kommun == kommun, PLAN.c.ar == ar)
    q = q.where(PLAN.c.version == version) if version else q.order_by(PLAN.c.version.desc())
    with ops.connect() as conn:
        row = conn.execute(q.limit(1)).mappings().first()
    return dict(row) if row else None


def list_plans(ops, *, kommun: str) -> list[dict]:
    with ops.connect() as conn:
        rows = conn.execute(sa.select(PLAN.c.ar, PLAN.c.version, PLAN.c.status, PLAN.c.godkand_av, PLAN.c.godkand)
                            .where(PLAN.c.kommun == kommun).order_by(PLAN.c.ar, PLAN.c.version)).mappings().all()
    return [dict(r) for r in rows]


def save_promise(ops, *, kommun: str, values: dict) -> int:
    with ops.begin() as conn:
        res = conn.execute(LOFTE.insert().values(kommun=kommun, **values))
        return int(res.inserted_primary_key[0])


def set_promise_status(ops, *, kommun: str, promise_id: int, status: str) -> None:
    """Change a promise's status; a promise of another kommun is *not found*."""
    with ops.begin() as conn:
        res = conn.execute(LOFTE.update().where(LOFTE.c.id == promise_id, LOFTE.c.kommun == kommun)
                           .values(status=status))
        if res.rowcount != 1:
            raise NotFoundError(*pair("brott.no_promise", kommun=kommun, id=promise_id))


def list_promises(ops, *, kommun: str) -> pd.DataFrame:
    with ops.connect() as conn:
        rows = conn.execute(sa.select(LOFTE).where(LOFTE.c.kommun == kommun).order_by(LOFTE.c.id)).mappings().all()
    return pd.DataFrame(rows, columns=[c.name for c in LOFTE.columns])


def set_role(ops, *, kommun: str, roll: str, innehavare: str, organisation: str) -> None:
    with ops.begin() as conn:
        conn.execute(ROLL.delete().where(ROLL.c.kommun == kommun, ROLL.c.roll == roll))
        conn.execute(ROLL.insert().values(kommun=kommun, roll=roll, innehavare=innehavare, organisation=organisation))


def list_roles(ops, *, kommun: str) -> list[dict]:
    with ops.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(ROLL).where(ROLL.c.kommun == kommun)
                                              .order_by(ROLL.c.roll)).mappings().all()]


def next_document_version(ops, *, kommun: str, ar: int) -> int:
    with ops.connect() as conn:
        v = conn.execute(sa.select(sa.func.max(DOKUMENT.c.version)).where(DOKUMENT.c.kommun == kommun,
                                                                           DOKUMENT.c.ar == ar)).scalar()
    return (v or 0) + 1


def record_document(ops, *, kommun: str, ar: int, version: int, godkand_av: str | None, datum, sha256: str) -> None:
    """Keep the version, approver, date and content hash of a written lägesbild."""
    with ops.begin() as conn:
        conn.execute(DOKUMENT.insert().values(kommun=kommun, ar=ar, version=version, godkand_av=godkand_av,
                                              datum=datum, sha256=sha256))
