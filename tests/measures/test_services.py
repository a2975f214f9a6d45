"""lagesbild.services.measures on the bundled store: numbers against direct computation on the same
counts, the exact between/within identity, the profile against a direct smoothed
computation, the Shapley identity, bootstrap coverage on a known answer, refusals."""

import json
import warnings

import numpy as np
import pandas as pd
import pytest

from lagesbild.errors import InputError, NotFoundError
from lagesbild.measures import compute
from lagesbild.measures.inference import expected_under_null
from lagesbild.measures.spatial import spatial_index
from lagesbild.services import measures as svc

G = ["fodda_i_sverige", "fodda_utrikes"]
PROV = ["source", "attribution", "year", "unit", "level", "geo_version", "method_status"]


def _counts(store, kommun, year, level="regso"):
    return store.counts(G, level, kommun=kommun, year=year)


# ------------------------------------------------------------------ segregation_indices

def test_indices_equal_direct_formulas_on_the_same_counts(bundled_store):
    df = svc.segregation_indices(bundled_store, "1480", years=[2022, 2023], ci=False)
    assert len(df) == 2 * 4 and set(df["year"]) == {2022, 2023}
    assert all(c in df.columns for c in PROV)
    assert (df["method_status"] == "computed").all() and (df["geo_version"] == "RegSO2020").all()
    assert (df["source"] == "bundled:regso2020_statistik_2020_2023").all()
    assert df["attribution"].str.contains("SCB").all()
    for year in (2022, 2023):
        c = _counts(bundled_store, "1480", year)
        x, t = c["fodda_utrikes"].to_numpy(), c.sum(axis=1).to_numpy()
        y = t - x
        got = df[df["year"] == year].set_index("index")
        assert got.loc["dissimilarity", "value"] == pytest.approx(
            0.5 * np.abs(x / x.sum() - y / y.sum()).sum(), abs=1e-12)
        # isolation of the focal group (born abroad): Σ (x_i/X)(x_i/t_i)
        assert got.loc["isolation", "value"] == pytest.approx((x / x.sum() * x / t).sum(), abs=1e-12)
        assert got.loc["isolation", "focal"] == "fodda_utrikes"
        p = c.to_numpy() / c.to_numpy().sum()
        pu, pg = p.sum(axis=1, keepdims=True), p.sum(axis=0, keepdims=True)
        m = float((p * np.log(p / (pu * pg))).sum())
        assert got.loc["mutual_information", "value"] == pytest.approx(m, abs=1e-12)
        assert got.loc["theil_h", "value"] == pytest.approx(m / -(pg * np.log(pg)).sum(), abs=1e-12)
        assert (got["n_units"] == len(c)).all() and (got["n_pop"] == c.to_numpy().sum()).all()
    assert df.loc[df["index"] == "mutual_information", "unit"].iloc[0] == "index ≥ 0 (nats)"
    assert (df.loc[df["index"] != "mutual_information", "unit"] == "index 0–1").all()


def test_indices_with_bias_corrected_bootstrap(bundled_store):
    df = svc.segregation_indices(bundled_store, "0180", years=[2023], n_boot=60, seed=7,
                                 indices=("dissimilarity", "mutual_information", "simpsons_interaction"))
    c = _counts(bundled_store, "0180", 2023)
    for idx in ("dissimilarity", "mutual_information"):
        row = df.set_index("index").loc[idx]
        ref = compute(idx, c, groups=G, focal="fodda_utrikes" if idx == "dissimilarity" else None,
                      inference="bootstrap_bc", n_sim=60, seed=7)
        assert row["value"] == pytest.approx(ref.value, abs=1e-14)
        assert row["ci_low"] == pytest.approx(ref.ci_low) and row["ci_high"] == pytest.approx(ref.ci_high)
        assert row["ci_low"] < row["value"] < row["ci_high"] and row["se"] > 0
        assert row["value_plugin"] == pytest.approx(compute(idx, c, groups=G).value, abs=1e-12)
        assert row["method"] == "bias-corrected bootstrap" and row["conf_level"] == 0.95
    simpson = df.set_index("index").loc["simpsons_interaction"]
    assert pd.isna(simpson["ci_low"]) and "bootstrap" in simpson["ci_note"]


