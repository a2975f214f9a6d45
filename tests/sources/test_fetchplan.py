"""The request plan of `fetch kommun|lan|riket`: cells and calls by hand, no network."""

from __future__ import annotations

import math

from lagesbild.sources.catalogue import RECIPES, recipe
from lagesbild.sources.fetchplan import duration_s, plan_area_fetch, recipe_categories


def _plan(**kw):
    opts = {"regions": {"deso": 113, "regso": 62, "kommun": 1}, "kommuner": ["1780"], "years": None,
            "kolada_kpis": ["N15428", "N17457"], "kolada_munis": 8, "wfs_features": {"deso": 57, "regso": 31}}
    opts.update(kw)
    return plan_area_fetch(**opts)


def test_categories_by_hand():
    assert recipe_categories(recipe("befolkning_alder_kon")) == 18 * 3  # 17 bands + totalt, 3 sexes
    assert recipe_categories(recipe("socioekonomiskt_index")) == 5
    assert recipe_categories(recipe("nyckeltal_bas")) == 2  # BAS02, BAS03 × one content
    assert recipe_categories(recipe("lagenheter_2024")) == 4


def test_cells_and_calls_of_a_kommun():
    p = _plan()
    pop = next(x for x in p if x.tabell == "TAB6574" and x.niva == "deso")
    assert pop.celler == 113 * 54 and pop.anrop == 1 + 2
    si = next(x for x in p if x.tabell == "TAB6586")
    assert si.niva == "regso" and si.celler == 62 * 5
    assert not any(x.tabell == "TAB6586" and x.niva == "deso" for x in p)  # RegSO only
    bas = [x for x in p if x.tabell == "TAB5663"]
    assert [x.niva for x in bas] == ["kommun"] and bas[0].celler == 2
    geo = {x.niva: x for x in p if x.kalla == "scb_geo"}
    assert geo["deso"].celler == 57 and geo["deso"].anrop == 1 and geo["regso"].lager == "stat:RegSO_2025"
    kol = next(x for x in p if x.kalla == "kolada")
    assert kol.celler == 2 * 8 * 10 * 3 and kol.anrop == 1 + 1
    assert {x.kalla for x in p} == {"scb", "scb_geo", "kolada", "valmyndigheten", "skolverket"}
    for x in p:
        d = x.as_json()
        assert {"kalla", "niva", "celler"} <= set(d) and (("tabell" in d) != ("lager" in d))


def test_years_outside_a_recipe_are_not_published_and_split_over_the_cell_limit():
    p = _plan(years=[2016, 2017])
    edu = {x.recept: x for x in p if x.recept in ("utbildning_2015", "utbildning_2024") and x.niva == "deso"}
    assert edu["utbildning_2024"].status == "ej_publicerad" and edu["utbildning_2024"].celler == 0
    assert edu["utbildning_2015"].celler == 113 * 3 * 1 * 1 * 2  # 3 levels × sex total × 1 content × 2 years
    big = _plan(regions={"deso": 12144, "regso": 6726, "kommun": 290}, years=list(range(2015, 2025)))
    pop = next(x for x in big if x.tabell == "TAB6574" and x.niva == "deso")
    assert pop.celler == 12144 * 54 * 10 and pop.anrop == math.ceil(pop.celler / 150_000) + 2


def test_duration_from_pacing():
    p = _plan()
    scb = sum(x.anrop for x in p if x.kalla in ("scb", "scb_geo"))
    kol = sum(x.anrop for x in p if x.kalla == "kolada")
    assert duration_s(p) == (math.ceil(scb / 30) - 1) * 10 + kol / 5
    assert duration_s(p, calls_per_window=10) == (math.ceil(scb / 10) - 1) * 10 + kol / 5
    assert all(r.name for r in RECIPES)
