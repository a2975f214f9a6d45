"""The operational store: SQLite (WAL) and PostgreSQL behind one API, migrations, concurrency."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from lagesbild.errors import ConfigError, LagesbildError
from lagesbild.store.operational import (
    SCHEMA_TABLE,
    Migration,
    open_operational,
    operational_url,
    schema_version,
)

_md = sa.MetaData()
ITEMS = sa.Table("t_items", _md, sa.Column("id", sa.Integer, primary_key=True),
                 sa.Column("name", sa.String(50), nullable=False))
COUNTER = sa.Table("t_counter", _md, sa.Column("k", sa.String(10), primary_key=True),
                   sa.Column("n", sa.Integer, nullable=False))


@pytest.fixture
def ops(ops_settings):
    o = open_operational(ops_settings)
    with o.begin() as conn:
        _md.create_all(conn)
    yield o
    o.close()


def test_sqlite_file_beside_the_duckdb_store(tmp_path, settings):
    s = settings.replace(store=str(tmp_path / "sub" / "x.duckdb"))
    assert operational_url(s) == f"sqlite:///{tmp_path / 'sub' / 'x.ops.sqlite'}"
    o = open_operational(s)
    try:
        assert o.path == tmp_path / "sub" / "x.ops.sqlite" and o.path.exists()
        assert o.dialect == "sqlite"
        with o.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    finally:
        o.close()


def test_memory_store_when_the_duckdb_store_is_memory(settings):
    a = open_operational(settings.replace(store=":memory:"))
    b = open_operational(settings.replace(store=":memory:"))
    try:
        assert a.path is None
        with a.begin() as conn:
            _md.create_all(conn)
            conn.execute(ITEMS.insert().values(id=1, name="a"))
        with a.connect() as conn:
            assert conn.execute(sa.select(ITEMS.c.name)).scalar() == "a"
        with b.connect() as conn:  # a second call is a new, empty database
            assert not sa.inspect(conn).has_table("t_items")
    finally:
        a.close()
        b.close()


def test_postgres_url_uses_psycopg(settings):
    s = settings.replace(database_url="postgres://u:secret@db.example/lb")
    assert operational_url(s) == "postgresql+psycopg://u:secret@db.example/lb"


def test_bad_url_is_a_config_error(settings):
    with pytest.raises(ConfigError) as exc:
        open_operational(settings.replace(database_url="nosuchdb://x:pw@h/y"))
    assert "database_url" in exc.value.message("sv") and "pw" not in exc.value.message("sv")


def test_round_trip_and_rollback(ops):
    with ops.begin() as conn:
        conn.execute(ITEMS.insert(), [{"id": 1, "name": "ett"}, {"id": 2, "name": "två"}])
    with pytest.raises(RuntimeError), ops.begin() as conn:
        conn.execute(ITEMS.insert().values(id=3, name="tre"))
        raise RuntimeError("boom")
    with ops.connect() as conn:
        rows = conn.execute(sa.select(ITEMS.c.id, ITEMS.c.name).order_by(ITEMS.c.id)).all()
    assert [tuple(r) for r in rows] == [(1, "ett"), (2, "två")]


def test_fresh_store_is_stamped_with_the_current_version(ops):
    assert ops.stored_version() == schema_version()
    assert ops.upgrade() == []  # nothing to do the second time


def test_concurrent_writers_all_succeed(ops):
    """12 threads × 30 transactions, each a read-then-write: no error, no lost update."""
    with ops.begin() as conn:
        conn.execute(COUNTER.insert().values(k="x", n=0))
    errors: list[BaseException] = []

    def work(t: int) -> None:
        try:
            for i in range(30):
                with ops.begin() as conn:
                    conn.execute(ITEMS.insert().values(id=t * 1000 + i, name=f"{t}-{i}"))
                    conn.execute(COUNTER.update().values(n=COUNTER.c.n + 1))
        except BaseException as exc:  # pragma: no cover - the assertion shows it
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(12)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    with ops.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(ITEMS)).scalar() == 360
        assert conn.execute(sa.select(COUNTER.c.n)).scalar() == 360


def _add_note(conn: sa.Connection) -> None:
    if sa.inspect(conn).has_table("t_items"):
        conn.execute(sa.text("ALTER TABLE t_items ADD COLUMN note VARCHAR(20) DEFAULT 'ny'"))


def _never(conn: sa.Connection) -> None:
    raise AssertionError("a fresh store must not run migration steps")


def test_older_store_is_upgraded_in_order(ops):
    with ops.begin() as conn:
        conn.execute(ITEMS.insert().values(id=1, name="gammal"))
    base = ops.stored_version()
    steps = [Migration(base, "bas", _never), Migration(base + 1, "anteckning", _add_note)]
    assert ops.upgrade(steps) == [base + 1]
    assert ops.stored_version() == base + 1
    with ops.connect() as conn:
        row = conn.execute(sa.text("SELECT id, name, note FROM t_items")).one()
        hist = conn.execute(sa.select(SCHEMA_TABLE.c.version).order_by(SCHEMA_TABLE.c.version)).scalars()
        assert list(hist) == [base, base + 1]
    assert tuple(row) == (1, "gammal", "ny")
    assert ops.upgrade(steps) == []


def test_failed_migration_leaves_the_store_unchanged(ops):
    base = ops.stored_version()

    def broken(conn):
        _add_note(conn)
        raise RuntimeError("mitt i")

    with pytest.raises(RuntimeError):
        ops.upgrade([Migration(base, "bas", _never), Migration(base + 1, "trasig", broken)])
    assert ops.stored_version() == base
    with ops.connect() as conn:
        cols = {c["name"] for c in sa.inspect(conn).get_columns("t_items")}
    assert "note" not in cols


def test_newer_store_is_refused_with_what_to_do(ops):
    base = ops.stored_version()
    with ops.begin() as conn:
        conn.execute(SCHEMA_TABLE.insert().values(version=base + 5, description="framtid",
                                                  applied_at=sa.func.now(), lagesbild_version="9.9"))
    with pytest.raises(LagesbildError) as exc:
        ops.upgrade()
    msg = exc.value.message("sv")
    assert f"schemaversion {base + 5}" in msg and "pip install -U lagesbild" in msg


def test_fresh_store_skips_steps(tmp_path, settings):
    o = open_operational(settings.replace(store=str(tmp_path / "f.duckdb")), upgrade=False)
    try:
        assert o.stored_version() is None
        assert o.upgrade([Migration(1, "a", _never), Migration(2, "b", _never)]) == []
        assert o.stored_version() == 2
    finally:
        o.close()
    assert Path(tmp_path / "f.ops.sqlite").exists()
