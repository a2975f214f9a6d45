"""`lagesbild backup` / `lagesbild restore` through the CLI entry point."""

from __future__ import annotations

import json
import shutil

from lagesbild.cli import main
from lagesbild.prevention import registry
from lagesbild.store import open_store

INS = {"kommun": "1480", "organisation": "Göteborgs stad", "arenas": ["skola"], "levels": ["universell"],
       "life_stages": ["lagstadiet"], "themes": ["vald"]}


def test_backup_then_restore(bundled_store_path, tmp_path, settings, capsys):
    db = tmp_path / "lagesbild.duckdb"
    shutil.copy(bundled_store_path, db)
    s = settings.replace(store=str(db))
    st = open_store(db, settings=s)
    registry.create(st, {**INS, "name": "Före säkerhetskopian"}, "ada")
    st.close()
    arc = tmp_path / "kopia.tar.gz"
    assert main(["--store", str(db), "backup", str(arc)]) == 0
    out = capsys.readouterr().out
    assert "Säkerhetskopian" in out and "hemligheter: inga" in out
    st = open_store(db, settings=s)
    registry.create(st, {**INS, "name": "Efter säkerhetskopian"}, "ada")
    st.close()
    assert main(["--store", str(db), "restore", str(arc), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["operational_rows"]["prev_insatser"] == 1
    st = open_store(db, settings=s, read_only=True)
    assert [i.name for i in registry.list_insatser(st)] == ["Före säkerhetskopian"]
    st.close()
    (tmp_path / "annat.tar.gz").write_bytes(b"\x1f\x8b nonsens")
    assert main(["--store", str(db), "restore", str(tmp_path / "annat.tar.gz")]) == 2
    err = capsys.readouterr().err.strip()
    assert "ingen säkerhetskopia" in err and "\n" not in err
