"""Groups with a total of 0: dropped with a note where the index is defined without them, a
reason where it is not; `measure --by kommun` on RegSO tenure (three groups, 290 kommuner, three
of them without tenant-owned dwellings) and batches never abort or leave an unexplained NaN."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lagesbild.cli import main
from lagesbild.errors import InputError
from lagesbild.measures import compute, compute_many, registry
from lagesbild.measures.empty_groups import missing_reasons
from lagesbild.services.measure_tables import batch_rows, index_row

DATA = Path(__file__).parent / "data"
TENURE = ["lgh_hyresratt", "lgh_bostadsratt", "lgh_aganderatt"]
WITHOUT_BR = {"2303", "2403", "2513"}     # no bostadsrätter in 2023 (SCB)
A = np.array([[10.0, 0, 5, 2], [3, 0, 9, 4], [7, 0, 1, 6], [2, 0, 2, 2]])
MULTI = [k for k, m in registry.items() if m.kind == "multigroup" and not m.needs]


@pytest.mark.parametrize("idx", MULTI)
def test_multigroup_index_equals_the_table_without_the_empty_group(idx):
    full = compute(idx, A, groups=["a", "b", "c", "d"])
    without = compute(idx, A[:, [0, 2, 3]], groups=["a", "c", "d"]).value
    assert full.value == pytest.approx(without, abs=1e-14)
    assert full.groups == ["a", "c", "d"]
    assert full.notes_in("sv") == ["Gruppen b har totalen 0 här och togs bort; måttet beräknades på övriga 3 grupper."]
    assert "The group b has a total of 0" in full.notes_in("en")[0]
    # the vectorised batch gives the same value (the empty column is dropped there too)
    assert compute_many([idx], [A])[0, 0] == pytest.approx(without, abs=1e-14)


def test_local_and_two_group_cases():
    lq = compute("location_quotient", A, groups=["a", "b", "c", "d"])
    assert lq.groups == ["a", "c", "d"] and np.isfinite(lq.value).all()
    # two-group: the rest is pooled, so an empty non-focal group changes nothing
    d = compute("dissimilarity", A, groups=["a", "b", "c", "d"]).value
    assert d == pytest.approx(compute("dissimilarity", np.column_stack([A[:, 0], A[:, 1:].sum(1)])).value)
    with pytest.raises(InputError):                      # the focal group empty: D undefined
        compute("dissimilarity", A, groups=["a", "b", "c", "d"], focal="b")
    r = index_row("dissimilarity", A, groups=["a", "b", "c", "d"], focal="b")
    assert r["value"] is None and r["reason"] == "fokalgruppen b har totalen 0"
    assert index_row("theil_h", A[:, [1, 2]], "en")["reason"] == "fewer than 2 groups with population"
    with pytest.raises(InputError):                      # a wrong request still raises
        index_row("theil_hh", A)


def test_batch_never_writes_an_unexplained_nan():
    tables = [A, A[:, [1, 0, 2, 3]], np.array([[0.0, 5, 0, 0], [0, 3, 0, 0]]), A[:1]]
    ids = ["dissimilarity", "theil_h", "mutual_information"]
    vals = compute_many(ids, tables)
    why = missing_reasons(ids, tables, ["a", "b", "c", "d"])
    assert np.isfinite(vals[0]).all()
    assert np.isnan(vals[1, 0]) and why[1][0][0] == "measures.reason_focal_empty"   # focal column empty
    assert vals[1, 1] == pytest.approx(vals[0, 1])                                   # M/H defined without it
    assert why[2][1][0] == "measures.reason_few_groups" and why[3][0][0] == "measures.reason_few_units"
    assert all((why[i][j] is None) == np.isfinite(vals[i, j]) for i in range(4) for j in range(3))
    rows = batch_rows(ids, tables, [{"kommun": str(i)} for i in range(4)], groups=["a", "b", "c", "d"])
    assert all((r["value"] is None) == (r["reason"] is not None) for r in rows)


def test_measure_by_kommun_on_regso_tenure(tmp_path, capsys):
    d = pd.read_parquet(DATA / "regso_2020_2023.parquet")
    d = d[d.year == 2023]
    long = d.melt(id_vars=["regsokod", "kommun"], value_vars=TENURE, var_name="grupp", value_name="antal")
    long = long[~((long.grupp == "lgh_bostadsratt") & long.kommun.isin(WITHOUT_BR))]   # as absent rows
    path = tmp_path / "tenure.csv"
    long.to_csv(path, index=False)
    code = main(["measure", str(path), "--unit", "regsokod", "--group", "grupp", "--weight", "antal",
                 "--by", "kommun", "--index", "mutual_information,theil_h,multi_dissimilarity", "--format", "json"])
    out = capsys.readouterr()
    assert code in (0, None), out.err
    rows = json.loads(out.out)
    assert {r["kommun"] for r in rows} == set(d.kommun) and len(set(d.kommun)) == 290
    assert all(r["value"] is not None and r["reason"] is None for r in rows)
    noted = {r["kommun"] for r in rows if r["note"]}
    assert noted == WITHOUT_BR
    assert all("lgh_bostadsratt" in r["note"] for r in rows if r["note"])
    # the values of those kommuner are the two-group values (checked for one)
    sub = d[d.kommun == "2303"].set_index("regsokod")[["lgh_hyresratt", "lgh_aganderatt"]]
    m = next(r["value"] for r in rows if r["kommun"] == "2303" and r["index"] == "mutual_information")
    assert m == pytest.approx(compute("mutual_information", sub).value, abs=1e-12)
