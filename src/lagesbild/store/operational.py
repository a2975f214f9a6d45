"""The operational store: data that people edit concurrently (SQLAlchemy Core).

The analytical DuckDB store (:mod:`lagesbild.store.db`) holds imported statistics and is
written by few, long transactions. Everything users edit while the app serves — insatser and
their audit log, accounts, self-assessments, incidents, plans, survey metadata — lives here,
in a database built for many short concurrent transactions:

* **SQLite in WAL mode** (the default): a file beside the DuckDB store
  (``lagesbild.duckdb`` → ``lagesbild.ops.sqlite``), ``busy_timeout`` so that a writer that
  meets another writer waits instead of failing, and write transactions that start with
  ``BEGIN IMMEDIATE`` so two writers never deadlock on a lock upgrade.
* **PostgreSQL** for shared deployments: the setting ``database_url``
  (``LAGESBILD_DATABASE_URL``), e.g. ``postgresql://user:pw@host/lagesbild``.
* **in-memory SQLite** when the DuckDB store is ``":memory:"`` (tests); every call of
  :func:`open_operational` then gives a new, empty database.

Domain modules declare their tables on :data:`METADATA` (names prefixed with the domain:
``prev_insatser``, ``brott_handelse`` …) and call :meth:`OperationalStore.create_all` after
importing them. Schema changes to existing tables are migrations: functions in
:data:`MIGRATIONS`, applied in order; the version reached is kept in the table
``ops_schema``. Opening a store made by an earlier release applies the missing migrations in
one transaction; a store made by a newer release is refused with a message that says what to do.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from lagesbild._config import Settings
from lagesbild._version import __version__
from lagesbild.errors import ConfigError, LagesbildError
from lagesbild.i18n import pair

__all__ = ["METADATA", "MIGRATIONS", "Migration", "OperationalStore", "open_operational",
           "operational_url", "schema_version", "SCHEMA_TABLE", "ADOPTED", "BUSY_TIMEOUT_MS", "reset_sequences"]

#: Tables of every domain module live on this one MetaData.
METADATA = sa.MetaData()

#: How long (ms) a SQLite writer waits for another writer before giving up.
BUSY_TIMEOUT_MS = 30_000

SCHEMA_TABLE = sa.Table(
    "ops_schema", METADATA,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("description", sa.String(200), nullable=False),
    sa.Column("applied_at", sa.DateTime, nullable=False),
    sa.Column("lagesbild_version", sa.String(40), nullable=False),
)

#: Tables copied once from a DuckDB store of an earlier release (:mod:`lagesbild.store.legacy`).
ADOPTED = sa.Table(
    "ops_adopted", METADATA,
    sa.Column("table_name", sa.String(100), primary_key=True),
    sa.Column("rows", sa.Integer, nullable=False),
    sa.Column("adopted_at", sa.DateTime, nullable=False),
)


@dataclass(frozen=True)
class Migration:
    """One schema step: ``apply(conn)`` runs inside the upgrade transaction.

    A migration must work on a store where the tables it changes do not exist yet (it then
    does nothing: :meth:`OperationalStore.create_all` creates them in their current form).
    """

    version: int
    description: str
    apply: Callable[[sa.Connection], None]


def _baseline(conn: sa.Connection) -> None:
    """Version 1: the tables as declared; nothing to change."""


#: Ordered migrations; the last one's version is the current schema version.
MIGRATIONS: list[Migration] = [
    Migration(1, "Grundschema (insatser, ändringslogg, konton, självskattningar)", _baseline),
]


def schema_version(migrations: list[Migration] | None = None) -> int:
    """The schema version this release writes (that of the last migration)."""
    migrations = MIGRATIONS if migrations is None else migrations
    return migrations[-1].version if migrations else 0


def operational_url(settings: Settings) -> str:
    """The SQLAlchemy URL of the operational store for ``settings``.

    Examples
    --------
    >>> from lagesbild._config import Settings
    >>> operational_url(Settings(store="data/lagesbild.duckdb"))
    'sqlite:///data/lagesbild.ops.sqlite'
    >>> operational_url(Settings(store=":memory:"))
    'sqlite://'
    >>> operational_url(Settings(database_url="postgresql://u@h/db"))
    'postgresql+psycopg://u@h/db'
    """
    url = (getattr(settings, "database_url", "") or "").strip()
    if url:
        if url.startswith(("postgres://", "postgresql://")):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return url
    if settings.store == ":memory:":
        return "sqlite://"
    path = Path(settings.store).expanduser()
    return f"sqlite:///{path.with_name(path.stem + '.ops.sqlite')}"


class OperationalStore:
    """A handle on the operational database. Thread-safe; share one per process.

    Use :meth:`begin` for writes (one transaction; rolled back on any error) and
    :meth:`connect` for reads.
    """

    def __init__(self, engine: sa.Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        # one in-memory SQLite connection is shared by all threads: serialise its use
        self._memory_lock = threading.RLock() if url == "sqlite://" else None

    @property
    def dialect(self) -> str:
        """``'sqlite'`` or ``'postgresql'``."""
        return self.engine.dialect.name

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None (PostgreSQL, in memory)."""
        db = self.engine.url.database
        return Path(db) if self.dialect == "sqlite" and db else None

    @contextlib.contextmanager
    def begin(self) -> Iterator[sa.Connection]:
        """A connection in a write transaction: committed at the end, rolled back on error."""
        with self._serialised(), self.engine.begin() as conn:
            yield conn

    @contextlib.contextmanager
    def connect(self) -> Iterator[sa.Connection]:
        """A connection for reads (a read transaction that is rolled back at the end)."""
        with self._serialised(), self.engine.connect() as conn:
            conn = conn.execution_options(lagesbild_read=True)
            yield conn

    @contextlib.contextmanager
    def _serialised(self) -> Iterator[None]:
        if self._memory_lock is None:
            yield
        else:
            with self._memory_lock:
                yield

    def create_all(self) -> None:
        """Create every table declared on :data:`METADATA` that does not exist yet."""
        with self.begin() as conn:
            METADATA.create_all(conn, checkfirst=True)

    def stored_version(self) -> int | None:
        """The schema version recorded in the store, or None for a store without one."""
        with self.connect() as conn:
            if not sa.inspect(conn).has_table(SCHEMA_TABLE.name):
                return None
            return conn.execute(sa.select(sa.func.max(SCHEMA_TABLE.c.version))).scalar()

    def upgrade(self, migrations: list[Migration] | None = None) -> list[int]:
        """Apply the missing migrations in one transaction; returns the versions applied.

        A new (empty) store gets every table and the current version without running the
        steps. A store newer than this release is refused.
        """
        migrations = MIGRATIONS if migrations is None else migrations
        current = schema_version(migrations)
        with self.begin() as conn:
            if self.dialect == "postgresql":  # one upgrader at a time across processes
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(7355608)"))
            insp = sa.inspect(conn)
            had_schema = insp.has_table(SCHEMA_TABLE.name)
            fresh = not had_schema and not insp.get_table_names()
            SCHEMA_TABLE.create(conn, checkfirst=True)
            stored = conn.execute(sa.select(sa.func.max(SCHEMA_TABLE.c.version))).scalar() or 0
            if stored > current:
                raise LagesbildError(*pair("store.ops_newer", url=self.display_url(),
                                           stored=stored, current=current, version=__version__))
            todo = [] if fresh else [m for m in migrations if m.version > stored]
            for m in todo:
                m.apply(conn)
            stamps = todo if not fresh else migrations[-1:]
            for m in stamps:
                conn.execute(SCHEMA_TABLE.insert().values(
                    version=m.version, description=m.description,
                    applied_at=datetime.now(UTC).replace(tzinfo=None), lagesbild_version=__version__))
            METADATA.create_all(conn, checkfirst=True)
        return [m.version for m in todo]

    def display_url(self) -> str:
        """The URL without its password (for messages)."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> OperationalStore:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def reset_sequences(conn: sa.Connection, tables) -> None:
    """After rows with explicit keys were inserted (copy, restore): move PostgreSQL's sequence
    of each auto-numbered key past the largest key (SQLite needs nothing)."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        for col in table.primary_key.columns:
            if col.autoincrement is True or (col.autoincrement == "auto" and len(table.primary_key.columns) == 1
                                             and isinstance(col.type, sa.Integer)):
                conn.execute(sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{col.name}'), "
                    f"coalesce((SELECT max({col.name}) FROM {table.name}), 0) + 1, false)"))