def test_bootstrap_interval_covers_a_known_answer():
    """Draw samples from a known population table; the 95 % bias-corrected interval of M
    (the method the service attaches) covers the population M in about 95 % of samples."""
    rng = np.random.default_rng(5)
    share = np.linspace(0.1, 0.6, 15)
    size = rng.uniform(0.5, 1.5, 15)
    size /= size.sum()
    P = np.column_stack([size * share, size * (1 - share)])
    true = compute("mutual_information", P).value
    hits, bc, plug = 0, [], []
    for r in range(200):
        c = rng.multinomial(1500, P.ravel()).reshape(P.shape)
        res = compute("mutual_information", c, inference="bootstrap_bc", n_sim=200, seed=r)
        hits += res.ci_low <= true <= res.ci_high
        bc.append(res.value)
        plug.append(compute("mutual_information", c).value)
    assert 0.90 <= hits / 200 <= 0.985
    assert abs(np.mean(bc) - true) < 0.25 * abs(np.mean(plug) - true)  # the correction removes most bias


def test_expected_under_null_column_and_function(bundled_store):
    df = svc.segregation_indices(bundled_store, "1480", years=[2023], ci=False, n_boot=50, seed=3,
                                 indices=("mutual_information",), expected_null="systematic")
    c = _counts(bundled_store, "1480", 2023).to_numpy()
    ref = expected_under_null("mutual_information", c, null="systematic", n_sim=50, seed=3)
    assert df["expected_under_null"].iloc[0] == pytest.approx(ref["expected"], abs=1e-15)
    assert 0 < ref["expected"] < df["value"].iloc[0] / 10
    # the small-unit bias shrinks as units grow: the same compositions scaled up
    small = np.array([[6, 4], [5, 5], [4, 6], [5, 5]])
    e1 = expected_under_null("dissimilarity", small, n_sim=300, seed=1)["expected"]
    e2 = expected_under_null("dissimilarity", small * 100, n_sim=300, seed=1)["expected"]
    assert e2 < e1 / 5


def test_indices_refusals(bundled_store):
    with pytest.raises(NotFoundError, match="År med data i lagret: \\[2020, 2021, 2022, 2023\\]"):
        svc.segregation_indices(bundled_store, "1480", years=[2019], ci=False)
    with pytest.raises(NotFoundError, match="Kommunen '9999' finns inte"):
        svc.segregation_indices(bundled_store, "9999", ci=False)
    with pytest.raises(InputError, match="'indices'"):
        svc.segregation_indices(bundled_store, "1480", indices=("local_entropy",), ci=False)
    with pytest.raises(InputError, match="'focal'"):
        svc.segregation_indices(bundled_store, "1480", focal="folkmangd", ci=False)


# ------------------------------------------------------------------ between / within

def test_between_within_is_exact_on_real_data(bundled_store):
    df = svc.between_within(bundled_store, 2023)
    riket = bundled_store.counts(G, "regso", year=2023)
    kommun_level = bundled_store.counts(G, "kommun", year=2023)  # aggregated by the store
    for idx in ("mutual_information", "theil_h"):
        sub = df[df["index"] == idx]
        parts = sub[sub["part"] != "kommun"].set_index("part")["value"]
        assert parts["between"] + parts["within"] == pytest.approx(parts["total"], abs=1e-14)
        ks = sub[sub["part"] == "kommun"]
        assert len(ks) == 290 and ks["value"].sum() == pytest.approx(parts["within"], abs=1e-13)
        assert ks["share_of_within"].sum() == pytest.approx(1.0)
        assert parts["total"] == pytest.approx(compute(idx, riket).value, abs=1e-12)
        assert parts["between"] == pytest.approx(compute(idx, kommun_level).value, abs=1e-12)
    # a kommun's contribution to M is p_k · M_k computed on its own units
    gbg = _counts(bundled_store, "1480", 2023)
    row = df[(df["index"] == "mutual_information") & (df["kommun"] == "1480")].iloc[0]
    p = gbg.to_numpy().sum() / riket.to_numpy().sum()
    assert row["p"] == pytest.approx(p) and row["n_units"] == len(gbg)
    assert row["local_value"] == pytest.approx(compute("mutual_information", gbg).value, abs=1e-12)
    assert row["value"] == pytest.approx(p * row["local_value"], abs=1e-14)


