"""The national reads behind a kommun page, split per kommun, equal the per-kommun store reads
they replace (same rows, order and values), for kommuner of different sizes and one without
TAB6586; and a kommun page's blocks equal those computed from the per-kommun reads."""

from __future__ import annotations

import pandas as pd
import pytest

from lagesbild.services import national_reads as nr
from lagesbild.typology import indicators as ind
from lagesbild.typology import omradestyp as ot
from lagesbild.typology import socioindex as si

KOMMUNER = ["1480", "0180", "2584", "0114", "1280"]


@pytest.mark.parametrize("kommun", KOMMUNER)
@pytest.mark.parametrize("which", ["all", "last", "first"])
def test_types_with_population_equal_store_reads(bundled_store, kommun, which):
    from lagesbild.services.kommun_blocks import require_types_years

    typed = require_types_years(bundled_store, None)
    # the store's first year has no RegSO 2020 types: the empty case
    years = {"all": typed, "last": typed[-1:], "first": bundled_store.years("omradestyp")[:1]}[which]
    direct = ot.attach_population(ot.official_types(bundled_store, years, kommun=kommun, version="RegSO2020"),
                                  bundled_store)
    split = nr.types_with_population(bundled_store, years, kommun=kommun)
    assert len(direct) > 0 or which == "first"
    pd.testing.assert_frame_equal(split, direct)


@pytest.mark.parametrize("kommun", KOMMUNER)
def test_tab6586_equal_store_read(bundled_store, kommun):
    direct = si.read_tab6586(bundled_store, kommun=kommun)
    split = si.read_tab6586(bundled_store, obs=nr.tab6586(bundled_store, kommun=kommun))
    pd.testing.assert_frame_equal(split.reset_index(drop=True), direct.reset_index(drop=True),
                                  check_dtype=not direct.empty)


@pytest.mark.parametrize("kommun", KOMMUNER)
def test_panel_values_equal_per_kommun_reads(bundled_store, kommun):
    year = bundled_store.years("omradestyp")[-1]
    meta = bundled_store.variables()
    values = ind.indicator_values(bundled_store, level="regso", year=year, version="RegSO2020")
    have = sorted({i.var for i in ind.CATALOGUE if i.var in meta.index})
    stored = nr.kommun_stored(bundled_store, have, year)
    for v in have:
        kind = meta.loc[v, "kind"]
        assert ind.aggregate_value(bundled_store, values, v, kind, kommun=kommun, year=year, stored=stored) \
            == ind.aggregate_value(bundled_store, values, v, kind, kommun=kommun, year=year)


def test_types_years_per_kommun_equal_direct_count(bundled_store):
    from lagesbild.services.kommun_blocks import require_types_years

    for kommun in KOMMUNER:
        nk = len(bundled_store.areas(level="regso", kommun=kommun, version="RegSO2020"))
        dk = bundled_store.sql("SELECT o.year, count(*) AS n FROM observations o JOIN areas a ON "
                               "a.code = o.area_code AND a.version = o.area_version WHERE "
                               "o.variable = 'omradestyp' AND o.area_version = 'RegSO2020' AND "
                               "a.kommun = ? GROUP BY o.year", [kommun])
        nat = require_types_years(bundled_store, None)
        expect = sorted(set(nat) | {int(y) for y, n in zip(dk["year"], dk["n"]) if nk and n == nk})
        assert require_types_years(bundled_store, None, kommun=kommun) == expect
