"""SCB's WFS client on the real recorded Karlstad answers, through the replay server."""

from __future__ import annotations

import copy

import pytest

from lagesbild.errors import DataSourceError
from lagesbild.sources.wfs import LAYERS, WfsClient, layer_crs, parse_layer

from . import wfs_replay


@pytest.fixture
def wfs(replay, make_http):
    wfs_replay.install(replay)
    replay.extra_wfs.clear()

    def make(page_size: int = 2000, **kw) -> WfsClient:
        return WfsClient(make_http("geo/wfs", **kw), page_size=page_size)

    yield make
    replay.extra_wfs.clear()


def _parse(client, level):
    spec = LAYERS[level]
    return parse_layer([r.data for r in client.get_features(spec.name, kommun="1780")], spec)


def test_deso_and_regso_of_karlstad_in_sweref(wfs):
    deso, regso = _parse(wfs(), "deso"), _parse(wfs(), "regso")
    assert len(deso.frame) == 57 and len(regso.frame) == 31
    assert deso.frame.crs.to_epsg() == 3006 and deso.source_crs == "EPSG:4326" and not deso.swapped_axes
    assert set(deso.frame["code"].str[:4]) == {"1780"} and deso.frame["code"].str.fullmatch(r"1780[ABC]\d{4}").all()
    assert "Herrhagen sydöstra-Yttre hamn" in set(regso.frame["name"])
    # Karlstad lies around E 13.5°, N 59.4°: about x 415 000, y 6 585 000 in SWEREF 99 TM
    x0, y0, x1, y1 = deso.frame.total_bounds
    assert 380_000 < x0 < x1 < 460_000 and 6_540_000 < y0 < y1 < 6_640_000
    # DeSO tile the kommun as RegSO do: the two layers cover the same area (1 % tolerance)
    assert deso.frame.area.sum() == pytest.approx(regso.frame.area.sum(), rel=0.01)
    # every DeSO lies in the RegSO its key names (regsokod property of the recorded DeSO layer)
    raw = {
        f["properties"]["desokod"]: f["properties"]["regsokod"] for f in wfs_replay.load("stat:DeSO_2025")["features"]
    }
    reg = regso.frame.set_index("code").geometry
    for code, geom in zip(deso.frame["code"], deso.frame.geometry):
        assert reg[raw[code]].buffer(1).contains(geom.representative_point())
    assert deso.report() == ["stat:DeSO_2025: omprojicerad från EPSG:4326 till EPSG:3006."]


def test_paging_gives_the_same_features(wfs, replay):
    client = wfs(page_size=20)
    responses = client.get_features("stat:DeSO_2025", kommun="1780")
    assert len(responses) == 3  # 20 + 20 + 17
    starts = [int(r["query"]["startIndex"]) for r in replay.requests("/geo/wfs")]
    assert starts == [0, 20, 40]
    codes = [f["properties"]["desokod"] for r in responses for f in r.data["features"]]
    assert len(codes) == len(set(codes)) == 57


def test_second_fetch_comes_from_the_cache(wfs, replay):
    client = wfs()
    client.get_features("stat:RegSO_2025", kommun="1780")
    n = len(replay.requests("/geo/wfs"))
    client.get_features("stat:RegSO_2025", kommun="1780")
    assert len(replay.requests("/geo/wfs")) == n == 1


def test_answer_in_another_crs_is_reprojected(wfs, replay):
    """Edited copies of the recording: the same polygons as lat, lon and in EPSG:3006."""
    import shapely

    base = _parse(wfs(), "regso").frame.set_index("code")
    doc = wfs_replay.load("stat:RegSO_2025")
    swapped = copy.deepcopy(doc)
    for f in swapped["features"]:
        f["geometry"]["coordinates"] = [[[y, x] for x, y in ring] for ring in f["geometry"]["coordinates"]]
    replay.extra_wfs["stat:RegSO_2025"] = swapped
    lay = _parse(wfs(max_age_s=0), "regso")
    assert lay.swapped_axes and lay.source_crs == "EPSG:4326"
    got = lay.frame.set_index("code").geometry
    for code in base.index:
        assert shapely.hausdorff_distance(got[code], base.geometry[code]) < 0.01
    sweref = copy.deepcopy(doc)
    sweref["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}}
    for f in sweref["features"]:
        f["geometry"] = shapely.geometry.mapping(base.geometry[f["properties"]["regsokod"]])
    replay.extra_wfs["stat:RegSO_2025"] = sweref
    lay = _parse(wfs(max_age_s=0), "regso")
    assert lay.source_crs == "EPSG:3006" and lay.report() == []
    got = lay.frame.set_index("code").geometry
    assert all(got[c].equals_exact(base.geometry[c], 1e-6) for c in base.index)


def test_wrong_crs_is_refused(wfs, replay):
    """An edited copy: longitude/latitude values labelled EPSG:3006 cannot lie in Sweden."""
    doc = wfs_replay.load("stat:DeSO_2025")
    doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}}
    replay.extra_wfs["stat:DeSO_2025"] = doc
    with pytest.raises(DataSourceError, match="utanför Sverige.*EPSG:3006"):
        _parse(wfs(max_age_s=0), "deso")


def test_invalid_geometry_is_repaired_and_reported(wfs, replay):
    """An edited copy: one DeSO's ring is turned into a bow tie (self-intersection)."""
    doc = wfs_replay.load("stat:DeSO_2025")
    f = doc["features"][0]
    ring = f["geometry"]["coordinates"][0]
    (x0, y0), (x1, y1) = ring[0], ring[len(ring) // 2]
    f["geometry"]["coordinates"] = [[[x0, y0], [x1, y1], [x1, y0], [x0, y1], [x0, y0]]]
    replay.extra_wfs["stat:DeSO_2025"] = doc
    lay = _parse(wfs(max_age_s=0), "deso")
    code = f["properties"]["desokod"]
    assert [c for c, _ in lay.repaired] == [code]
    assert "Self-intersection" in lay.repaired[0][1]
    assert lay.frame.geometry.is_valid.all()
    assert any(f"ogiltig geometri för {code} reparerad" in line for line in lay.report())


def test_html_error_page_and_truncated_answer(wfs, replay):
    replay.fault("/geo/wfs", "html", "html", "html", "html")
    with pytest.raises(DataSourceError, match="HTML-sida"):
        wfs(retries=2, max_age_s=0).get_features("stat:DeSO_2025", kommun="1780")
    replay.reset()
    replay.fault("/geo/wfs", "truncate")
    responses = wfs(retries=2, max_age_s=0).get_features("stat:DeSO_2025", kommun="1780")  # retried once, then whole
    assert len(responses[0].data["features"]) == 57


def test_unrecorded_filter_is_a_clear_error(wfs):
    with pytest.raises(DataSourceError, match="400"):
        wfs().get_features("stat:DeSO_2025", kommun="1781")


def test_layer_crs_names():
    assert layer_crs({"crs": {"type": "name", "properties": {"name": "EPSG:3857"}}}) == "EPSG:3857"
    assert layer_crs({"crs": {"properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}}) == "EPSG:4326"
    with pytest.raises(DataSourceError, match="okänt koordinatsystem"):
        layer_crs({"crs": {"properties": {"name": "lokalt"}}})
