"""services_measures.within_kommun_by: M and H inside a kommun split by områdestyp."""

from __future__ import annotations

import numpy as np
import pytest

from lagesbild.errors import NotFoundError
from lagesbild.measures import compute
from lagesbild.services import measures as svc

G = ["fodda_i_sverige", "fodda_utrikes"]


def test_split_is_exact_and_matches_the_kommun_index(bundled_store):
    d = svc.within_kommun_by(bundled_store, "1480", 2023, grouping="omradestyp", groups=G)
    for idx in ("mutual_information", "theil_h"):
        sub = d[d["index"] == idx]
        parts = sub[sub["part"] != "category"].set_index("part")["value"]
        assert parts["between"] + parts["within"] == pytest.approx(parts["total"], abs=1e-12)
        cats = sub[sub["part"] == "category"]
        assert sorted(cats["category"]) == ["1", "2", "3", "4", "5"]
        assert cats["value"].sum() == pytest.approx(parts["within"], abs=1e-12)
        assert cats["p"].sum() == pytest.approx(1.0)
        plug = svc.segregation_indices(bundled_store, "1480", years=[2023], groups=G, indices=[idx], ci=False)
        assert parts["total"] == pytest.approx(plug["value"].iloc[0], rel=1e-12)   # all 147 RegSO typed
    assert set(d["n_unmatched"]) == {0} and set(d["n_units"]) == {147}


def test_between_part_by_hand(bundled_store):
    wide = bundled_store.counts(G, "regso", kommun="0127", year=2023)
    typ = bundled_store.observations("omradestyp", level="regso", kommun="0127", year=2023)
    lab = typ.set_index("area_code")["value"].reindex(wide.index).astype(int)
    agg = wide.groupby(lab.to_numpy()).sum()
    between = compute("mutual_information", agg, groups=G).value
    d = svc.within_kommun_by(bundled_store, "0127", 2023, groups=G)
    got = d[(d["index"] == "mutual_information") & (d["part"] == "between")]["value"].iloc[0]
    assert got == pytest.approx(between, rel=1e-10)
    assert np.isfinite(d["value"]).all()


def test_refusals(bundled_store):
    with pytest.raises(NotFoundError):
        svc.within_kommun_by(bundled_store, "1480", 2023, grouping="socioekonomiskt_index_saknas")
    with pytest.raises(NotFoundError):
        svc.within_kommun_by(bundled_store, "9999", 2023)
