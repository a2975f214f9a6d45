"""A store written by release 0.1 (insatser, accounts and self-assessments in DuckDB) opens in this
release: its rows are in the operational store, once, and everything works on."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import sqlalchemy as sa

from lagesbild.prevention import auth, malkedja, registry, selfassessment
from lagesbild.store import open_store

DATA = Path(__file__).parent / "data" / "release-0.1.duckdb.gz"


def _old_store(tmp_path) -> Path:
    path = tmp_path / "lagesbild.duckdb"
    with gzip.open(DATA, "rb") as fin, open(path, "wb") as fout:
        shutil.copyfileobj(fin, fout)
    return path


def test_release01_store_is_adopted_once(tmp_path, settings):
    path = _old_store(tmp_path)
    s = settings.replace(store=str(path))
    old = open_store(path, settings=s, read_only=True)
    old_audit = old.sql("SELECT * FROM prev_audit ORDER BY seq")
    old.close()

    st = open_store(path, settings=s, read_only=True)  # as the app opens it
    items = registry.list_insatser(st)
    assert [i.name for i in items] == ["Läxhjälp i Alfa (syntetisk)"] and items[0].goals == ["mal-1"]
    assert [g["id"] for g in malkedja.list_goals(st, "0127")] == ["mal-1"]
    assert auth.authenticate(st, "bo.redaktor", "ett-langt-losenord-9").role == "redaktor"
    assert selfassessment.get(st, "0127", 2024)["comment"] == "syntetisk"
    log = registry.audit_log(st).sort_values("seq")
    assert list(log["seq"]) == list(old_audit["seq"]) and list(log["who"]) == list(old_audit["who"])
    assert list(log["after_json"]) == list(old_audit["after_json"])
    assert (tmp_path / "lagesbild.ops.sqlite").exists()
    # new changes go on from there
    registry.update(st, items[0].id, {**registry.insats_to_dict(items[0]), "name": "Ny"}, "ada")
    assert registry.audit_log(st)["seq"].iloc[0] == old_audit["seq"].max() + 1
    st.close()

    again = open_store(path, settings=s)  # a second open copies nothing twice
    assert len(registry.audit_log(again)) == len(old_audit) + 1
    assert [i.name for i in registry.list_insatser(again)] == ["Ny"]
    with again.operational.connect() as conn:
        rows = dict(conn.execute(sa.text("SELECT table_name, rows FROM ops_adopted")).all())
    assert rows["prev_audit"] == len(old_audit) and rows["prev_insatser"] == 1
    with again.operational.connect() as conn:  # the old signing secret is not carried over
        assert conn.execute(sa.text("SELECT count(*) FROM prev_meta WHERE key = 'secret_key'")).scalar() == 0
    again.close()


def test_duckdb_store_steps_and_newer_store_refused(tmp_path, settings, monkeypatch):
    import pytest

    from lagesbild.errors import LagesbildError
    from lagesbild.store import db, schema

    path = _old_store(tmp_path)
    s = settings.replace(store=str(path))
    # a release whose DuckDB schema is version 2: one step adds a column
    monkeypatch.setattr(schema, "SCHEMA_VERSION", "2")
    monkeypatch.setattr(db, "SCHEMA_VERSION", "2")
    monkeypatch.setattr(schema, "MIGRATIONS", [("2", ["ALTER TABLE sources ADD COLUMN steg2 VARCHAR"])])
    st = open_store(path, settings=s)  # opened for writing: upgraded in a new generation
    assert "steg2" in st.sql("SELECT * FROM sources LIMIT 0").columns
    assert st.sql("SELECT value FROM meta WHERE key = 'schema_version'")["value"].iloc[0] == "2"
    assert len(st.sql("SELECT * FROM observations")) == 1  # the data came along
    st.close()
    # the same file seen by a release that knows only version 1: refused with what to do
    monkeypatch.setattr(db, "SCHEMA_VERSION", "1")
    with pytest.raises(LagesbildError) as exc:
        open_store(path, settings=s, read_only=True)
    msg = exc.value.message("sv")
    assert "schemaversion 2" in msg and "pip install -U lagesbild" in msg
