"""The store's areas per kommun from one national read per generation equal the per-kommun
queries they replace: levels with data, levels with boundaries, kommun and län rows."""

from __future__ import annotations

import pytest

from lagesbild.services import area_index as ai

KOMMUNER = ["1480", "0180", "2584", "0114", "1280"]


@pytest.mark.parametrize("kommun", KOMMUNER + ["2080"])
def test_levels_with_data_and_boundary_levels_equal_kommun_queries(bundled_store, kommun):
    for year in bundled_store.years():
        direct = bundled_store.sql(
            "SELECT DISTINCT a.level FROM observations o JOIN areas a ON a.code = o.area_code AND "
            "a.version = o.area_version WHERE a.kommun = ? AND o.year = ? AND a.level IN ('regso', 'deso')",
            [kommun, int(year)])
        assert ai.levels_with_data(bundled_store, kommun, year) == set(direct["level"])
    direct = bundled_store.sql(
        "SELECT a.level, g.version, count(*) AS n FROM area_geometries g JOIN areas a ON a.code = g.code "
        "AND a.version = g.version WHERE a.kommun = ? AND a.level IN ('regso', 'deso') "
        "GROUP BY 1, 2 ORDER BY 1 DESC, 2 DESC", [kommun])
    assert ai.boundary_levels(bundled_store, kommun) == [
        {"level": r.level, "version": r.version, "n": int(r.n)} for r in direct.itertuples()]


def test_boundary_levels_known_cases(bundled_store):
    # Göteborg has RegSO and DeSO boundaries; Malmö (Skåne) has none in the bundled data
    got = ai.boundary_levels(bundled_store, "1480")
    assert [r["level"] for r in got][:1] == ["regso"] and {"regso", "deso"} <= {r["level"] for r in got}
    assert ai.boundary_levels(bundled_store, "1280") == []
    got[0]["n"] = -1  # callers get copies
    assert ai.boundary_levels(bundled_store, "1480")[0]["n"] > 0


def test_area_names_and_require_kommun(bundled_store):
    from lagesbild.errors import NotFoundError
    from lagesbild.services.store import require_kommun

    kommuner = ai.area_names(bundled_store, "kommun")
    assert len(kommuner) == 290 and kommuner["1480"]["name"] == "Göteborg"
    assert ai.area_names(bundled_store, "lan")[kommuner["1480"]["lan"]]["name"] == "Västra Götalands län"
    row = require_kommun(bundled_store, "0127")
    direct = bundled_store.areas(level="kommun", codes=["0127"]).iloc[0].to_dict()
    assert row == direct
    with pytest.raises(NotFoundError, match="Kommunkoden 0999 finns inte"):
        require_kommun(bundled_store, "0999")
