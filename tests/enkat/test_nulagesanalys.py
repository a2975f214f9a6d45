"""The survey section inside the nulägesanalys (lagesbild report) on the bundled store, with
Botkyrka's example insatser: the priority factors that no insats addresses appear in the report,
the coverage view and the life-course chain; a kommun without a survey has no survey facts; the
demo step. One test, so the bundled store is copied once."""

from __future__ import annotations


def test_enkat_in_report_coverage_chain_and_demo(writable_bundled_store, tmp_path, capsys):
    from lagesbild._config import resolve_settings
    from lagesbild.reporting.model import Paragraph
    from lagesbild.services import enkat as svc
    from lagesbild.services import enkat_rapport, insatser, kedjor, tackning
    from lagesbild.services.report import build_report

    store = writable_bundled_store
    s = resolve_settings(config_file=None, env={}, store=":memory:")
    insatser.load_examples(store, kommuner=["0127"])
    svc.demo(store, s)  # imports two waves of the syntetisk exempelenkät for Botkyrka
    out = capsys.readouterr().out
    assert "syntetisk exempelenkät" in out and "Botkyrka" in out
    assert [w["ar"] for w in svc.waves(store, "0127")] == [2022, 2024]

    res = build_report(store, s, "0127", 2023, sections=["enkat"], formats=["html"], out=tmp_path / "out")
    assert res["sections"]["enkat"] == "ok"
    sec = next(x for x in res["report"].sections if x.id == "enkat")
    text = " ".join(b.text for b in sec.blocks if isinstance(b, Paragraph))
    prio = svc.prioriteringar(store, s, kommun="0127", year=2024)
    assert [f for f in prio["faktorer"] if f["insatser"]]  # the example insatser target some factors
    gap_names = [f["namn"] for f in prio["faktorer"] if f["prioriterad"] and not f["insatser"]]
    for name in gap_names:
        assert name in text
    assert "jämfört med" in text  # trend 2022 → 2024

    ch = kedjor.kedja(store, "0127")
    assert [g["namn"] for g in ch["enkat_luckor"]["luckor"]] == gap_names
    tk = tackning.tackning(store, "0127")
    assert [g["faktor"] for g in tk["enkat_luckor"]["luckor"]] == prio["luckor"]

    assert kedjor.kedja(store, "1480")["enkat_luckor"] is None  # no survey there
    assert enkat_rapport.report_facts(store, s, kommun="1480") is None  # the section is skipped (test_report.py)
