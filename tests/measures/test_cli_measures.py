"""The measure commands (`measure`, `change`, `batch`, `list-measures`) through the real `lagesbild` CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from lagesbild.cli import main
from lagesbild.measures import compute


class _Result:
    def __init__(self, code, out, err):
        self.exit_code, self.output, self.stderr = code, out, err


@pytest.fixture()
def app(capsys):
    """Run the real `lagesbild` command line and capture what it prints."""

    def invoke(args):
        code = main([str(a) for a in args])
        cap = capsys.readouterr()
        return _Result(code, cap.out, cap.err)

    return invoke


def _long(tmp_path, counts, name="t.csv", units=None, extra=None):
    units = units or [f"{i:04d}" for i in range(len(counts))]
    rows = []
    for u, row in zip(units, counts):
        for g, v in zip(["x", "y"][: len(row)] if len(row) == 2 else ["a", "b", "c"], row):
            rows.append({"area": u, "grp": g, "n": v, **(extra(u) if extra else {})})
    p = tmp_path / name
    pd.DataFrame(rows).to_csv(p, index=False)
    return p


N4 = [[30, 10], [20, 10], [10, 20], [10, 30]]


def test_measure_json_and_within(app, tmp_path):
    p = _long(tmp_path, N4, extra=lambda u: {"super": "a" if u in ("0000", "0001") else "b"})
    res = app(["measure", str(p), "--unit", "area", "--group", "grp", "--weight", "n",
                              "--index", "mutual_information,theil_h,dissimilarity", "--within", "super",
                              "--format", "json"])
    assert res.exit_code == 0, res.output
    out = {r["index"]: r["value"] for r in json.loads(res.output)}
    assert out["mutual_information"] == pytest.approx(0.0990210258, abs=1e-10)
    assert out["mutual_information_between"] == pytest.approx(0.0948775920, abs=1e-10)
    assert out["mutual_information_within"] == pytest.approx(0.0041434338, abs=1e-10)
    assert out["theil_h_between"] + out["theil_h_within"] == pytest.approx(out["theil_h"])


def test_measure_by_and_local(app, tmp_path):
    rows = []
    for year, f in ((2020, 1), (2021, 3)):
        for i, (x, y) in enumerate(N4):
            rows += [{"area": f"0180R{i}", "year": year, "grp": "x", "n": x * f},
                     {"area": f"0180R{i}", "year": year, "grp": "y", "n": y if f == 1 else y * (i + 1)}]
    p = tmp_path / "by.csv"
    pd.DataFrame(rows).to_csv(p, index=False)
    res = app(["measure", str(p), "--unit", "area", "--group", "grp", "--weight", "n", "--by",
                              "year", "--index", "dissimilarity", "--local", "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    d = [r for r in out if r["index"] == "dissimilarity"]
    assert [r["year"] for r in d] == ["2020", "2021"]
    assert d[0]["value"] == pytest.approx(compute("dissimilarity", np.array(N4)).value)
    loc = [r for r in out if r["index"] == "local_mutual_information" and r["year"] == "2020"]
    assert [r["unit"] for r in loc] == [f"0180R{i}" for i in range(4)]   # codes stay strings
    res = app(["measure", str(p), "--unit", "area", "--group", "grp", "--weight", "n",
                              "--index", "dissimilarity", "--local", "--local-by", "group", "--format", "csv"])
    assert res.exit_code == 0 and "group" in res.output.splitlines()[0]


def test_measure_errors(app, tmp_path):
    p = _long(tmp_path, N4)
    res = app(["measure", str(p), "--unit", "area", "--group", "nope", "--weight", "n"])
    assert res.exit_code != 0 and res.stderr.startswith("Fel: ")
    assert "nope" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    res = app(["measure", str(p), "--unit", "area", "--group", "grp", "--weight", "n",
                              "--index", "dissim"])
    assert res.stderr.startswith("Fel: ")


def test_change_command(app, tmp_path):
    a = _long(tmp_path, N4, "a.csv")
    b = _long(tmp_path, [[60, 10], [20, 30], [10, 20], [10, 60]], "b.csv")
    res = app(["change", str(a), str(b), "--unit", "area", "--group", "grp", "--weight", "n",
                              "--format", "json"])
    assert res.exit_code == 0, res.output
    out = {r["component"]: r["value"] for r in json.loads(res.output)}
    assert list(out) == ["M1", "M2", "diff", "additions", "removals", "group_marginal", "unit_marginal",
                         "structural"]
    assert out["diff"] == pytest.approx(sum(out[k] for k in ("additions", "removals", "group_marginal",
                                                              "unit_marginal", "structural")))


def test_list_measures(app):
    res = app(["list-measures", "--format", "json"])
    assert res.exit_code == 0
    ids = {r["id"] for r in json.loads(res.output)}
    assert {"dissimilarity", "multi_gini", "mutual_information", "rank_order_information_theory"} <= ids
    assert app(["list-measures"]).exit_code == 0


class FakeStore:
    """The two store methods the commands use."""

    def __init__(self):
        rng = np.random.default_rng(0)
        self.data = {}
        for k in ("0114", "1480", "2584"):
            for y in (2020, 2021):
                n = 5 + int(k[-1])
                self.data[(k, y)] = pd.DataFrame(
                    {"fodda_i_sverige": rng.integers(10, 500, n).astype(float),
                     "fodda_utrikes": rng.integers(10, 300, n).astype(float)},
                    index=pd.Index([f"{k}R{i:03d}" for i in range(n)], name="unit"))

    def kommuner(self):
        return ["0114", "1480", "2584"]

    def counts(self, groups, level, kommun=None, year=None):
        return self.data[(kommun, year)][list(groups)]


def test_measure_store_options_need_store(app):
    res = app(["measure", "x.csv", "--unit", "u", "--group", "g", "--ci"])
    assert res.exit_code == 2
    assert "--store" in res.stderr


@pytest.mark.parametrize("scheduler", ["threads", "local"])
def test_batch_with_dask(app, monkeypatch, tmp_path, scheduler):
    fake = FakeStore()
    monkeypatch.setattr("lagesbild.cli.measures._get_store", lambda: fake)
    out = tmp_path / "b.csv"
    res = app(["batch", "--level", "regso", "--years", "2020-2021", "--indices",
                              "dissimilarity,mutual_information", "--groups", "fodda_i_sverige,fodda_utrikes",
                              "--out", str(out), "--scheduler", scheduler])
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out, dtype={"kommun": str})
    assert len(df) == 3 * 2 * 2
    r = df[(df.kommun == "2584") & (df.year == 2020) & (df["index"] == "mutual_information")].value.iloc[0]
    assert r == pytest.approx(compute("mutual_information", fake.data[("2584", 2020)]).value, abs=1e-12)


def test_import_is_light():
    code = ("import sys, lagesbild.measures as m; m.registry; "
            "print(','.join(x for x in ('pandas','scipy','numba','dask') if x in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
