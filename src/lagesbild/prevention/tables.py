"""Tables of the prevention module in the operational store (SQLAlchemy Core).

Insatser, goals and indicators, self-assessments, accounts, installation facts and the audit
log are edited by many people while the app serves, so they live in the operational store
(:mod:`lagesbild.store.operational`: SQLite in WAL mode or PostgreSQL), not in the analytical
DuckDB store. Documents are kept as JSON text (``doc``) beside the columns that are filtered on.

:func:`ops_of` gives the operational store for a DuckDB :class:`~lagesbild.store.Store`
(the one beside it, opened once per store object) or returns an operational store unchanged.
"""

from __future__ import annotations

import threading
import weakref
from datetime import UTC, datetime

import sqlalchemy as sa

from lagesbild.store.operational import METADATA, OperationalStore

__all__ = ["INSATSER", "AUDIT", "META", "GOALS", "SELFASSESSMENT", "USERS", "ALL", "ops_of", "now"]

_ID = sa.String(200)
# an auto-numbered key on both SQLite (INTEGER PRIMARY KEY = rowid) and PostgreSQL (BIGSERIAL)
_SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

INSATSER = sa.Table(
    "prev_insatser", METADATA,
    sa.Column("id", _ID, primary_key=True),
    sa.Column("kommun", sa.String(10), nullable=False, index=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("status", sa.String(40), nullable=False),
    sa.Column("doc", sa.Text, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("created_by", sa.String(100), nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.Column("updated_by", sa.String(100), nullable=False),
)

AUDIT = sa.Table(
    "prev_audit", METADATA,
    sa.Column("seq", _SEQ, primary_key=True, autoincrement=True),
    sa.Column("changed_at", sa.DateTime, nullable=False),
    sa.Column("who", sa.String(100), nullable=False),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("object_type", sa.String(40), nullable=False),
    sa.Column("object_id", _ID, nullable=False, index=True),
    sa.Column("kommun", sa.String(10), index=True),
    sa.Column("before_json", sa.Text),
    sa.Column("after_json", sa.Text),
)

META = sa.Table(
    "prev_meta", METADATA,
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

GOALS = sa.Table(
    "prev_goals", METADATA,
    sa.Column("id", _ID, primary_key=True),
    sa.Column("kommun", sa.String(10), nullable=False, index=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("doc", sa.Text, nullable=False),
)

SELFASSESSMENT = sa.Table(
    "prev_selfassessment", METADATA,
    sa.Column("kommun", sa.String(10), primary_key=True),
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("doc", sa.Text, nullable=False),
    sa.Column("total", sa.Float),
    sa.Column("saved_at", sa.DateTime, nullable=False),
    sa.Column("saved_by", sa.String(100), nullable=False),
)

USERS = sa.Table(
    "prev_users", METADATA,
    sa.Column("username", sa.String(40), primary_key=True),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

#: Every prevention table, in an order that respects dependencies (for backup and copying).
ALL = (META, USERS, GOALS, INSATSER, SELFASSESSMENT, AUDIT)


def now() -> datetime:
    """The current UTC time without time zone (as stored)."""
    return datetime.now(UTC).replace(tzinfo=None)


_READY: weakref.WeakSet = weakref.WeakSet()
_READY_LOCK = threading.Lock()


def ops_of(store) -> OperationalStore:
    """The operational store of ``store`` (a DuckDB Store or an OperationalStore), with the
    prevention tables created and — once — the rows of a store written by an earlier release
    (which kept these tables in DuckDB) copied over."""
    ops = store if isinstance(store, OperationalStore) else store.operational
    if ops not in _READY:
        with _READY_LOCK:
            if ops not in _READY:
                ops.create_all()
                if not isinstance(store, OperationalStore):
                    from lagesbild.store.legacy import adopt_legacy_tables

                    if adopt_legacy_tables(store, ops, ALL).get(META.name):
                        # release 0.1 kept the session-signing secret in the store; it now lives
                        # in a file of its own and is not copied into the operational store
                        with ops.begin() as conn:
                            conn.execute(META.delete().where(META.c.key == "secret_key"))
                _READY.add(ops)
    return ops
