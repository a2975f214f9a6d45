"""The demo step: Borlänge's lägesbild from real Brå data and generated incidents labelled as such."""

from __future__ import annotations

import shutil

from lagesbild._config import resolve_settings


def test_demo_step_labels_generated_incidents(bundled_store_path, tmp_path, monkeypatch, capsys):
    from lagesbild.services.brott import open_ops
    from lagesbild.services.brott_rapport import demo
    from lagesbild.services.demo import DEMO_STEPS
    from lagesbild.store import open_store

    assert demo in DEMO_STEPS
    dst = tmp_path / "lagesbild.duckdb"
    shutil.copy(bundled_store_path, dst)
    s = resolve_settings(config_file=None, env={}, store=str(dst))
    st = open_store(dst, settings=s, read_only=True)
    monkeypatch.chdir(tmp_path)
    try:
        demo(st, s)
    finally:
        st.close()
    out = capsys.readouterr().out
    assert "exempeldata (syntetiska händelser)" in out
    html = next((tmp_path / "out").glob("lagesbild_brott_2081_2025_v1.html")).read_text(encoding="utf-8")
    assert {p.suffix for p in (tmp_path / "out").glob("lagesbild_brott_2081_2025_v1.*")} == {".html", ".pdf", ".docx"}
    # the label in the subtitle, above the incident tables, in their sources and in every incident finding
    assert html.count("exempeldata (syntetiska händelser)") >= 4
    assert "Källa: Brå" in html or "Brå, kommunindikatorer" in html  # the real statistics
    ops = open_ops(s)
    try:
        from lagesbild.services.brott_handelser import list_handelser

        rows = list_handelser(ops, kommun="2081", organisation=None)
        assert len(rows) and rows["exempeldata"].all()
        assert rows["organisation"].str.contains("exempeldata").all()
    finally:
        ops.close()
