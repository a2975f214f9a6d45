"""The insatser pages in English (``?lang=en`` or the ``lang`` cookie); Swedish stays the default."""

from __future__ import annotations

import re

import pytest

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from lagesbild.app.insatser import install  # noqa: E402
from lagesbild.prevention import auth, registry  # noqa: E402

PW = "ett-långt-lösenord"
#: Swedish interface words that must not appear in the English chrome (data values are kept as entered).
SWEDISH_UI = ("Alla insatser", "Logga in", "Logga ut", "Inloggad som", "Behov och räckvidd", "Livsförloppskedjan",
              "Målkedjan", "Filtrera", "Räckvidd", "Livsfas", "Nivå", "Kommun", "Spara", "Avbryt", "obligatoriskt",
              "Universell", "Selektiv", "Indikerad", "Skola", "okänd", "Lågstadiet", "Insatsen", "Ändra")


@pytest.fixture
def client(small_store, base):
    auth.create_user(small_store, "rolf", PW, "redaktor", "test")
    registry.create(small_store, base(id="0127-finns", name="Befintlig läsning", description="Läsning i skolan"),
                    "test")
    app = fastapi.FastAPI()
    install(app, store=small_store, secret_key="test-hemlighet")
    c = TestClient(app, follow_redirects=False)
    c.cookies.set("lang", "en")
    return c


def _visible(html: str) -> str:
    """The page's text outside tags, without the user-entered data and the language link."""
    text = re.sub(r"<[^>]+>", " ", html)
    for data in ("Befintlig läsning", "Läsning i skolan", "Botkyrka kommun", "Svenska", "Ny läsfrämjande insats"):
        text = text.replace(data, "")
    return text


def _no_swedish(html: str) -> None:
    text = _visible(html)
    left = [w for w in SWEDISH_UI if re.search(rf"\b{re.escape(w)}\b", text)]
    assert not left, left


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]*)"', html).group(1)


def test_list_page_in_english(client):
    r = client.get("/insatser?kommun=0127&niva=universell")
    assert r.status_code == 200
    assert '<html lang="en">' in r.text
    for en in ("All interventions", "Needs and reach", "Life-course chain", "Log in", "Filter", "Universal",
               "Lower primary (6–9)", "School", "Reach", "with the chosen filters", "1 intervention"):
        assert en in r.text, en
    assert "Befintlig läsning" in r.text  # data stays as entered
    _no_swedish(r.text)
    sv = client.get("/insatser?kommun=0127&lang=sv")
    assert '<html lang="sv">' in sv.text and "Alla insatser" in sv.text and "Filtrera" in sv.text


def test_view_page_in_english(client):
    r = client.get("/insatser/0127-finns")
    assert r.status_code == 200 and '<html lang="en">' in r.text
    for en in ("Municipality", "Prevention level", "Universal", "Violence", "The whole municipality",
               "Not evaluated for effect", "The reach is unknown", "Sources", "Created"):
        assert en in r.text, en
    assert "Läsning i skolan" in r.text
    _no_swedish(r.text)
    missing = client.get("/insatser/finns-inte")
    assert missing.status_code == 404 and "Not found" in missing.text and "does not exist" in missing.text
    _no_swedish(missing.text)


def test_form_with_validation_error_in_english(client, small_store):
    page = client.get("/insatser/logga-in")
    assert "User name" in page.text and '<html lang="en">' in page.text
    r = client.post("/insatser/logga-in", data={"username": "rolf", "password": PW, "csrf": _csrf(page.text)})
    assert r.status_code == 303
    form = client.get("/insatser/ny?kommun=0127")
    assert form.status_code == 200
    for en in ("New intervention", "Responsible organisation", "Prevention level", "required", "Save", "Cancel",
               "whole years", "Community disorganisation", "protective", "Planned", "Logged in as rolf (editor)"):
        assert en in form.text, en
    _no_swedish(form.text)
    data = {"name": "Ny läsfrämjande insats", "kommun": "0127", "organisation": "Botkyrka kommun",
            "levels": ["universell"], "life_stages": ["spadbarn"], "themes": ["sprak_lasning"], "status": "planerad",
            "scope": "kommun", "age_min": "tre", "csrf": _csrf(form.text)}
    bad = client.post("/insatser/ny", data=data)
    assert bad.status_code == 400
    assert "The intervention was not saved" in bad.text
    assert re.search(r"the field (&#39;|')Arena(&#39;|') \(arenas\)", bad.text)
    assert re.search(r"the field (&#39;|')Age from(&#39;|') \(age_min\)", bad.text)
    assert "måste" not in bad.text and "fältet" not in bad.text
    _no_swedish(bad.text)
    assert len(registry.list_insatser(small_store)) == 1


