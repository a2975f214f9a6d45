"""The kommun profile in English: no Swedish text of the profile's catalogue keys in the English CLI
output, page or report, and the Swedish output as before."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lagesbild.i18n import catalogue, placeholders

#: Catalogue sections whose texts the lägesbild services, the typology notes and their CLI use.
SECTIONS = ("profile.", "typology.")


#: Texts of codes that JSON keeps as they are (status, change, trend: machine-readable values).
CODES = ("profile.eligibility_yes", "profile.eligibility_no", "profile.eligibility_undecided", "profile.change_",
         "typology.status_", "typology.trend_")
#: Source citations: the report cites sources with its own texts.
SOURCES = ("profile.source_population", "profile.comparison_source", "profile.eligibility_source",
           "profile.ojamlikhet_source")


def _swedish_fragments(skip: tuple[str, ...] = ()) -> set[str]:
    """The fixed parts (≥ 12 characters) of every Swedish text of the sections that the English text
    of the same key does not contain (names kept in English, like "SCB/Delmos områdestyp", drop out)."""
    out = set()
    for key, (sv, en) in catalogue().items():
        if not key.startswith(SECTIONS) or key.startswith(skip):
            continue
        parts = re.split(r"\{[^}]*\}", sv) if placeholders(sv) else [sv]
        for part in parts:
            part = part.strip(" :;,.()–-")
            if len(part) >= 12 and part not in en:
                out.add(part)
    return out


FRAGMENTS = _swedish_fragments()
FRAGMENTS_JSON = _swedish_fragments(CODES)
FRAGMENTS_REPORT = _swedish_fragments(SOURCES)


def _swedish_in(text: str, fragments: set[str] = FRAGMENTS) -> list[str]:
    return sorted(f for f in fragments if f in text)


def test_fragments_cover_the_moved_phrases():
    # the check below can fail: it looks for the phrases the profile used to show in English
    for phrase in ("Antal RegSO per typ röjandekontrolleras inte", "inte i lagret; hämtas av datakällorna",
                   "summerad från områdena", "beräknad från täljare och nämnare",
                   "Andel av befolkningen i typ 4–5", "Förbättrad = högre typnummer"):
        assert any(phrase in f or f in phrase for f in FRAGMENTS), phrase


def test_service_profile_in_english_has_no_swedish_notes(bundled_store):
    from lagesbild.services.lagesbild import kommun_profile, to_jsonable

    p = to_jsonable(kommun_profile(bundled_store, "1480", 2023, lang="en"))
    assert _swedish_in(json.dumps(p, ensure_ascii=False), FRAGMENTS_JSON) == []
    assert "The number of RegSO per type is not subject to disclosure control (areas, not persons)." in p["notes"]
    labels = {f["id"]: f["label"] for f in p["omradestyper"]["summary"]}
    assert labels["share_population_45"] == "Share of the population in types 4–5"
    assert {r["label"] for r in p["omradestyper"]["table"]} >= {"Socio-economically mixed areas"}
    # keys and codes stay: the same keys as in Swedish, status codes unchanged
    sv = to_jsonable(kommun_profile(bundled_store, "1480", 2023))
    assert set(p) == set(sv) and set(p["eligibility"]) == set(sv["eligibility"])
    assert [r["method_status"] for r in p["indicators"]] == [r["method_status"] for r in sv["indicators"]]
    assert [r["value"] for r in p["indicators"]] == [r["value"] for r in sv["indicators"]]


def test_service_profile_in_swedish_is_unchanged(gbg_profile):
    p = gbg_profile
    assert "Antal RegSO per typ röjandekontrolleras inte (områden, inte personer)." in p["notes"]
    assert "2023: befolkning = folkmängd per RegSO (RegSO 2020) år 2023, samma år som klassningen." in p["notes"]
    assert p["transitions"]["notes"][0] == "Förbättrad = högre typnummer (bättre förutsättningar); försämrad = lägre."
    labels = {f["id"]: f["label"] for f in p["omradestyper"]["summary"]}
    assert labels["share_population_12"] == ("Andel av befolkningen i områden med socioekonomiska utmaningar "
                                             "(typ 1–2)")
    assert p["comparison"]["figures"][1]["label"] == "Andel av befolkningen i typ 4–5"
    assert p["challenges"]["label"].startswith("områden med socioekonomiska utmaningar enligt lagesbilds")
    assert p["eligibility"]["label"] == "regel enligt Delmos 2022"
    panel = {r["id"]: r for r in p["indicators"]}
    assert panel["folkmangd"]["label"] == "Folkmängd" and panel["folkmangd"]["note"] == "summerad från områdena"


def test_indicator_labels_match_the_catalogue_swedish():
    from lagesbild.typology.indicators import CATALOGUE, indicator_label

    for ind in CATALOGUE:
        assert indicator_label(ind, "sv") == ind.label_sv
        assert indicator_label(ind, "en") != ind.label_sv


def test_kommun_panel_notes_per_language_equal_the_kommun_by_kommun_value(bundled_store):
    from lagesbild.services import national_reads
    from lagesbild.typology import indicators as ind

    values = ind.indicator_values(bundled_store, level="regso", year=2023, version="RegSO2020")
    meta = bundled_store.variables()
    kinds = {i.var: meta.loc[i.var, "kind"] for i in ind.CATALOGUE if i.var in meta.index}
    for lang in ("sv", "en"):
        every = national_reads.kommun_panel_values(bundled_store, values, kinds, 2023, lang=lang)
        for var, kind in kinds.items():
            for kommun in ("1480", "0180"):
                got = every.get((var, kommun))
                want = ind.aggregate_value(bundled_store, values, var, kind, kommun=kommun, year=2023, lang=lang)
                if got is not None:
                    assert got == want, (lang, var, kommun)


def test_cli_profile_and_indikatorer_in_english(cli):
    for args in (("profile", "--kommun", "1480", "--year", "2023"),
                 ("profile", "--kommun", "1480", "--year", "2023", "--format", "json"),
                 ("indikatorer", "--area", "1480R012", "--year", "2023"),
                 ("indikatorer", "--area", "1480R012", "--year", "2023", "--format", "json"),
                 ("omradestyper", "--kommun", "1480")):
        code, out, err = cli("--lang", "en", *args)
        assert code == 0, err
        assert _swedish_in(out, FRAGMENTS_JSON if "json" in args else FRAGMENTS) == [], args
    code, out, _ = cli("--lang", "en", "indikatorer", "--area", "1480R012", "--year", "2023")
    assert "Share born abroad" in out and "increasing" in out and "to be fetched" in out


def test_cli_profile_in_swedish_keeps_its_texts(cli):
    code, out, _ = cli("profile", "--kommun", "1480", "--year", "2023")
    assert code == 0
    for phrase in ("Antal RegSO per typ röjandekontrolleras inte", "andel folkmängd %", "förbättrad",
                   "inte i lagret; hämtas av datakällorna", "uppfyller inte"):
        assert phrase in out, phrase


@pytest.fixture(scope="module")
def client(cli_store_path):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from lagesbild._config import resolve_settings
    from lagesbild.app import create_app

    s = resolve_settings(config_file=None, env={}, store=str(cli_store_path), app_warmup=False,
                         app_warmup_pages=False)
    application = create_app(settings=s)
    with TestClient(application, raise_server_exceptions=False) as c:
        yield c
    application.state.data.store.close()


def test_kommun_and_area_pages_in_english(client):
    client.cookies.set("lang", "en")
    try:
        for url in ("/kommun/1480?year=2023", "/omrade/1480R012?year=2023"):
            r = client.get(url)
            assert r.status_code == 200, url
            assert _swedish_in(r.text) == [], url
        r = client.get("/kommun/1480?year=2023")
        assert "does not meet" in r.text and "The number of RegSO per type" in r.text
    finally:
        client.cookies.clear()
    r = client.get("/kommun/1480?year=2023")
    assert "uppfyller inte" in r.text and "Antal RegSO per typ röjandekontrolleras inte" in r.text


def test_report_html_in_english(bundled_store, tmp_path):
    from lagesbild._config import resolve_settings
    from lagesbild.services.report import build_report

    s = resolve_settings(config_file=None, env={}, store=":memory:")
    res = build_report(bundled_store, s, "1480", 2023, lang="en", formats=["html"], out=tmp_path)
    html = Path(res["paths"]["html"]).read_text(encoding="utf-8")
    assert _swedish_in(html, FRAGMENTS_REPORT) == []
