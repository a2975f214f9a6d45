"""The Delmos 2022 rule takes the ojämlikhetsindex of every kommun that has income-class counts: the
index of each equals its profile's, the thresholds are computed over those kommuner, and kommuner
without the index cannot be decided (or fail on the typ 1–2 criterion). Counts are hand-made test
values, not SCB data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

VARS = [f"inkomstkvartil_{i}" for i in range(1, 5)]
KOMMUNER = ["1480", "1481", "1402"]


def _write_counts(st, year):
    rng = np.random.default_rng(7)
    rows = []
    for kommun in KOMMUNER:
        for code in sorted(st.areas(level="deso", kommun=kommun, version="DeSO2025")["code"])[:6]:
            for var, n in zip(VARS, rng.integers(20, 400, 4)):
                rows.append({"area_code": code, "area_version": "DeSO2025", "year": year, "variable": var,
                             "value": float(n), "source_id": "test:inkomstklasser"})
    st.write(variables=pd.DataFrame([{"id": v, "label_sv": v, "label_en": v, "unit": "personer", "kind": "count"}
                                     for v in VARS]),
             sources=pd.DataFrame([{"id": "test:inkomstklasser", "publisher": "testvärden, inte SCB-data"}]),
             observations=pd.DataFrame(rows))


def test_rule_uses_the_index_of_every_kommun_that_has_it(writable_bundled_store):
    from lagesbild.services.kommun_blocks import eligibility_block, ojamlikhet_block, require_types_years

    st = writable_bundled_store
    year = require_types_years(st, None)[-1]
    before = eligibility_block(st, "1480", year)
    assert before["ojamlikhet_missing"] and "bara kriteriet för typ 1–2" in before["note"]
    _write_counts(st, year)
    idx = {k: ojamlikhet_block(st, k, year, "deso") for k in KOMMUNER}
    assert all(f["value"] is not None and f["income_classes"] == "quartile" for f in idx.values())
    res = eligibility_block(st, "1480", year)
    t = res["table"].set_index("kommun")
    got = t["ojamlikhetsindex"].dropna()
    assert sorted(got.index) == sorted(KOMMUNER)
    for k in KOMMUNER:
        assert got[k] == pytest.approx(idx[k]["value"])
    v = np.array([idx[k]["value"] for k in KOMMUNER])
    mu, sd = v.mean(), v.std(ddof=1)
    assert res["ojamlikhet_threshold"] == pytest.approx(mu + sd)
    for k, x in zip(KOMMUNER, v):
        assert t.loc[k, "z_ojamlikhet"] == pytest.approx((x - mu) / sd)
    others = t.drop(index=KOMMUNER)
    met = others["uppfyller_share"] == 1
    assert set(others.loc[met, "status"]) <= {"kan inte avgöras"}
    assert set(others.loc[~met, "status"]) == {"uppfyller inte"}
    assert not res["ojamlikhet_missing"] and "kvartilproxyn" in res["note"]
    own = res["kommun"]
    assert own["kommun"] == "1480" and own["ojamlikhetsindex"] == pytest.approx(idx["1480"]["value"])