def test_saved_flash_in_english(client):
    page = client.get("/insatser/logga-in")
    client.post("/insatser/logga-in", data={"username": "rolf", "password": PW, "csrf": _csrf(page.text)})
    form = client.get("/insatser/ny")
    data = {"name": "Ny läsfrämjande insats", "kommun": "0127", "organisation": "Botkyrka kommun",
            "arenas": ["familj"], "levels": ["universell"], "life_stages": ["spadbarn"], "themes": ["sprak_lasning"],
            "status": "planerad", "scope": "kommun", "csrf": _csrf(form.text)}
    r = client.post("/insatser/ny", data=data)
    assert r.status_code == 303
    view = client.get(r.headers["location"])
    assert "The intervention has been created." in view.text and "Edit the intervention" in view.text


def test_chain_page_in_english(client):
    r = client.get("/insatser/kedja?kommun=0127&lang=en")
    assert r.status_code == 200 and '<html lang="en">' in r.text
    for en in ("Life-course chain", "Pregnancy", "Lower primary (6–9)", "Universal", "Selective", "Indicated",
               "no intervention", "Befintlig läsning"):
        assert en in r.text, en
    _no_swedish(r.text)


#: Swedish words of the coverage, målkedja and change-log pages that must not appear in English.
SWEDISH_PAGES = ("Karta", "Teckenförklaring", "livsfaser utan insats", "Luckor", "Lucka", "Täckning", "Målgrupp",
                 "Deltagare", "Kommentar", "Område", "okänt", "okänd", "minst", "ingen insats", "låg täckning",
                 "täckning okänd", "räckvidd", "målgruppens", "Inga", "Indikatorer", "Indikator", "Värde", "Grönt",
                 "Gult", "Röd", "Analys", "Mål", "Ändringslogg", "Vem", "Åtgärd", "Objekt", "Ändrat", "ändrade",
                 "skapade", "Före", "Efter", "Namn", "Status räknas")


def _no_swedish_pages(html: str) -> None:
    text = _visible(html)
    for data in ("Anmälda brott", "Ökning i två områden.", "Kopplad"):
        text = text.replace(data, "")
    left = [w for w in SWEDISH_UI + SWEDISH_PAGES if re.search(rf"\b{re.escape(w)}\b", text)]
    assert not left, left


def test_coverage_page_in_english(client, small_store, base):
    from lagesbild.prevention.model import Reach

    registry.create(small_store, base(id="0127-rackvidd", name="Kopplad", reach=[Reach(2024, None)]), "test")
    r = client.get("/insatser/tackning?kommun=0127")
    assert r.status_code == 200 and '<html lang="en">' in r.text
    for en in ("Needs and reach", "Map: life stages without an intervention", "Gaps (ranked)",
               "Coverage by arena, life stage and level", "Participants", "Target group", "Comment",
               "The size of the target group", "School", "Universal"):
        assert en in r.text, en
    assert "no intervention" in r.text or "coverage unknown" in r.text
    assert "unknown" in r.text
    _no_swedish_pages(r.text)
    sv = client.get("/insatser/tackning?kommun=0127&lang=sv")
    assert '<html lang="sv">' in sv.text and "Luckor (rangordnade)" in sv.text and "Målgrupp" in sv.text


def test_goals_page_in_english(client, small_store, base):
    from lagesbild.prevention import malkedja

    malkedja.save_goal(small_store, {"id": "mal-trygg", "kommun": "0127", "name": "Trygga unga"}, "test")
    malkedja.save_indicator(small_store, {"id": "ind-brott", "kommun": "0127", "name": "Anmälda brott",
                                          "direction": "lagre_battre", "green": 50, "yellow": 70, "value": 90,
                                          "goals": ["mal-trygg"], "analysis": "Ökning i två områden."}, "test")
    r = client.get("/insatser/malkedja?kommun=0127")
    assert r.status_code == 200 and '<html lang="en">' in r.text
    for en in ("Goal chain", "Goal → indicator → intervention", "Interventions without an indicator",
               "Indicators without an intervention", "Goals without an indicator", "Indicator", "Value", "Green",
               "Yellow", "Analysis", "Red", "None.", "Ökning i två områden."):
        assert en in r.text, en
    _no_swedish_pages(r.text.replace("Trygga unga", ""))
    assert malkedja.malkedja_report(small_store, "0127")["indikatorer"][0]["status"] == "Röd"  # default stays Swedish


def test_change_log_page_in_english(client, small_store, base):
    registry.update(small_store, "0127-finns", base(id="0127-finns", name="Befintlig läsning", description="Ny text"),
                    "rolf")
    page = client.get("/insatser/logga-in")
    client.post("/insatser/logga-in", data={"username": "rolf", "password": PW, "csrf": _csrf(page.text)})
    r = client.get("/insatser/logg")
    assert r.status_code == 200 and '<html lang="en">' in r.text
    for en in ("Change log", "Every change: who, when, what", "Who", "Action", "Object", "Changed", "created",
               "changed", "intervention", "Description", "Show before and after", "Before", "After"):
        assert en in r.text, en
    _no_swedish_pages(r.text.replace("Ny text", ""))
    assert "Beskrivning" not in _visible(r.text).split("Show before and after")[0]
    sv = client.get("/insatser/logg?lang=sv")
    assert "Ändringslogg" in sv.text and "ändrade" in sv.text and "Beskrivning" in sv.text
