"""The national reads behind a kommun page, split per kommun, equal the per-kommun store reads
they replace (same rows, order and values), for kommuner of different sizes and one without
TAB6586; and a kommun page's blocks equal those computed from the per-kommun reads."""

from __future__ import annotations

import pandas as pd
import pytest

from lagesbild.services import national_counts
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


# ---------------------------------------------------------------- blocks over every kommun
# Every fourth kommun of the store (73 of 290: large and small, with and without TAB6586) plus the
# named ones: the block computed once for the country, split per kommun, equals the block computed
# for the kommun alone.


def _sample(store):
    codes = store.kommuner()
    return sorted(set(codes[::4]) | set(KOMMUNER))


def test_type_tables_equal_per_kommun_computation(bundled_store):
    from lagesbild.services.kommun_blocks import require_types_years

    years = require_types_years(bundled_store, None)
    for kommun in _sample(bundled_store):
        for ys in (years, years[-1:]):
            dist, summ = nr.type_tables(bundled_store, kommun, ys)
            alone = ot.type_distribution(nr.types_with_population(bundled_store, ys, kommun=kommun), by="kommun")
            pd.testing.assert_frame_equal(dist, alone)
            pd.testing.assert_frame_equal(summ, ot.type_summary(alone))
    assert nr.type_tables(bundled_store, "9999", years) is None


def test_transition_tables_equal_per_kommun_computation(bundled_store):
    from lagesbild.services.kommun_blocks import require_types_years

    y0, y1 = require_types_years(bundled_store, None)[-2:]
    moved = 0
    for kommun in _sample(bundled_store):
        df = nr.types_with_population(bundled_store, [y0, y1], kommun=kommun)
        mat, matp, rows = nr.transition_tables(bundled_store, kommun, y0, y1)
        alone = ot.transition_matrix(df, y0, y1)
        alone_p = ot.transition_matrix(df, y0, y1, weight="population")
        pd.testing.assert_frame_equal(mat, alone)
        pd.testing.assert_frame_equal(matp, alone_p)
        assert mat.attrs == alone.attrs and matp.attrs == alone_p.attrs
        pd.testing.assert_frame_equal(rows, ot.changed_areas(df, y0, y1, only_changed=False))
        moved += int((rows["change"] != "stable").sum())
    assert moved > 0  # the sample holds areas that changed type, so the matrices are not all diagonal


def test_kommun_observations_at_equal_store_reads(bundled_store):
    variables = ("folkmangd", "andel_utrikes_fodda")
    every = nr.kommun_observations_at(bundled_store, variables)
    assert set(every) == set(bundled_store.kommuner())
    derived = 0
    for kommun in _sample(bundled_store):
        direct = bundled_store.observations_at(list(variables), level="kommun", kommun=kommun)
        key = ["variable", "year", "area_code", "derived"]
        got = every[kommun].sort_values(key).reset_index(drop=True)
        pd.testing.assert_frame_equal(got, direct.sort_values(key).reset_index(drop=True)[got.columns],
                                      check_dtype=False)
        derived += int(got["derived"].sum())
    assert derived > 0  # the share is aggregated from RegSO: the finer-level path is exercised


def test_comparison_groups_equal_store_group_reads(bundled_store):
    from lagesbild.typology import similar

    for kommun in _sample(bundled_store):
        groups = similar.comparison_groups(bundled_store, kommun)
        for grouping, key in (("skr_kommungrupp_2023", "skr_kommungrupp"), ("skr_huvudgrupp_2023", "skr_huvudgrupp")):
            direct = bundled_store.area_groups(grouping, area_code=kommun)
            if direct.empty:
                assert groups[key] is None
            else:
                assert groups[key]["members"] == sorted(direct["area_code"])
                assert groups[key]["code"] == direct["group_code"].iloc[0]


def test_memory_store_caches_follow_writes():
    """An in-memory store's generation counts its writes, so catalogue reads cached per generation
    see a variable written after the first read."""
    from lagesbild._config import resolve_settings
    from lagesbild.store import open_store

    st = open_store(":memory:", settings=resolve_settings(config_file=None, env={}))
    g0 = st.generation
    before = set(st.variables().index)
    st.write(variables=pd.DataFrame([{"id": "testvariabel", "label_sv": "Testvariabel", "label_en": "Test variable",
                                      "unit": "antal", "kind": "count"}]))
    assert st.generation != g0
    assert set(st.variables().index) == before | {"testvariabel"}
    assert st.kommuner() == [] and st.years("testvariabel") == []
    st.write(areas=pd.DataFrame([{"code": "9901", "version": "test", "level": "kommun", "name": "Testkommun",
                                  "kommun": "9901", "lan": "99"}]),
             observations=pd.DataFrame([{"area_code": "9901", "area_version": "test", "year": 2024,
                                         "variable": "testvariabel", "value": 1.0, "source_id": "test"}]),
             sources=pd.DataFrame([{"id": "test", "publisher": "test"}]))
    assert st.kommuner() == ["9901"] and st.years("testvariabel") == [2024]
    st.close()


