"""The JSON API: every endpoint, with good, malformed (422) and unknown (404) codes and years."""

from __future__ import annotations

import json

import pytest


def _err(r, status):
    assert r.status_code == status, r.text[:300]
    body = r.json()["error"]
    assert body["status"] == status
    assert body["message_sv"] and body["message_en"]
    assert "Traceback" not in r.text
    return body


def test_kommuner_search(client):
    r = client.get("/api/v1/kommuner", params={"q": "göte"})
    assert r.status_code == 200
    codes = {k["code"] for k in r.json()}
    assert codes == {"1480", "1471"}  # Göteborg and Götene
    assert len(client.get("/api/v1/kommuner").json()) == 290
    assert client.get("/api/v1/kommuner", params={"q": "x" * 61}).status_code == 422


def test_kommun(client):
    r = client.get("/api/v1/kommuner/1480")
    assert r.status_code == 200
    body = r.json()
    assert body["name"] == "Göteborg"
    assert {"level": "regso", "version": "RegSO2025", "n": 147} in body["map_levels"]
    assert body["types_years"] == [2022, 2023]
    _err(client.get("/api/v1/kommuner/9999"), 404)
    _err(client.get("/api/v1/kommuner/14800"), 422)
    _err(client.get("/api/v1/kommuner/1480;drop"), 422)


def test_profile(client):
    r = client.get("/api/v1/kommuner/1480/profile", params={"year": 2023})
    assert r.status_code == 200
    p = r.json()
    assert p["kommun"]["code"] == "1480" and p["year"] == 2023
    shares = [row["share_population"] for row in p["omradestyper"]["table"]]
    assert abs(sum(shares) - 100) < 0.01
    assert len(p["areas"]) == 147
    _err(client.get("/api/v1/kommuner/1480/profile", params={"year": 2015}), 404)
    _err(client.get("/api/v1/kommuner/1480/profile", params={"year": "20x3"}), 422)
    _err(client.get("/api/v1/kommuner/1480/profile", params={"year": 1200}), 422)
    _err(client.get("/api/v1/kommuner/1480/profile", params={"level": "lan"}), 422)
    _err(client.get("/api/v1/kommuner/0000/profile"), 404)


def test_kommun_measures(client):
    r = client.get("/api/v1/kommuner/1480/measures", params={"year": 2023})
    assert r.status_code == 200
    d = {m["index"]: m for m in r.json()}
    D = d["dissimilarity"]
    assert 0 < D["ci_low"] <= D["value"] <= D["ci_high"] < 1
    assert D["n_units"] == 147
    _err(client.get("/api/v1/kommuner/1480/measures", params={"year": 2011}), 404)
    _err(client.get("/api/v1/kommuner/abcd/measures"), 422)


def test_areas_and_area(client):
    r = client.get("/api/v1/areas", params={"kommun": "1480", "level": "regso", "version": "RegSO2020"})
    assert r.status_code == 200 and len(r.json()) == 147
    _err(client.get("/api/v1/areas", params={"kommun": "9999"}), 404)
    _err(client.get("/api/v1/areas", params={"kommun": "1480", "level": "planet"}), 422)
    _err(client.get("/api/v1/areas"), 422)
    r = client.get("/api/v1/areas/1480R001", params={"year": 2023})
    assert r.status_code == 200
    vals = {v["variable"]: v["value"] for v in r.json()["values"]}
    assert vals["omradestyp"] == 2
    _err(client.get("/api/v1/areas/1480R999"), 404)
    _err(client.get("/api/v1/areas/1480X001"), 422)
    _err(client.get("/api/v1/areas/1480R001", params={"year": 1850}), 422)


def test_area_indicators(client):
    r = client.get("/api/v1/areas/1480R001/indicators", params={"year": 2023})
    assert r.status_code == 200
    body = r.json()
    assert body["area"]["code"] == "1480R001" and body["omradestyp"]["value"] == 2
    _err(client.get("/api/v1/areas/1480R001/indicators", params={"year": 2030}), 404)
    _err(client.get("/api/v1/areas/R001/indicators"), 422)


def test_variables_and_measures_list(client):
    v = client.get("/api/v1/variables").json()
    assert "folkmangd" in {x["id"] for x in v}
    m = client.get("/api/v1/measures").json()
    assert "dissimilarity" in {x["id"] for x in m}


