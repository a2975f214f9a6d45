"""Indicator catalogue and panel, the challenges rule, similar kommuner."""

import pandas as pd
import pytest

from lagesbild.errors import InputError, NotFoundError, SchemaError
from lagesbild.services.lagesbild import area_indicators
from lagesbild.typology import challenges as ch
from lagesbild.typology import indicators as ind
from lagesbild.typology import similar


def test_catalogue_is_complete_and_declarative(bundled_store):
    ids = [i.id for i in ind.CATALOGUE]
    assert len(ids) == len(set(ids))
    assert {i.theme for i in ind.CATALOGUE} == set(ind.THEMES)
    for i in ind.CATALOGUE:
        assert i.label_sv and i.source_table and i.numerator
        assert i.higher_is_better in (True, False, None)
    df = ind.catalogue_frame(bundled_store)
    have = set(df[df["status"] == "i lagret"]["id"])
    assert {"folkmangd", "andel_utrikes_fodda", "andel_hyresratt", "valdeltagande",
            "andel_lag_ek_standard"} <= have
    assert "andel_forvarvsarbetande_20_64" not in have


def test_area_panel_goteborg(bundled_store):
    res = area_indicators(bundled_store, "1480R012", 2023)
    assert res["area"]["version"] == "RegSO2020" and res["area"]["name"] == "Bergsjön sydöstra"
    assert res["omradestyp"]["value"] == 2 and res["omradestyp"]["method_status"] == "official"
    rows = {r["id"]: r for r in res["indicators"]}
    o = bundled_store.observations(["folkmangd", "fodda_utrikes"], codes=["1480R012"], year=2023,
                                   version="RegSO2020").set_index("variable")["value"]
    u = rows["andel_utrikes_fodda"]
    assert u["status"] == "ok"
    assert u["value"] == pytest.approx(100 * o["fodda_utrikes"] / o["folkmangd"])
    k = bundled_store.observations(["folkmangd", "fodda_utrikes"], kommun="1480", year=2023,
                                   level="regso", version="RegSO2020")
    ks = k.groupby("variable")["value"].sum()
    assert u["kommun_value"] == pytest.approx(100 * ks["fodda_utrikes"] / ks["folkmangd"])
    assert u["riket_value"] == pytest.approx(20.5, abs=1.0)
    assert u["z_riket"] > 2 and 95 < u["pct_riket"] <= 100 and u["n_riket"] == 3363
    assert u["n_kommun"] == 147 and u["trend"]["years"] == [2020, 2021, 2022, 2023]
    assert rows["folkmangd"]["value"] == o["folkmangd"]
    assert rows["loneinkomst_medel_tkr"]["kommun_value"] is None     # a mean is not summed
    assert "medelvärde" in rows["loneinkomst_medel_tkr"]["note"]
    assert rows["andel_arbetslosa_20_64"]["status"] == "hämtas"
    for r in res["indicators"]:
        assert {"source", "year", "unit", "level", "method_status"} <= set(r)


def test_area_panel_karlstad_has_tab6586_inputs_without_national_values(bundled_store):
    rows = {r["id"]: r for r in area_indicators(bundled_store, "1780R011", 2022)["indicators"]}
    r = rows["andel_lag_ek_standard"]
    assert r["status"] == "ok" and r["value"] == pytest.approx(46.7)
    assert r["z_kommun"] is not None and r["z_riket"] is None and r["riket_value"] is None


@pytest.mark.parametrize("area, year, err, text", [
    ("1480R999", 2023, NotFoundError, "finns inte"),
    ("1480R012", 2015, NotFoundError, "Året 2015 saknas"),
    ("xyz", 2023, SchemaError, "Ogiltig områdeskod"),
])
def test_area_panel_bad_input(bundled_store, area, year, err, text):
    with pytest.raises(err) as ei:
        area_indicators(bundled_store, area, year)
    assert text in ei.value.message("sv")


def _values(rows):
    return pd.DataFrame(rows, columns=["area_code", "name", "kommun", "indicator", "value"])