def test_kommun_panel_values_equal_aggregate_value_per_kommun(bundled_store):
    from lagesbild.services.kommun_blocks import require_types_years

    year = require_types_years(bundled_store, None)[-1]  # the year of the kommun page
    meta = bundled_store.variables()
    values = ind.indicator_values(bundled_store, level="regso", year=year, version="RegSO2020")
    have = sorted({i.var for i in ind.CATALOGUE if i.var in meta.index})
    kinds = {v: meta.loc[v, "kind"] for v in have}
    every = nr.kommun_panel_values(bundled_store, values, kinds, year)
    notes = set()
    for kommun in _sample(bundled_store):
        for v in have:
            want = ind.aggregate_value(bundled_store, values, v, kinds[v], kommun=kommun, year=year)
            got = every.get((v, kommun), (None, "saknas"))
            assert got[1] == want[1] and (got[0] == pytest.approx(want[0], rel=1e-12) if want[0] is not None
                                          else got[0] is None), (kommun, v)
            notes.add(want[1])
    assert len(notes) >= 2  # stored and computed values both occur in the sample


def test_read_counts_from_the_national_read_equal_the_store_path(bundled_store):
    """The kommun page's counts (born abroad / born in Sweden per RegSO) and their provenance, from
    one national read, equal what store.counts and the provenance query give kommun by kommun."""
    from lagesbild.services.measure_inputs import provenance, read_counts

    groups = ["fodda_utrikes", "fodda_i_sverige"]
    year = bundled_store.years("fodda_utrikes")[-1]
    fast = 0
    for kommun in _sample(bundled_store):
        if national_counts.level_observations(bundled_store, tuple(groups), "regso", year).get(kommun) is not None:
            fast += 1
        wide, prov, notes = read_counts(bundled_store, groups, "regso", kommun, year)
        direct = bundled_store.counts(groups, "regso", kommun=kommun, year=year)
        direct = direct[~direct.isna().any(axis=1)]
        direct = direct[direct.sum(axis=1) > 0]
        direct.index = direct.index.astype(str)
        pd.testing.assert_frame_equal(wide, direct)
        assert prov == provenance(bundled_store, groups, "regso", kommun, year, list(wide.index))
    assert fast > 0  # the national read served kommuner of the sample


def test_kommun_trend_from_the_national_pivot_equals_the_kommun_pivot(bundled_store):
    from lagesbild.services.web import kommun_trend

    variables = ["folkmangd", "andel_utrikes_fodda"]
    for kommun in _sample(bundled_store):
        df = bundled_store.observations_at(variables, level="kommun", kommun=kommun)
        alone = df.pivot_table(index="year", columns="variable", values="value", aggfunc="first")
        alone = alone.reset_index().rename_axis(columns=None)
        pd.testing.assert_frame_equal(kommun_trend(bundled_store, kommun), alone)


def test_indicator_values_of_equal_the_filter_and_give_the_same_challenge_flags(bundled_store):
    from lagesbild.services.kommun_blocks import require_types_years
    from lagesbild.typology import challenges as ch

    year = require_types_years(bundled_store, None)[-1]  # the year a kommun page shows
    values = ind.indicator_values(bundled_store, level="regso", year=year, version="RegSO2020")
    key = ("regso", year, "RegSO2020")
    for kommun in KOMMUNER + ["0999"]:
        mine = nr.indicator_values_of(bundled_store, values, kommun, key)
        pd.testing.assert_frame_equal(mine, values[values["kommun"] == kommun])
        refs = {"andel_lag_ek_standard": {"riket": 0.15, "kommun": 0.2}}
        assert ch.flag_areas(mine, kommun=kommun, references=refs) == \
            ch.flag_areas(values, kommun=kommun, references=refs)
    assert len(nr.indicator_values_of(bundled_store, values, "1480", key)) > 0
