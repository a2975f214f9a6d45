"""backup → restore: both stores equal table by table; damaged and foreign archives refused."""

from __future__ import annotations

import gzip
import io
import json
import tarfile

import pandas as pd
import pytest
import sqlalchemy as sa

from lagesbild.errors import InputError
from lagesbild.prevention import auth, registry, selfassessment
from lagesbild.store import open_store
from lagesbild.store.backup import backup, read_manifest, restore

PW = "ett-langt-losenord-9"


def _fill(st) -> None:
    areas = pd.DataFrame([
        {"code": "0127", "version": "kommun2025", "level": "kommun", "name": "Botkyrka", "kommun": "0127"},
        {"code": "0127R001", "version": "RegSO2020", "level": "regso", "name": "Alfa", "parent_code": "0127",
         "parent_version": "kommun2025", "kommun": "0127"}])
    st.write(areas=areas, variables=pd.DataFrame([{"id": "folkmangd", "label_sv": "Folkmängd", "kind": "count"}]),
             sources=pd.DataFrame([{"id": "test", "publisher": "test", "retrieved_at": pd.Timestamp("2025-01-02")}]),
             observations=pd.DataFrame([{"area_code": "0127R001", "area_version": "RegSO2020", "year": 2023,
                                         "variable": "folkmangd", "value": 4321.5, "source_id": "test"}]),
             geometries=pd.DataFrame([{"code": "0127R001", "version": "RegSO2020", "crs": "EPSG:3006",
                                       "geometry": b"\x01\x02\x00\xff"}]), label="t")
    registry.create(st, {"kommun": "0127", "name": "Läxhjälp i Alfa", "organisation": "Botkyrka kommun",
                         "arenas": ["skola"], "levels": ["universell"], "life_stages": ["lagstadiet"],
                         "themes": ["vald"], "scope": "omraden",
                         "areas": [{"code": "0127R001", "version": "RegSO2020"}]}, "ada")
    auth.create_user(st, "bo.redaktor", PW, "redaktor", "ada")
    selfassessment.save(st, "0127", 2024, {}, "ada", comment="första")
    auth.secret_for(st)


def _duck_tables(st) -> dict[str, pd.DataFrame]:
    names = st.sql("SELECT table_name FROM duckdb_tables() ORDER BY 1")["table_name"]
    return {n: st.sql(f"SELECT * FROM {n} ORDER BY ALL").reset_index(drop=True) for n in names}


def _ops_tables(ops) -> dict[str, list[tuple]]:
    with ops.connect() as conn:
        names = sorted(sa.inspect(conn).get_table_names())
        md = sa.MetaData()
        out = {}
        for n in names:
            t = sa.Table(n, md, autoload_with=conn)
            out[n] = sorted((tuple(r) for r in conn.execute(sa.select(t))), key=repr)
    return out


def _secret(ops):
    with ops.connect() as conn:
        return conn.exec_driver_sql("SELECT value FROM prev_meta WHERE key = 'secret_key'").scalar()


def test_round_trip_is_lossless_table_by_table(ops_settings, tmp_path):
    st = open_store(ops_settings.store, settings=ops_settings)
    _fill(st)
    ops = st.operational
    duck_before, ops_before = _duck_tables(st), _ops_tables(ops)
    assert ops_before["prev_insatser"] and ops_before["prev_audit"] and ops_before["prev_users"]
    manifest = backup(st, ops, tmp_path / "b.tar.gz", secret_files=[])
    assert manifest["operational_rows"]["prev_audit"] == len(ops_before["prev_audit"])
    # change both stores after the backup
    registry.create(st, {"kommun": "0127", "name": "Efteråt", "organisation": "x", "arenas": ["skola"],
                         "levels": ["universell"], "life_stages": ["lagstadiet"], "themes": ["vald"]}, "ada")
    st.write(areas=pd.DataFrame([{"code": "0126", "version": "kommun2025", "level": "kommun", "name": "H"}]),
             label="t")
    restore(tmp_path / "b.tar.gz", st.path, ops)
    assert _duck_tables(st).keys() == duck_before.keys()
    for name, df in _duck_tables(st).items():
        pd.testing.assert_frame_equal(df, duck_before[name], obj=name)
    assert _ops_tables(ops) == ops_before
    # the audit numbering goes on after the restored rows
    registry.create(st, {"kommun": "0127", "name": "Ny efter återläsning", "organisation": "x",
                         "arenas": ["skola"], "levels": ["universell"], "life_stages": ["lagstadiet"],
                         "themes": ["vald"]}, "ada")
    assert registry.audit_log(st)["seq"].iloc[0] == max(r[0] for r in ops_before["prev_audit"]) + 1
    st.close()