def test_challenges_rule_flags_and_explains():
    v = _values([
        ("A", "Norr", "k", "andel_forgymnasial_utb_20_64", 30.0),
        ("A", "Norr", "k", "andel_arbetslosa_20_64", 12.0),
        ("B", "Söder", "k", "andel_forgymnasial_utb_20_64", 31.0),
        ("B", "Söder", "k", "andel_arbetslosa_20_64", 3.0),
        ("C", "Väster", "k", "andel_forgymnasial_utb_20_64", 8.0),
        ("C", "Väster", "k", "andel_arbetslosa_20_64", 4.0),
        ("X", "Annan", "other", "andel_arbetslosa_20_64", 50.0),
    ])
    refs = {"andel_forgymnasial_utb_20_64": {"riket": 12.0}, "andel_arbetslosa_20_64": {"riket": 6.0}}
    res = ch.flag_areas(v, kommun="k", references=refs, kommun_level={"valdeltagande"})
    flagged = {a["area_code"]: a for a in res["areas"]}
    assert set(flagged) == {"A", "B", "C"}
    assert flagged["A"]["flagged"] and set(flagged["A"]["met"]) == {"hog_arbetsloshet", "lag_utbildning"}
    assert not flagged["B"]["flagged"] and flagged["B"]["met"] == ["lag_utbildning"]
    assert "1 av 2" in flagged["B"]["explanation"]
    skipped = {c["id"]: c["skipped_reason"] for c in res["criteria"] if not c["evaluated"]}
    assert skipped["lagt_valdeltagande"] == "finns bara på kommunnivå, inte per område"
    assert "hämtas" in skipped["lag_sysselsattning"]
    assert res["n_flagged"] == 1 and res["n_evaluated"] == 2
    one = ch.flag_areas(v, kommun="k", references=refs, min_met=1)
    assert one["n_flagged"] == 2
    custom = ch.flag_areas(v, kommun="k", references={}, min_met=1, criteria=[
        {"id": "u", "label": "Låg utbildning", "indicator": "andel_forgymnasial_utb_20_64",
         "worse": "high", "reference": 25.0}])
    assert custom["n_flagged"] == 2
    with pytest.raises(InputError):
        ch.flag_areas(v, kommun="k", references={}, criteria=[
            {"id": "u", "label": "x", "indicator": "i", "worse": "sideways"}])


def test_profile_challenges_skip_missing_criteria(gbg_profile):
    c = gbg_profile["challenges"]
    assert c["n_evaluated"] == 0 and c["n_flagged"] == 0
    assert any("valdeltagande" in n.lower() and "kommunnivå" in n for n in c["notes"])
    assert "inte statens urvalsmodell" in c["label"]


def test_similar_kommuner(bundled_store):
    g = similar.comparison_groups(bundled_store, "1480")
    assert g["skr_kommungrupp"]["name"] == "Storstäder"
    assert g["skr_kommungrupp"]["members"] == ["0180", "1280", "1480"]
    soc = [x for x in g["kolada"] if x["theme"] == "socioekonomi"]
    assert len(soc) == 1 and len(soc[0]["members"]) == 7 and "1480" not in soc[0]["members"]
    vals = pd.Series({"0180": 10.0, "1280": 30.0, "1480": 20.0})
    c = similar.compare(vals, "1480", ["0180", "1280"], higher_is_better=False)
    assert c["rank"] == 2 and c["group_mean"] == 20.0 and c["n"] == 3
    c2 = similar.compare(vals, "1480", ["0180", "9999"])
    assert c2["n_missing"] == 1 and c2["rank"] == 1


def test_area_table_agrees_with_area_indicators(bundled_store):
    from lagesbild.services.lagesbild import area_table

    at = area_table(bundled_store, "1480", 2023)
    assert at.attrs["version"] == "RegSO2020" and at["area_code"].nunique() == 147
    fields = ("value", "kommun_value", "riket_value", "z_kommun", "pct_kommun", "z_riket", "pct_riket",
              "denominator_value", "status")
    for code in ("1480R012", "1480R001", "1480R147"):
        one = {r["id"]: r for r in area_indicators(bundled_store, code, 2023)["indicators"]}
        mine = at[at["area_code"] == code].set_index("id")
        assert set(mine.index) == set(one)
        for i, r in one.items():
            for f in fields:
                a, b = r.get(f), mine.loc[i, f] if f in mine.columns else None
                if a is None:
                    assert b is None or b != b, (code, i, f, b)
                elif isinstance(a, str):
                    assert a == b, (code, i, f)
                else:
                    assert b == pytest.approx(a, rel=1e-12), (code, i, f)
        assert mine["omradestyp"].iloc[0] in (1, 2, 3, 4, 5)


def test_area_table_suppresses_like_area_indicators(bundled_store):
    from lagesbild._config import resolve_settings
    from lagesbild.services.lagesbild import area_table

    s = resolve_settings(config_file=None, env={}, store=":memory:", suppress_min_denominator=6000)
    at = area_table(bundled_store, "0127", 2023, settings=s)
    share = at[at["id"] == "andel_utrikes_fodda"].set_index("area_code")
    pop = at[at["id"] == "folkmangd"].set_index("area_code")["value"]
    small = share["denominator_value"] < 6000
    assert small.any() and (~small).any()
    assert share.loc[small, "suppressed"].all() and share.loc[small, "value"].isna().all()
    assert not share.loc[~small, "suppressed"].any()
    code = small[small].index[0]
    one = {r["id"]: r for r in area_indicators(bundled_store, code, 2023, settings=s)["indicators"]}
    assert one["andel_utrikes_fodda"]["value"] is None and one["andel_utrikes_fodda"]["suppressed"]
    assert pop.loc[code] == one["folkmangd"]["value"]
    with pytest.raises(NotFoundError):
        area_table(bundled_store, "9999", 2023)