def test_observations(client):
    r = client.get(
        "/api/v1/observations", params={"kommun": "1480", "variable": "folkmangd", "level": "regso", "year": 2023}
    )
    assert r.status_code == 200
    body = r.json()
    assert body["n"] == 147 and not body["truncated"]
    assert sum(x["value"] for x in body["rows"]) == pytest.approx(604616)
    _err(client.get("/api/v1/observations", params={"kommun": "1480", "variable": "nope"}), 404)
    _err(client.get("/api/v1/observations", params={"kommun": "1480", "variable": "Bad Var"}), 422)
    _err(client.get("/api/v1/observations", params={"kommun": "1480", "year": 1999}), 404)
    _err(client.get("/api/v1/observations", params={"kommun": "1480", "year": "x"}), 422)


def test_omradestyper_and_transitions(client):
    r = client.get("/api/v1/omradestyper", params={"kommun": "1480", "year": 2023})
    assert r.status_code == 200
    assert sum(x["n_regso"] for x in r.json()["table"]) == 147
    riket = client.get("/api/v1/omradestyper", params={"year": 2023}).json()
    assert [x["n_regso"] for x in riket["table"]] == [162, 293, 835, 1781, 292]
    _err(client.get("/api/v1/omradestyper", params={"kommun": "1480", "year": 2019}), 404)
    _err(client.get("/api/v1/omradestyper", params={"lan": "999"}), 422)
    r = client.get("/api/v1/omradestyper/transitions", params={"kommun": "1480", "year_from": 2022, "year_to": 2023})
    assert r.status_code == 200
    c = r.json()["counts"]
    assert c["stable"] + c["improved"] + c["worsened"] == c["total"]
    _err(client.get("/api/v1/omradestyper/transitions", params={"kommun": "1480", "year_from": 2000}), 404)
    _err(client.get("/api/v1/omradestyper/transitions", params={"kommun": "x"}), 422)


def test_geometries_geojson(client):
    r = client.get("/api/v1/geometries/1480", params={"level": "regso"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/geo+json")
    gj = json.loads(r.content)
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == 147
    x, y = (
        gj["features"][0]["geometry"]["coordinates"][0][0][:2]
        if gj["features"][0]["geometry"]["type"] == "Polygon"
        else gj["features"][0]["geometry"]["coordinates"][0][0][0][:2]
    )
    assert 11 < x < 13 and 57 < y < 58.5  # EPSG:4326, Göteborg
    assert len(repr(x).split(".")[1]) <= 5
    assert len(r.content) <= 500_000
    etag = r.headers["etag"]
    assert client.get("/api/v1/geometries/1480", headers={"If-None-Match": etag}).status_code == 304
    _err(client.get("/api/v1/geometries/1780"), 404)  # Karlstad: no boundaries bundled
    _err(client.get("/api/v1/geometries/1480", params={"level": "kommun"}), 422)


def test_map_values(client):
    r = client.get("/api/v1/map/1480", params={"level": "regso", "variable": "omradestyp", "year": 2023})
    assert r.status_code == 200
    body = r.json()
    assert body["geometry_version"] == "RegSO2025" and body["data_version"] == "RegSO2020"
    rows = {x["code"]: x for x in body["rows"]}
    assert rows["1480R001"]["value"] == 2
    assert any(x["approximate"] for x in body["rows"])
    assert not rows["1480R001"]["approximate"]
    _err(client.get("/api/v1/map/1480", params={"variable": "omradestyp", "year": 2018}), 404)
    _err(client.get("/api/v1/map/1480", params={"variable": "nope"}), 404)
    _err(client.get("/api/v1/map/1480", params={"variable": "DROP TABLE"}), 422)


def test_compare(client):
    r = client.get("/api/v1/compare", params={"codes": "1480,0180", "year": 2023})
    assert r.status_code == 200 and {x["code"] for x in r.json()["rows"]} == {"1480", "0180"}
    r = client.get("/api/v1/compare", params={"codes": "1480R001,1480R002"})
    assert r.status_code == 200 and [a["code"] for a in r.json()["areas"]] == ["1480R001", "1480R002"]
    _err(client.get("/api/v1/compare", params={"codes": "1480"}), 422)
    _err(client.get("/api/v1/compare", params={"codes": "1480,1480"}), 422)
    _err(client.get("/api/v1/compare", params={"codes": "1480,9999"}), 404)


def test_openapi_lists_every_endpoint(client):
    spec = client.get("/api/v1/openapi.json").json()
    paths = set(spec["paths"])
    for p in (
        "/api/v1/kommuner",
        "/api/v1/kommuner/{kommun}/profile",
        "/api/v1/areas",
        "/api/v1/observations",
        "/api/v1/omradestyper",
        "/api/v1/geometries/{kommun}",
        "/api/v1/measures",
        "/api/v1/map/{kommun}",
        "/api/v1/compare",
    ):
        assert p in paths
    # pages are not API endpoints (a mounted insatser router documents its own paths)
    assert not {p for p in paths if p.split("/")[1] in ("kommun", "karta", "omrade", "jamfor", "ladda-ner")}
