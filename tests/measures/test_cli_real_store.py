"""`measure --store` and `batch` through the real `lagesbild` entry point on the bundled store."""

import json

import numpy as np
import pandas as pd
import pytest

from lagesbild.cli import main
from lagesbild.measures import compute


def test_measure_from_store_equals_compute_on_the_same_counts(cli_store_path, bundled_store, capsys):
    code = main(["--store", str(cli_store_path), "measure", "--store", "--kommun", "1480", "--level", "regso",
                 "--year", "2023", "--groups", "fodda_i_sverige,fodda_utrikes", "--index",
                 "dissimilarity,mutual_information", "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    got = {r["index"]: r["value"] for r in out}
    counts = bundled_store.counts(["fodda_i_sverige", "fodda_utrikes"], level="regso", kommun="1480", year=2023)
    x, t = counts["fodda_utrikes"].to_numpy(), counts.sum(axis=1).to_numpy()
    d_hand = 0.5 * np.abs(x / x.sum() - (t - x) / (t - x).sum()).sum()
    assert got["dissimilarity"] == pytest.approx(d_hand, abs=1e-12)
    assert got["mutual_information"] == pytest.approx(
        compute("mutual_information", counts.to_numpy()).value, abs=1e-12)


def test_batch_over_kommuner_and_years(cli_store_path, tmp_path, capsys):
    out = tmp_path / "b.parquet"
    code = main(["--store", str(cli_store_path), "batch", "--level", "regso", "--years", "2022-2023",
                 "--indices", "dissimilarity", "--groups", "fodda_i_sverige,fodda_utrikes", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    df = pd.read_parquet(out)
    assert set(df["year"]) == {2022, 2023} and df["kommun"].nunique() == 290
    assert df["value"].between(0, 1).all()
