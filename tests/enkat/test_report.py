"""The survey section of the nulägesanalys and the standalone survey report (HTML, PDF, Word)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from lagesbild.services import andt, enkat_rapport
from lagesbild.services import enkat as svc


@pytest.fixture
def store_with_waves(tmp_path, empty_store):
    for year, seed in ((2022, 1), (2024, 2)):
        csv, yml = tmp_path / f"e{year}.csv", tmp_path / f"k{year}.yaml"
        svc.exempel("0127", year, csv, yml, seed=seed, schools=5, enrolled=70)
        svc.import_survey(empty_store, csv, yml, kommun="0127", year=year)
    andt.policy_add(empty_store, {"kommun": "0127", "dokument": "ANDT-program 2019–2022", "agare": "KS",
                                 "antagen": "2019-02-01", "nasta_revision": "2022-12-31"})
    andt.tillsyn_set(empty_store, "0127", 2023, {"tobak": 40})
    andt.tillsyn_set(empty_store, "0127", 2024, {"tobak": 60})
    from lagesbild.prevention import selfassessment

    first = selfassessment.item_set()["kategorier"][0]["fragor"][0]["id"]
    selfassessment.save(empty_store, "0127", 2023, {first: "nej"}, "test")
    selfassessment.save(empty_store, "0127", 2024, {first: "ja"}, "test")
    return empty_store


def _ctx(facts, lang="sv"):
    from lagesbild.reporting import config as rc
    from lagesbild.reporting.phrasing import texts
    from lagesbild.reporting.sections import Context

    cfg = rc.merge({}, kommun="0127", year=2024, lang=lang)
    return Context(cfg=cfg, t=texts(lang), kommun_name="Botkyrka", lan="01", lan_name="Stockholms län", facts=facts)


def test_section_shows_profile_priorities_gap_trend_and_andt(store_with_waves, settings):
    from lagesbild.reporting.model import Figure, Paragraph, Table
    from lagesbild.reporting.sections.enkat import enkat

    facts = enkat_rapport.report_facts(store_with_waves, settings, kommun="0127", lang="sv")
    sec = enkat(_ctx({"enkat": facts}))
    tables = {b.id: b for b in sec.blocks if isinstance(b, Table)}
    fig = next(b for b in sec.blocks if isinstance(b, Figure))
    text = " ".join(b.text for b in sec.blocks if isinstance(b, Paragraph))
    assert "syntetisk exempelenkät" in text
    prof = [r for r in facts["profil"] if r["dimension"] == "kommun"]
    assert len(fig.table.rows) == len(prof)
    # a share printed in the table is the profile's share, in Swedish format
    r0 = prof[0]
    assert fig.table.rows[0][3] == f"{100 * r0['andel']:.1f}".replace(".", ",")
    prio = tables["tab-enkat-prio"]
    assert len(prio.rows) == settings.enkat_priorities
    assert "Prioriterade faktorer som ingen registrerad insats" in text  # the gap
    assert "jämfört med" in text and "2022" in text  # the trend sentences
    pol = tables["tab-andt-policy"]
    assert pol.rows[0][-1] == "försenad revision"
    till = tables["tab-andt-tillsyn"]
    assert any(row[-1].endswith("!") for row in till.rows)  # +50 % flagged
    sa = tables["tab-andt-sjalvskattning"]
    assert sa.columns[1:3] == ["2023", "2024"] and sa.rows[-1][0] == "Totalt"


def test_section_is_skipped_without_a_survey():
    from lagesbild.reporting.sections import SkipSection
    from lagesbild.reporting.sections.enkat import enkat

    with pytest.raises(SkipSection) as exc:
        enkat(_ctx({}))
    assert "ungdomsenkät" in exc.value.reason


def test_english_section(store_with_waves, settings):
    from lagesbild.reporting.model import Note, Paragraph
    from lagesbild.reporting.sections.enkat import enkat

    facts = enkat_rapport.report_facts(store_with_waves, settings, kommun="0127", lang="en")
    sec = enkat(_ctx({"enkat": facts}, "en"))
    assert sec.title == "The youth survey: risk and protective factors"
    assert any("synthetic example survey" in b.text for b in sec.blocks if isinstance(b, Note))
    assert any("compared with" in b.text for b in sec.blocks if isinstance(b, Paragraph))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_standalone_report_in_three_formats(store_with_waves, settings, tmp_path):
    res = enkat_rapport.rapport(store_with_waves, settings, kommun="0127", year=2024, out=tmp_path / "out",
                      formats=("html", "pdf", "docx"))
    from pathlib import Path

    html = Path(res["paths"]["html"]).read_text(encoding="utf-8")
    assert "syntetisk exempelenkät" in html and "<svg" in html
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "2", res["paths"]["pdf"], str(tmp_path / "p")],
                   check=True)
    assert (tmp_path / "p-1.png").exists() or (tmp_path / "p-01.png").exists()
    text = subprocess.run(["pdftotext", res["paths"]["pdf"], "-"], check=True, capture_output=True, text=True).stdout
    assert "syntetisk exempelenkät" in text and "Prioriterade faktorer" in text
    import zipfile

    with zipfile.ZipFile(res["paths"]["docx"]) as z:
        doc = z.read("word/document.xml").decode("utf-8")
    assert "syntetisk exempelenkät" in doc