def test_between_within_for_a_lan_and_kommun_share(bundled_store):
    df = svc.between_within(bundled_store, 2022, scope="14")
    lan = bundled_store.counts(G, "regso", year=2022)
    codes = bundled_store.areas(level="regso", version="RegSO2020", lan="14")["code"]
    lan = lan[lan.index.isin(codes)]
    tot = df[(df["index"] == "theil_h") & (df["part"] == "total")]["value"].iloc[0]
    assert tot == pytest.approx(compute("theil_h", lan).value, abs=1e-12)
    assert set(df.loc[df["part"] == "kommun", "kommun"]) == {c[:4] for c in lan.index}
    share = svc.kommun_share_of_within(bundled_store, "1480", 2022, scope=None)  # the kommun's own län
    assert (share["scope"] == "14").all() and len(share) == 2
    m = df[(df["index"] == "mutual_information")]
    ks = m[m["part"] == "kommun"].sort_values("value", ascending=False)
    s = share.set_index("index").loc["mutual_information"]
    assert s["contribution"] / s["within"] == pytest.approx(s["share_of_within"])
    assert s["rank"] == list(ks["kommun"]).index("1480") + 1 and s["n_kommuner"] == len(ks)
    with pytest.raises(InputError, match="'scope'"):
        svc.between_within(bundled_store, 2022, scope="99")


# ------------------------------------------------------------------ multiscalar profile

def _centroids(store, kommun):
    g = store.geometries(level="regso", kommun=kommun)
    return pd.DataFrame({"x": g.geometry.centroid.x.to_numpy(), "y": g.geometry.centroid.y.to_numpy()},
                        index=g["code"].to_numpy())


@pytest.mark.parametrize("kommun, join", [("1480", "nyckel RegSO2020→RegSO2025"), ("0180", "direct")])
def test_profile_agrees_with_direct_smoothing(bundled_store, kommun, join):
    bws = (500, 1000, 2000, 4000, 8000)
    df = svc.multiscalar_profile(bundled_store, kommun, 2022, bandwidths=bws)
    c = _counts(bundled_store, kommun, 2022)
    xy = _centroids(bundled_store, kommun).reindex(c.index)
    assert xy.notna().all().all()
    assert (df["join"] == join).all() and (df["n_unmatched"] == 0).all() and (df["n_units"] == len(c)).all()
    for idx in ("dissimilarity", "theil_h"):
        prof = df[df["index"] == idx].sort_values("bandwidth")
        assert prof["bandwidth"].tolist() == [0.0, *map(float, bws)]
        assert prof["value"].iloc[0] == pytest.approx(compute(idx, c).value, abs=1e-12)
        assert np.all(np.diff(prof["value"].to_numpy()) < 0)  # smoother environments, less segregation
        for h, v in zip(prof["bandwidth"].iloc[1:], prof["value"].iloc[1:]):
            direct = spatial_index(idx, c[G].to_numpy(), xy.to_numpy(), bandwidth=h, kernel="gaussian")
            assert v == pytest.approx(float(direct), abs=1e-12)
    assert (df["approximate"] == (join != "direct")).all()


def test_profile_counts_links_with_changed_boundaries(bundled_store):
    df = svc.multiscalar_profile(bundled_store, "1480", 2023, bandwidths=(1000,), indices=("dissimilarity",))
    key = bundled_store.area_keys(from_version="RegSO2020", to_version="RegSO2025")
    key = key[key["from_code"].str.startswith("1480")]
    n = int(key["note"].fillna("").str.contains("gränsen kan ha ändrats").sum())
    assert n > 0 and (df["n_links_boundary_changed"] == n).all()
    assert (df["geometry_version"] == "RegSO2025").all() and (df["geo_version"] == "RegSO2020").all()
    assert "bundled:regso_2025_goteborgsregionen" in df["source"].iloc[0]


