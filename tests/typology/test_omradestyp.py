"""Official områdestyper: labels, national counts, population shares, transitions."""

import numpy as np
import pandas as pd
import pytest

from lagesbild.errors import InputError, NotFoundError, SchemaError
from lagesbild.services.lagesbild import omradestyper_table, transitions
from lagesbild.typology import omradestyp as ot


def test_exact_swedish_labels():
    assert ot.TYPE_LABELS == {
        1: "Områden med stora socioekonomiska utmaningar",
        2: "Områden med socioekonomiska utmaningar",
        3: "Socioekonomiskt blandade områden",
        4: "Områden med goda socioekonomiska förutsättningar",
        5: "Områden med mycket goda socioekonomiska förutsättningar",
    }
    assert ot.LABEL_TYPES_12 == "områden med socioekonomiska utmaningar"


@pytest.mark.parametrize("year, counts", [(2022, (160, 289, 855, 1770, 289)),
                                          (2023, (162, 293, 835, 1781, 292))])
def test_national_counts_equal_official(bundled_store, year, counts):
    res = omradestyper_table(bundled_store, riket=True, years=[year])
    t = res["table"].sort_values("omradestyp")
    assert tuple(t["n_regso"]) == counts
    assert sum(counts) == 3363
    assert tuple(t["label"]) == tuple(ot.TYPE_LABELS.values())


@pytest.mark.parametrize("year, s12, s45, pop", [(2022, 13.44, 64.28, 10_521_556),
                                                  (2023, 13.71, 64.48, 10_551_707)])
def test_national_population_shares(bundled_store, year, s12, s45, pop):
    res = omradestyper_table(bundled_store, riket=True, years=[year])
    f = {x["id"]: x for x in res["summary"]}
    assert round(f["share_population_12"]["value"], 2) == s12
    assert round(f["share_population_45"]["value"], 2) == s45
    assert f["population"]["value"] == pop
    assert f["share_population_12"]["population_year"] == year
    for fig in res["summary"]:
        assert {"source", "year", "unit", "level", "method_status"} <= set(fig)
        assert fig["method_status"] == "official" and fig["year"] == year


def test_shares_sum_to_100_for_every_kommun_and_lan(bundled_store):
    t = ot.attach_population(ot.official_types(bundled_store, [2022, 2023]), bundled_store)
    for by, n in (("kommun", 290), ("lan", 21)):
        d = ot.type_distribution(t, by=by)
        sums = d.groupby(["unit", "year"])[["share_population", "share_regso"]].sum()
        assert len(sums) == 2 * n
        np.testing.assert_allclose(sums.to_numpy(), 100.0, atol=1e-9)
        # five rows (zero-filled) per unit and year
        assert (d.groupby(["unit", "year"]).size() == 5).all()
    s = ot.type_summary(ot.type_distribution(t, by="kommun"))
    assert ((s["share_population_12"] >= 0) & (s["share_population_12"] + s["share_population_45"]
                                                <= 100 + 1e-9)).all()


def test_kommun_table_counts_and_population(bundled_store):
    res = omradestyper_table(bundled_store, kommun="1780", years=[2022, 2023])
    t = res["table"]
    assert res["scope"] == {"level": "kommun", "code": "1780", "name": "Karlstad"}
    assert t.groupby("year")["n_regso"].sum().tolist() == [31, 31]
    # hand count of Karlstad 2023 from the bundled file: 1/4/4/14/8
    assert t[t["year"] == 2023]["n_regso"].tolist() == [1, 4, 4, 14, 8]
    pop = bundled_store.observations("folkmangd", kommun="1780", year=2023, level="regso",
                                     version="RegSO2020")["value"].sum()
    assert t[t["year"] == 2023]["population"].sum() == pop


# hand count from the raw bundled file (regsokod, type 2022, type 2023)
HAND = {
    "1480": [("1480R012", 1, 2), ("1480R041", 2, 1), ("1480R045", 1, 2), ("1480R050", 2, 1),
             ("1480R058", 4, 3), ("1480R073", 4, 3), ("1480R074", 4, 3), ("1480R127", 1, 2),
             ("1480R145", 3, 2), ("1480R146", 5, 4)],
    "1780": [("1780R018", 4, 5)],
    "0180": [("0180R002", 3, 2), ("0180R005", 4, 3), ("0180R054", 5, 4), ("0180R059", 5, 4),
             ("0180R071", 5, 4), ("0180R077", 3, 4), ("0180R101", 4, 3), ("0180R118", 2, 3),
             ("0180R123", 3, 2), ("0180R126", 4, 5)],
    "2584": [],
}
N_REGSO = {"1480": 147, "1780": 31, "0180": 127, "2584": 15}


