"""The report section "Skola och likvärdighet": several school years, area types, a map, the careful label."""

from __future__ import annotations

import pytest

from lagesbild._config import resolve_settings
from lagesbild.reporting import config as rc
from lagesbild.reporting import facts as fx
from lagesbild.reporting.model import Figure, Note, Table
from lagesbild.reporting.phrasing import texts
from lagesbild.reporting.sections import Context
from lagesbild.reporting.sections.skola import skola
from lagesbild.services.skola import skola_kommun

_RESULTS: dict = {}


def _section(store, kommun: str, lang: str = "sv"):
    cfg = rc.with_defaults(
        rc.merge({}, kommun=kommun, year=2023, lang=lang), resolve_settings(config_file=None, env={})
    )
    if (kommun, lang) not in _RESULTS:
        _RESULTS[kommun, lang] = skola_kommun(store, kommun, lang=lang)
    facts = {"skola": _RESULTS[kommun, lang], "geoms": fx.map_geometries(store, kommun)}
    ctx = Context(cfg=cfg, t=texts(lang), kommun_name=kommun, lan=kommun[:2], lan_name="", facts=facts)
    return skola(ctx), facts["skola"]


def _blocks(sec, kind):
    return [b for b in sec.blocks if isinstance(b, kind)]


@pytest.mark.parametrize("kommun", ["0136", "0180", "1480"])
def test_section_covers_at_least_three_school_years(bundled_store, kommun):
    sec, res = _section(bundled_store, kommun)
    figs = {f.id: f for f in _blocks(sec, Figure)}
    # D per school year: a line with at least three school years
    seg = figs["fig-school-seg"]
    years_in_seg = {row[0] for row in seg.table.rows}
    assert len(years_in_seg) >= 3
    # results by områdestyp over at least three school years
    types = figs["fig-school-types"]
    assert len({row[1] for row in types.table.rows}) >= 3
    # the table of schools has a column per school year, ≥ 3
    tab = next(b for b in _blocks(sec, Table) if b.id == "tab-schools")
    assert sum(1 for c in tab.columns if "/" in c) >= 3
    # a map of the schools with a point layer
    m = figs["fig-school-map"]
    assert m.kind == "map"
    assert any(layer.get("mark", {}).get("type") == "circle" for layer in m.spec["layer"])
    # the careful label is the first block
    first = sec.blocks[0]
    assert isinstance(first, Note) and "inte av elevernas bakgrund" in first.text


def test_table_values_are_the_published_ones_with_markers(bundled_store):
    sec, res = _section(bundled_store, "0180")
    tab = next(b for b in _blocks(sec, Table) if b.id == "tab-schools")
    by_name = {r[0]: r for r in tab.rows}
    s = next(s for s in res["skolor"] if any(y["meritvarde_status"] == ".." for y in s["ar"]))
    row = by_name[s["namn"]]
    cols = tab.columns
    for y in s["ar"]:
        cell = row[cols.index(y["lasar"])]
        if y["meritvarde"] is None:
            assert cell == (y["meritvarde_status"] or "–")
        else:
            assert cell == f"{y['meritvarde']:.1f}".replace(".", ",")


def test_english_section(bundled_store):
    sec, _ = _section(bundled_store, "0136", lang="en")
    assert "not of pupils' background" in sec.blocks[0].text


def test_kommun_eligibility_and_the_residential_comparison(bundled_store):
    import pandas as pd

    from lagesbild.reporting.model import Paragraph

    cfg = rc.with_defaults(
        rc.merge({}, kommun="1480", year=2023, lang="sv"), resolve_settings(config_file=None, env={})
    )
    res = skola_kommun(bundled_store, "1480")
    seg = {"indices": pd.DataFrame({"index": ["dissimilarity"], "year": [2023], "value": [0.4321]}), "year": 2023}
    ctx = Context(
        cfg=cfg,
        t=texts("sv"),
        kommun_name="Göteborg",
        lan="14",
        lan_name="",
        facts={"skola": res, "geoms": (None, None), "segregation": seg},
    )
    text = " ".join(b.text for b in skola(ctx).blocks if isinstance(b, Paragraph))
    # Göteborg 2024/25, all pupils: 82,8 % eligible for yrkesprogram (Skolverket's kommun export)
    assert "82,8 %" in text
    assert "0,432 år 2023" in text and "kan inte jämföras som tal" in text