def test_restore_into_a_fresh_sqlite_store(ops_settings, tmp_path, settings):
    st = open_store(ops_settings.store, settings=ops_settings)
    _fill(st)
    backup(st, st.operational, tmp_path / "b.tar.gz")
    target = settings.replace(store=str(tmp_path / "ny" / "lagesbild.duckdb"), database_url="")
    (tmp_path / "ny").mkdir()
    other = open_store(target.store, settings=target)
    restore(tmp_path / "b.tar.gz", other.path, other.operational)
    for name, df in _duck_tables(other).items():
        pd.testing.assert_frame_equal(df, _duck_tables(st)[name], obj=name)
    a, b = _ops_tables(st.operational), _ops_tables(other.operational)
    for name in ("prev_insatser", "prev_audit", "prev_users", "prev_selfassessment", "prev_meta"):
        assert a[name] == b[name], name
    st.close()
    other.close()


def test_secret_only_when_asked(settings, tmp_path):
    from lagesbild.prevention.auth import secret_for
    from lagesbild.prevention.signing import secret_files

    st = open_store(settings.store, settings=settings)
    _fill(st)
    secret = secret_for(st)  # kept in a 0600 file beside the store, never in the store
    assert _secret(st.operational) is None
    files = secret_files(settings)
    assert [f.name for f in files] == ["t.secret"]
    backup(st, st.operational, tmp_path / "utan.tar.gz")
    backup(st, st.operational, tmp_path / "med.tar.gz", secret_files=files)
    with tarfile.open(tmp_path / "utan.tar.gz") as tar:
        names = tar.getnames()
        everything = b"".join(tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()
                              and not m.name.endswith(".duckdb"))
    assert secret.encode() not in everything and not any(n.startswith("secrets/") for n in names)
    assert read_manifest(tmp_path / "med.tar.gz")["secrets"] == ["t.secret"]
    out = tmp_path / "ut"
    out.mkdir()
    restore(tmp_path / "med.tar.gz", st.path, st.operational, secrets_dir=out)
    assert (out / "t.secret").read_text().strip() == secret
    assert (out / "t.secret").stat().st_mode & 0o077 == 0
    st.close()


def _refused(st, archive, words):
    duck, ops = _duck_tables(st), _ops_tables(st.operational)
    with pytest.raises(InputError) as exc:
        restore(archive, st.path, st.operational)
    msg = exc.value.message("sv")
    assert all(w in msg for w in words), msg
    assert "Inget har ändrats" in msg
    for name, df in _duck_tables(st).items():
        pd.testing.assert_frame_equal(df, duck[name])
    assert _ops_tables(st.operational) == ops


def test_damaged_and_foreign_archives_are_refused(settings, tmp_path):
    st = open_store(settings.store, settings=settings)
    _fill(st)
    good = tmp_path / "b.tar.gz"
    backup(st, st.operational, good)
    raw = gzip.decompress(good.read_bytes())
    # one flipped byte inside the DuckDB member (the tar stays readable)
    with tarfile.open(good) as tar:
        off = tar.getmember("analytical.duckdb").offset_data
    bad = bytearray(raw)
    bad[off + 5000] ^= 0xFF
    (tmp_path / "flip.tar.gz").write_bytes(gzip.compress(bytes(bad)))
    _refused(st, tmp_path / "flip.tar.gz", ["skadad", "analytical.duckdb"])
    # truncated archive
    (tmp_path / "kort.tar.gz").write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    _refused(st, tmp_path / "kort.tar.gz", ["skadad"])
    # a member missing
    buf = io.BytesIO()
    with tarfile.open(good) as src, tarfile.open(fileobj=buf, mode="w:gz") as dst:
        for m in src.getmembers():
            if m.name != "operational/prev_users.jsonl":
                dst.addfile(m, src.extractfile(m))
    (tmp_path / "saknas.tar.gz").write_bytes(buf.getvalue())
    _refused(st, tmp_path / "saknas.tar.gz", ["skadad", "prev_users"])
    # foreign: a tar without manifest, a manifest of another format, not an archive at all
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as dst:
        data = b"hej"
        info = tarfile.TarInfo("readme.txt")
        info.size = len(data)
        dst.addfile(info, io.BytesIO(data))
    (tmp_path / "annan.tar.gz").write_bytes(buf.getvalue())
    _refused(st, tmp_path / "annan.tar.gz", ["ingen säkerhetskopia"])
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as dst:
        data = json.dumps({"format": "något-annat"}).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        dst.addfile(info, io.BytesIO(data))
    (tmp_path / "fel.tar.gz").write_bytes(buf.getvalue())
    _refused(st, tmp_path / "fel.tar.gz", ["ingen säkerhetskopia"])
    (tmp_path / "text.tar.gz").write_text("inte ett arkiv")
    _refused(st, tmp_path / "text.tar.gz", ["ingen säkerhetskopia"])
    st.close()