@pytest.mark.parametrize("kommun", sorted(HAND))
def test_transitions_match_hand_count(bundled_store, kommun):
    res = transitions(bundled_store, kommun=kommun, year_from=2022, year_to=2023)
    moved = res["moved"]
    got = sorted(zip(moved["area_code"], moved["typ_fran"], moved["typ_till"]))
    assert got == sorted(HAND[kommun])
    m = res["matrix"]
    assert m.to_numpy().sum() == N_REGSO[kommun]
    assert np.trace(m.to_numpy()) == N_REGSO[kommun] - len(HAND[kommun])
    for code, a, b in HAND[kommun]:
        row = moved[moved["area_code"] == code].iloc[0]
        assert row["change"] == ("improved" if b > a else "worsened")
        assert row["population"] > 0
    c = res["counts"]
    assert c["improved"] == sum(b > a for _, a, b in HAND[kommun])
    assert c["worsened"] == sum(b < a for _, a, b in HAND[kommun])
    assert c["total"] == N_REGSO[kommun]
    pop = bundled_store.observations("folkmangd", kommun=kommun, year=2023, level="regso",
                                     version="RegSO2020")["value"].sum()
    assert res["matrix_population"].to_numpy().sum() == pytest.approx(pop)


def test_national_transitions(bundled_store):
    res = transitions(bundled_store, riket=True, year_from=2022, year_to=2023)
    assert res["counts"]["total"] == 3363
    assert res["counts"]["improved"] + res["counts"]["worsened"] == 253
    m = res["matrix"]
    assert m.sum(axis=1).tolist() == [160, 289, 855, 1770, 289]
    assert m.sum(axis=0).tolist() == [162, 293, 835, 1781, 292]


def test_change_direction():
    assert ot.change_direction(1, 2) == "improved"
    assert ot.change_direction(4, 3) == "worsened"
    assert ot.change_direction(3, 3) == "stable"


def test_population_year_falls_back_and_is_reported():
    class FakeStore:
        def observations(self, variable, version=None, codes=None):
            return pd.DataFrame({"area_code": ["A", "B"], "year": [2021, 2021],
                                 "value": [100.0, 300.0]})

    types = pd.DataFrame({"area_code": ["A", "B"], "area_version": ["v", "v"], "year": [2023, 2023],
                          "omradestyp": [1, 4], "kommun": ["k", "k"]})
    out = ot.attach_population(types, FakeStore())
    assert out["population_year"].tolist() == [2021, 2021]
    d = ot.type_distribution(out, by="kommun")
    assert d.set_index("omradestyp").loc[1, "share_population"] == 25.0


@pytest.mark.parametrize("kw, err, text", [
    ({"kommun": "9999"}, NotFoundError, "Kommunkoden 9999 finns inte"),
    ({"kommun": "14800"}, SchemaError, "Ogiltig områdeskod"),
    ({"lan": "99"}, NotFoundError, "Länskoden 99 finns inte"),
    ({"kommun": "1480", "lan": "14"}, InputError, "exakt ett av"),
    ({}, InputError, "exakt ett av"),
    ({"riket": True, "years": [2019]}, NotFoundError, "saknas för år 2019"),
])
def test_bad_input_gives_swedish_messages(bundled_store, kw, err, text):
    with pytest.raises(err) as ei:
        omradestyper_table(bundled_store, **kw)
    assert text in ei.value.message("sv")
    assert ei.value.message("en") != ei.value.message("sv")


def test_kommun_series_from_tab6586_with_population_year_reported(bundled_store):
    res = omradestyper_table(bundled_store, kommun="1780", years=[2015, 2023])
    assert res["table"].groupby("year")["n_regso"].sum().tolist() == [31, 31]
    assert any("2015" in n and "år 2020 (närmaste år" in n for n in res["notes"])
    py = res["table"].set_index("year")["population_year"]
    assert set(py.loc[2015]) == {2020} and set(py.loc[2023]) == {2023}
    with pytest.raises(NotFoundError, match="2015"):
        omradestyper_table(bundled_store, kommun="1480", years=[2015])
