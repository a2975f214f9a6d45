"""Youth-survey pages: the profile page (chart rendered under the CSP, table, priorities, gap) and
the ANDT page, in Chromium with axe; plus the JSON export and the suppression shown as "–"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    pytest.importorskip("fastapi")
    from lagesbild._config import resolve_settings
    from lagesbild.app import create_app
    from lagesbild.services import andt
    from lagesbild.services import enkat as svc
    from lagesbild.store import open_store

    tmp = tmp_path_factory.mktemp("enkatapp")
    s = resolve_settings(config_file=None, env={}, store=str(tmp / "s.duckdb"), app_warmup_pages=False)
    st = open_store(str(tmp / "s.duckdb"), settings=s)
    with st.transaction() as con:  # the insatser pages need the kommun
        con.execute("INSERT INTO areas VALUES ('0127', 'kommun2025', 'kommun', 'Botkyrka', NULL, NULL, '0127', '01')")
    for year, seed in ((2022, 1), (2024, 2)):
        svc.exempel("0127", year, tmp / f"e{year}.csv", tmp / f"k{year}.yaml", seed=seed, schools=5, enrolled=70)
        svc.import_survey(st, tmp / f"e{year}.csv", tmp / f"k{year}.yaml", kommun="0127", year=year)
    andt.policy_add(st, {"kommun": "0127", "dokument": "ANDT-program 2019–2022", "agare": "Kommunstyrelsen",
                        "antagen": "2019-02-01", "nasta_revision": "2022-12-31"})
    andt.tillsyn_set(st, "0127", 2023, {"tobak": 40})
    andt.tillsyn_set(st, "0127", 2024, {"tobak": 60})
    from lagesbild.prevention import selfassessment

    first = selfassessment.item_set()["kategorier"][0]["fragor"][0]["id"]
    selfassessment.save(st, "0127", 2023, {first: "nej"}, "test")
    selfassessment.save(st, "0127", 2024, {first: "ja"}, "test")
    st.close()
    application = create_app(settings=s)
    yield application
    application.state.data.store.close()


def test_profile_page_and_json(client):
    r = client.get("/enkat/0127?year=2024&by=kon")
    assert r.status_code == 200
    assert "syntetisk exempelenkät" in r.text and 'id="chart-enkat"' in r.text
    assert "<h1>Ungdomsenkät: risk- och skyddsfaktorer, Botkyrka 2024</h1>" in r.text
    rows = json.loads(client.get("/enkat/0127.json?year=2024&by=kon").text)
    annat = [x for x in rows if x["grupp"] == "annat"]
    assert annat and all(x["undertryckt"] for x in annat)  # about 4 % of 350 pupils: under 25
    assert "Prioriterade faktorer som ingen registrerad insats" in r.text
    assert client.get("/enkat/0180").status_code == 404


def test_gap_in_the_chain_page(client):
    r = client.get("/insatser/kedja?kommun=0127")
    assert r.status_code == 200
    assert 'id="enkat-gap"' in r.text and "Prioriterade faktorer som ingen registrerad insats" in r.text


def test_andt_page_flags_overdue(client):
    r = client.get("/enkat/0127/andt")
    assert r.status_code == 200 and "försenad revision" in r.text and "mer än ±20 %" in r.text


pytestmark_browser = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed")


@pytest.mark.browser
@pytestmark_browser
def test_profile_page_in_the_browser(page):
    page.goto("/enkat/0127?year=2024&by=skola")
    page.wait_for_selector("#chart-enkat[data-rendered] svg")  # Vega-Lite rendered under the CSP
    assert page.locator("#tab-enkat-profil tbody tr").count() > 17
    assert page.locator("#tab-enkat-prio tbody tr").count() == 5
    assert page.locator("#h-scales ~ details").count() == 17  # item-level drill-down per factor
    page.check_page("enkat_0127")


@pytest.mark.browser
@pytestmark_browser
def test_profile_page_english_and_andt(page):
    page.goto("/sprak/en?next=/enkat/0127")
    page.wait_for_selector("#chart-enkat[data-rendered] svg")
    assert page.locator("html").get_attribute("lang") == "en"
    page.check_page("enkat_0127_en")
    page.goto("/enkat/0127/andt")
    assert page.locator("#tab-andt-policy").count() == 1
    assert page.locator("#tab-andt-sjalvskattning tbody tr").count() == 6  # five categories and the total
    page.check_page("enkat_andt_0127")