def _sqlite_engine(url: str) -> sa.Engine:
    from sqlalchemy import event
    from sqlalchemy.pool import StaticPool

    memory = url == "sqlite://"
    kw: dict[str, Any] = {"connect_args": {"check_same_thread": False,
                                           "timeout": BUSY_TIMEOUT_MS / 1000}}
    if memory:
        kw["poolclass"] = StaticPool
    engine = sa.create_engine(url, **kw)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        # the driver's own transaction handling is switched off; "begin" below issues BEGIN
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if not memory:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        # writers take the write lock at BEGIN (and wait up to busy_timeout for it);
        # readers use a deferred transaction and never block a writer in WAL mode
        read = conn.get_execution_options().get("lagesbild_read", False)
        conn.exec_driver_sql("BEGIN" if read else "BEGIN IMMEDIATE")

    return engine


def open_operational(settings: Settings, *, upgrade: bool = True) -> OperationalStore:
    """Open (and create or upgrade) the operational store for ``settings``.

    Parameters
    ----------
    settings : Settings
        ``database_url`` selects PostgreSQL; otherwise SQLite beside ``store``.
    upgrade : bool
        Apply missing migrations and create missing tables (default). With False the store
        is opened as it is.
    """
    url = operational_url(settings)
    try:
        if url.startswith("sqlite"):
            path = url.removeprefix("sqlite:///")
            if url != "sqlite://":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            engine = _sqlite_engine(url)
        else:
            engine = sa.create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
        raise ConfigError(*pair("store.ops_bad_url", url=_hide(url), detail=type(exc).__name__)) from None
    ops = OperationalStore(engine, url)
    if upgrade:
        try:
            ops.upgrade()
        except sa.exc.OperationalError as exc:
            ops.close()
            raise LagesbildError(*pair("store.ops_unreachable", url=ops.display_url(),
                                       detail=_first_line(exc))) from None
    return ops


def _hide(url: str) -> str:
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url.split("@")[-1]


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]
