"""Ojämlikhetsindex on hand-made counts, the Delmos 2022 rule, and the suppression helper."""

import numpy as np
import pandas as pd
import pytest

from lagesbild._config import resolve_settings
from lagesbild.errors import InputError
from lagesbild.typology.disclosure import suppress, suppression_mask
from lagesbild.typology.ojamlikhet import eligibility_delmos_2022, ojamlikhetsindex


def test_worked_example_is_40():
    r = ojamlikhetsindex(np.array([[50, 10], [30, 30], [20, 60]]))
    assert r["value"] == pytest.approx(40.0)
    assert r["id"] == "ojamlikhetsindex_q1q5" and r["method_status"] == "computed"
    assert r["level"] == "deso" and r["unit"] == "index 0–100"


def test_extremes_and_middle_classes_ignored():
    sep = pd.DataFrame({"q1": [100, 0, 0], "q2": [5, 5, 5], "q3": [1, 1, 1], "q4": [9, 9, 9],
                        "q5": [0, 40, 60]})
    assert ojamlikhetsindex(sep)["value"] == pytest.approx(100.0)
    same = pd.DataFrame({"q1": [10, 20, 30], "q5": [1, 2, 3]})
    assert ojamlikhetsindex(same)["value"] == pytest.approx(0.0)
    # explicit columns and a unit with neither group
    r = ojamlikhetsindex(pd.DataFrame({"a": [50, 30, 20, 0], "b": [10, 30, 60, 0]}), low="a",
                         high="b", level="regso", geo_version="RegSO2020")
    assert r["value"] == pytest.approx(40.0) and r["n_units"] == 3 and r["n_units_dropped"] == 1
    assert r["level"] == "regso" and r["geo_version"] == "RegSO2020"


def test_quartile_proxy_is_labelled():
    r = ojamlikhetsindex(np.array([[50, 1, 1, 10], [30, 1, 1, 30], [20, 1, 1, 60]]),
                         classes="quartile")
    assert r["value"] == pytest.approx(40.0)
    assert r["id"] == "ojamlikhetsindex_proxy_q1q4" and r["method_status"] == "proxy"
    assert "kvartilproxy" in r["label"] and "beräknad av lagesbild" in r["label"]


@pytest.mark.parametrize("counts, kw, text", [
    (np.array([[1, 2]]), {"classes": "decile"}, "classes"),
    (np.array([1, 2, 3]), {}, "två kolumner"),
    (np.array([[0, 1], [0, 2]]), {}, "lägsta och den högsta"),
    (np.array([[-1, 1], [3, 2]]), {}, "≥ 0"),
])
def test_ojamlikhet_bad_input(counts, kw, text):
    with pytest.raises(InputError, match=text):
        ojamlikhetsindex(counts, **kw)


def test_delmos_rule_on_hand_made_table():
    share = [10.0] * 8 + [40.0, 12.0]
    oj = [20.0] * 8 + [35.0, 50.0]
    t = pd.DataFrame({"kommun": [f"k{i}" for i in range(10)], "share_population_12": share,
                      "ojamlikhetsindex": oj})
    res = eligibility_delmos_2022(t, kommun="k8")
    s, o = np.array(share), np.array(oj)
    assert res["share_threshold"] == pytest.approx(s.mean() + 1.5 * s.std(ddof=1))
    assert res["ojamlikhet_threshold"] == pytest.approx(o.mean() + o.std(ddof=1))
    st = dict(zip(res["table"]["kommun"], res["table"]["status"]))
    assert st["k8"] == "uppfyller"         # 40 ≥ 27.4 and 35 ≥ 34.6
    assert st["k9"] == "uppfyller inte"    # high ojämlikhet but low share
    assert res["n_eligible"] == 1 and res["label"] == "regel enligt Delmos 2022"
    assert res["kommun"]["z_share"] == pytest.approx((40 - s.mean()) / s.std(ddof=1))


def test_delmos_rule_without_ojamlikhet_cannot_decide():
    t = pd.DataFrame({"kommun": list("abcdefghij"),
                      "share_population_12": [1, 1, 1, 1, 1, 1, 1, 1, 1, 30.0]})
    res = eligibility_delmos_2022(t)
    st = dict(zip(res["table"]["kommun"], res["table"]["status"]))
    assert st["j"] == "kan inte avgöras" and st["a"] == "uppfyller inte"
    assert res["ojamlikhet_missing"] and res["n_eligible"] == 0 and res["n_undecided"] == 1


def test_suppress_counts_and_shares():
    t = pd.DataFrame({"grupp": ["a", "b", "c", "d"], "n": [3, 0, 40, 7], "tot": [10, 0, 200, 25],
                      "andel": [30.0, np.nan, 20.0, 28.0]})
    out = suppress(t, counts=["n"], shares={"andel": "tot"})
    assert out["n"].tolist() == ["–", 0, 40, 7]       # zero is not a small count
    assert out["andel"].tolist()[0] == "–" and out["andel"].tolist()[1] == "–"
    assert out["andel"].tolist()[2:] == [20.0, 28.0]
    info = out.attrs["suppression"]
    assert info["n_cells"] == 3 and "röjandekontroll" in info["note"]
    assert t["n"].tolist() == [3, 0, 40, 7]           # input untouched
    s = resolve_settings(config_file=None, env={}, suppress_min_count=10,
                         suppress_min_denominator=30)
    out2 = suppress(t, counts=["n"], shares={"andel": "tot"}, settings=s, symbol=None)
    assert out2["n"].tolist() == [None, 0, 40, None]
    assert out2["andel"].tolist()[3] is None           # denominator 25 < 30
    by_num = suppress(t, shares={"andel": ("n", "tot")}, min_denominator=0)
    assert by_num["andel"].tolist()[0] == "–" and by_num["andel"].tolist()[3] == 28.0
    m = suppression_mask(t, counts=["n"], min_count=2)
    assert not m.to_numpy().any()
    clean = suppress(t[t["n"] >= 40], counts=["n"])
    assert clean.attrs["suppression"]["note"] is None
    with pytest.raises(InputError):
        suppress(t, counts=["n"], min_count=0)