def test_profile_refuses_a_kommun_without_geometries(bundled_store):
    with pytest.raises(NotFoundError) as e:
        svc.multiscalar_profile(bundled_store, "1780", 2022)
    assert "Kommun 1780 har inga geometrier på nivån regso" in e.value.message("sv")
    assert "RegSO2025: län 13, 14" in e.value.message("sv")
    assert "has no geometries" in e.value.message("en")
    with pytest.raises(InputError, match="'bandwidths'"):
        svc.multiscalar_profile(bundled_store, "1480", 2022, bandwidths=(0, 500))
    with pytest.raises(InputError, match="'indices'"):
        svc.multiscalar_profile(bundled_store, "1480", 2022, indices=("min_max",))


# ------------------------------------------------------------------ change

def test_segregation_change_components(bundled_store):
    df = svc.segregation_change(bundled_store, "1480", 2020, 2023).set_index("component")["value"]
    assert list(df.index) == ["M1", "M2", "diff", "additions", "removals", "group_marginal", "unit_marginal",
                              "structural"]
    assert df["M1"] == pytest.approx(compute("mutual_information", _counts(bundled_store, "1480", 2020)).value)
    assert df["M2"] == pytest.approx(compute("mutual_information", _counts(bundled_store, "1480", 2023)).value)
    parts = df[["additions", "removals", "group_marginal", "unit_marginal", "structural"]].sum()
    assert df["diff"] == pytest.approx(df["M2"] - df["M1"]) and parts == pytest.approx(df["diff"], abs=1e-10)
    assert df["additions"] == 0 and df["removals"] == 0  # the same 147 RegSO both years
    with pytest.raises(InputError, match="'year_b'"):
        svc.segregation_change(bundled_store, "1480", 2020, 2020)


# ------------------------------------------------------------------ CLI

def test_cli_measure_store_ci_years(cli_store_path, bundled_store, capsys):
    from lagesbild.cli import main

    code = main(["--store", str(cli_store_path), "measure", "--store", "--kommun", "1480", "--years", "2022-2023",
                 "--ci", "--n-boot", "40", "--seed", "3", "--index", "dissimilarity,theil_h", "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and len(out) == 4
    ref = svc.segregation_indices(bundled_store, "1480", years=[2022, 2023], indices=("dissimilarity", "theil_h"),
                                  n_boot=40, seed=3)
    assert [r["value"] for r in out] == pytest.approx(ref["value"].tolist(), abs=1e-15)
    assert [r["ci_low"] for r in out] == pytest.approx(ref["ci_low"].tolist(), abs=1e-15)
    assert out[0]["source"] == "bundled:regso2020_statistik_2020_2023"


def test_cli_measure_store_profile_and_refusal(cli_store_path, capsys):
    from lagesbild.cli import main

    code = main(["--store", str(cli_store_path), "measure", "--store", "--kommun", "1480", "--year", "2023",
                 "--spatial-bandwidths", "500,2000", "--format", "csv"])
    df = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out))
    assert code == 0 and sorted(set(df["bandwidth"])) == [0.0, 500.0, 2000.0]
    assert set(df["index"]) == {"dissimilarity", "theil_h"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        code = main(["--store", str(cli_store_path), "measure", "--store", "--kommun", "1780", "--year", "2023",
                     "--spatial-bandwidths", "500"])
    err = capsys.readouterr().err
    assert code == 2 and "Kommun 1780 har inga geometrier" in err


def test_docs_hold_the_registry_table_and_the_services():
    from pathlib import Path

    from lagesbild.measures._registry import MEASURES, markdown_table

    doc = (Path(__file__).resolve().parents[2] / "docs" / "measures.md").read_text(encoding="utf-8")
    assert markdown_table() in doc, "docs/measures.md: regenerate the table with markdown_table()"
    assert all(f"| `{k}` |" in doc for k in MEASURES)
    assert all(f"`{f}(" in doc for f in svc.__all__ if f[0].islower())
