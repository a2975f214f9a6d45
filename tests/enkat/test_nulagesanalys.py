"""The survey section inside the nulägesanalys (lagesbild report), with Botkyrka's example insatser:
the priority factors that no insats addresses appear in the report."""

from __future__ import annotations


def test_enkat_section_in_the_report(writable_bundled_store, tmp_path):
    from lagesbild._config import resolve_settings
    from lagesbild.reporting.model import Paragraph
    from lagesbild.services import enkat as svc
    from lagesbild.services import insatser
    from lagesbild.services.report import build_report

    insatser.load_examples(writable_bundled_store, kommuner=["0127"])
    svc.exempel("0127", 2024, tmp_path / "e.csv", tmp_path / "k.yaml", seed=2, schools=5, enrolled=70)
    svc.import_survey(writable_bundled_store, tmp_path / "e.csv", tmp_path / "k.yaml", kommun="0127", year=2024)
    s = resolve_settings(config_file=None, env={}, store=":memory:")
    res = build_report(writable_bundled_store, s, "0127", 2023, sections=["enkat"], formats=["html"],
                       out=tmp_path / "out")
    assert res["sections"]["enkat"] == "ok"
    sec = next(x for x in res["report"].sections if x.id == "enkat")
    text = " ".join(b.text for b in sec.blocks if isinstance(b, Paragraph))
    prio = svc.prioriteringar(writable_bundled_store, s, kommun="0127", year=2024)
    linked = [f for f in prio["faktorer"] if f["insatser"]]
    assert linked  # Botkyrka's example insatser target some of the factors (from the programme library)
    gap_names = [f["namn"] for f in prio["faktorer"] if f["prioriterad"] and not f["insatser"]]
    for name in gap_names:
        assert name in text
    # the same gap in the coverage view and the life-course chain of the insatser registry
    ch = insatser.kedja(writable_bundled_store, "0127")
    assert [g["namn"] for g in ch["enkat_luckor"]["luckor"]] == gap_names
    tk = insatser.tackning(writable_bundled_store, "0127")
    assert [g["faktor"] for g in tk["enkat_luckor"]["luckor"]] == prio["luckor"]
    assert insatser.kedja(writable_bundled_store, "1480")["enkat_luckor"] is None  # no survey there


def test_report_without_survey_skips_the_section(writable_bundled_store, tmp_path):
    from lagesbild._config import resolve_settings
    from lagesbild.services.report import build_report

    s = resolve_settings(config_file=None, env={}, store=":memory:")
    res = build_report(writable_bundled_store, s, "1480", 2023, sections=["enkat"], formats=["html"],
                       out=tmp_path)
    assert "ungdomsenkät" in res["sections"]["enkat"]
