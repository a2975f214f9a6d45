"""Geography versions in the app: area listings, the area API, boundaries, map values and the map's
downloads use the newest version by default and name it, take ``version=`` for another, and answer
an unknown version with 422 and one Swedish line listing the versions there are."""

from __future__ import annotations

import csv
import io

BAD_AREAS = "Versionen RegSO2019 finns inte på nivån regso i lagret; finns: RegSO2025, RegSO2020."
BAD_BOUNDARY = "Gränsversionen RegSO2020 finns inte för kommun 1480 (regso); finns: RegSO2025."


def _refused(r, message_sv: str) -> None:
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["code"] == "invalid_parameter" and err["message_sv"] == message_sv


def test_area_listing(client):
    rows = client.get("/api/v1/areas", params={"kommun": "1480", "level": "regso"}).json()
    assert len(rows) == 147 and {r["version"] for r in rows} == {"RegSO2025"}
    rows = client.get("/api/v1/areas", params={"kommun": "1480", "level": "regso", "version": "RegSO2020"}).json()
    assert len(rows) == 147 and {r["version"] for r in rows} == {"RegSO2020"}
    _refused(client.get("/api/v1/areas", params={"kommun": "1480", "level": "regso", "version": "RegSO2019"}),
             BAD_AREAS)


def test_one_area(client, bundled_store):
    body = client.get("/api/v1/areas/1480R001", params={"year": 2023}).json()
    assert body["version"] == "RegSO2025" and body["versions"] == ["RegSO2025", "RegSO2020"]
    stored = bundled_store.observations("folkmangd", codes=["1480R001"], version="RegSO2020", year=2023)
    pop = next(v for v in body["values"] if v["variable"] == "folkmangd")
    assert pop["data_version"] == "RegSO2020" and pop["value"] == stored["value"].item()
    body = client.get("/api/v1/areas/1480R001", params={"year": 2023, "version": "RegSO2020"}).json()
    assert body["version"] == "RegSO2020" and body["area"]["version"] == "RegSO2020"
    r = client.get("/api/v1/areas/1480R001", params={"version": "RegSO2019"})
    _refused(r, "Versionen RegSO2019 finns inte på nivån regso i lagret; finns: RegSO2025, RegSO2020.")


def test_boundaries(client):
    r = client.get("/api/v1/geometries/1480", params={"level": "regso"})
    assert r.headers["X-Boundary-Version"] == "RegSO2025" and r.json()["name"] == "1480_regso_RegSO2025"
    r = client.get("/api/v1/geometries/1480", params={"level": "regso", "version": "RegSO2025"})
    assert r.status_code == 200 and len(r.json()["features"]) == 147
    # the store holds no RegSO2020 boundaries for Göteborg: refused, naming the one there is
    _refused(client.get("/api/v1/geometries/1480", params={"level": "regso", "version": "RegSO2020"}),
             BAD_BOUNDARY)
    r = client.get("/api/v1/geometries/0180", params={"level": "regso", "version": "RegSO2020"})
    assert r.headers["X-Boundary-Version"] == "RegSO2020"


def test_map_values(client):
    body = client.get("/api/v1/map/1480", params={"variable": "folkmangd", "year": 2023}).json()
    assert body["geometry_version"] == "RegSO2025" and body["data_version"] == "RegSO2020"
    _refused(client.get("/api/v1/map/1480", params={"variable": "folkmangd", "year": 2023,
                                                    "version": "RegSO2020"}), BAD_BOUNDARY)


def test_map_download_names_the_version(client):
    params = {"kommun": "1480", "level": "regso", "variable": "folkmangd", "year": 2023, "dialect": "maskin"}
    r = client.get("/ladda-ner/karta.csv", params=params)
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 147 and {x["Version"] for x in rows} == {"RegSO2025"}
    assert "RegSO2025" in r.headers["content-disposition"]
    r = client.get("/ladda-ner/karta.csv", params=params | {"version": "RegSO2020"})
    assert r.status_code == 422 and BAD_BOUNDARY in r.text
    r = client.get("/ladda-ner/karta.csv", params=params | {"version": "x y"})
    assert r.status_code == 422


def test_map_page_names_the_version(client):
    r = client.get("/karta", params={"kommun": "1480", "level": "regso", "variable": "folkmangd", "year": 2023})
    assert "Geografins version: RegSO2025 (den nyaste om inte version= anges i adressen)." in r.text
    r = client.get("/karta", params={"kommun": "1480", "level": "regso", "variable": "folkmangd", "year": 2023,
                                     "version": "RegSO2020"})
    assert r.status_code == 422 and BAD_BOUNDARY in r.text
