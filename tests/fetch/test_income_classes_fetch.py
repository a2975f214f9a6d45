"""Income-class counts for the ojämlikhetsindex: the recipe, the dry-run plan and the fetch's write.

No response of TAB6679's quartile contents is recorded, so nothing here is SCB data: the category
labels in the resolution tests are hypothetical spellings (to test the patterns, not a claim about
SCB's labels), and the shares and persons written through the fetch are small hand-made test values.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

import pandas as pd
import pytest

from lagesbild._config import resolve_settings
from lagesbild.errors import NotFoundError
from lagesbild.services import fetch_area as fa
from lagesbild.services import source_frames as sf
from lagesbild.services.income_class_frames import DERIVED_NOTE, derive_income_class_counts
from lagesbild.sources.catalogue import recipe
from lagesbild.sources.fetchplan import recipe_categories
from lagesbild.sources.pxweb import Dim, TableMeta
from lagesbild.sources.recipes import resolve_recipe
from lagesbild.typology.income_classes import COUNT_VARIABLES, SHARE_VARIABLES

UNREACHABLE = "http://127.0.0.1:9"


@pytest.fixture
def offline_settings(tmp_path):
    return resolve_settings(config_file=None, env={}, store=str(tmp_path / "s.duckdb"), cache=str(tmp_path / "c"),
                            scb_api=f"{UNREACHABLE}/scb/v2", scb_api_v1=f"{UNREACHABLE}/scb/v1",
                            scb_geo_api=f"{UNREACHABLE}/geo/wfs", kolada_api=f"{UNREACHABLE}/kolada/v3")


# ------------------------------------------------------------------ the recipe
def _meta(contents: dict[str, str]) -> TableMeta:
    """A table shaped like TAB6679 with HYPOTHETICAL content labels (SCB's are not recorded)."""
    dims = {
        "Region": Dim("Region", "region", ["1780"], {"1780": "Karlstad"}),
        "InkomstTyp": Dim("InkomstTyp", "inkomsttyp", ["NeInk", "SamInk"],
                          {"NeInk": "nettoinkomst", "SamInk": "sammanräknad förvärvsinkomst"}),
        "ContentsCode": Dim("ContentsCode", "tabellinnehåll", list(contents), contents),
        "Tid": Dim("Tid", "år", ["2024"], {"2024": "2024"}, time=True),
    }
    return TableMeta("TAB6679", "hypotetisk tabell för test", dims)


@pytest.mark.parametrize("labels", [
    ["Andel i kvartil {k}, procent"],
    ["Kvartilgrupp {k}"],
    ["Andel i {k}:a kvartilen"],
    ["Andel i {o} kvartilen"],
])
def test_quartile_patterns_pick_each_class_once(labels):
    ordinal = {1: "första", 2: "andra", 3: "tredje", 4: "fjärde"}
    contents = {"C0": "Antal personer", "C9": "Medelvärde, tkr"}
    contents |= {f"C{k}": labels[0].format(k=k, o=ordinal[k]) for k in range(1, 5)}
    res = resolve_recipe(recipe("inkomstkvartiler"), _meta(contents))
    assert {res.keys[(f"C{k}", "NeInk")] for k in range(1, 5)} == set(SHARE_VARIABLES)
    assert all(res.keys[(f"C{k}", "NeInk")] == f"andel_inkomstkvartil_{k}" for k in range(1, 5))
    assert res.selection == {"ContentsCode": ["C1", "C2", "C3", "C4"], "InkomstTyp": ["NeInk"]}


def test_ambiguous_or_absent_labels_stop_the_recipe_with_the_categories():
    ambiguous = {"A1": "Antal i kvartil 1", "P1": "Andel i kvartil 1"} | {
        f"P{k}": f"Andel i kvartil {k}" for k in range(2, 5)}
    with pytest.raises(NotFoundError, match="inkomstkvartil_1.*Antal i kvartil 1"):
        resolve_recipe(recipe("inkomstkvartiler"), _meta(ambiguous))
    with pytest.raises(NotFoundError, match="TAB6679.*Medelvärde"):
        resolve_recipe(recipe("inkomstkvartiler"), _meta({"M": "Medelvärde, tkr", "A": "Antal personer"}))


def test_recipe_shares_name_the_counts_and_the_persons():
    r = recipe("inkomstkvartiler")
    assert r.table_id == "TAB6679" and r.v1_path == recipe("nettoinkomst").v1_path and not r.recorded
    assert [(v.id, v.kind, v.numerator, v.denominator) for v in r.variables] == [
        (s, "share", c, "nettoinkomst_antal") for s, c in zip(SHARE_VARIABLES, COUNT_VARIABLES)]
    assert recipe_categories(r) == 4


def test_the_counts_are_the_variables_the_ojamlikhetsindex_reads():
    from lagesbild.services.kommun_blocks import INCOME_CLASS_VARIABLES

    assert list(COUNT_VARIABLES) == INCOME_CLASS_VARIABLES["quartile"]


# ------------------------------------------------------------------ the plan
def test_dry_run_plans_the_quartile_shares(writable_bundled_store, offline_settings):
    s = fa.fetch_area(writable_bundled_store, offline_settings, scope="kommun", code="1780", dry_run=True)
    plan = s["plan"]
    for level in ("deso", "regso"):
        q = [p for p in plan if p.get("recept") == "inkomstkvartiler" and p["niva"] == level]
        pop = next(p for p in plan if p.get("recept") == "befolkning_alder_kon" and p["niva"] == level)
        assert len(q) == 1 and q[0]["kalla"] == "scb" and q[0]["tabell"] == "TAB6679"
        n_regions = pop["celler"] // (18 * 3)  # TAB6574: 18 age groups × 3 sexes per region
        assert q[0]["celler"] == n_regions * 4 and q[0]["status"] == "planerad"  # four shares, latest year


def test_cli_dry_run_json_lists_the_quartile_shares(cli_store_path, monkeypatch, tmp_path, capsys):
    from lagesbild.cli import main

    for k, v in {"LAGESBILD_SCB_API": UNREACHABLE, "LAGESBILD_CACHE": str(tmp_path / "c")}.items():
        monkeypatch.setenv(k, v)
    code = main(["--store", str(cli_store_path), "fetch", "kommun", "1780", "--dry-run", "--format", "json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    rows = [p for p in json.loads(out.out) if p.get("recept") == "inkomstkvartiler"]
    assert {(p["kalla"], p["tabell"], p["niva"]) for p in rows} == {("scb", "TAB6679", "deso"),
                                                                   ("scb", "TAB6679", "regso")}
    assert all(p["celler"] > 0 and p["celler"] % 4 == 0 for p in rows)


# ------------------------------------------------------------------ the fetch's write
# Hand-made test values (persons, shares Q1–Q4 in percent); NaN = suppressed by SCB.
NAN = float("nan")
TEST_VALUES = [
    (1000, [40.0, 30.0, 20.0, 10.0]),   # counts 400, 300, 200, 100
    (800, [25.0, 25.0, 25.0, 25.0]),    # 200, 200, 200, 200
    (600, [10.0, 20.0, 30.0, 40.0]),    # 60, 120, 180, 240
    (500, [NAN, 30.0, 30.0, 20.0]),     # Q1 suppressed → left out of the index; 150, 150, 100
    (333, [12.3, 25.1, 37.5, 25.3]),    # sum 100,2 (rounding): 41, 84, 125, 84
]


def _fake_scb(codes):
    """Stands in for fetch_area's SCB step: adds what it adds after parsing an answer (rows, source, variables)."""

    def fetch(run, store, clients, kommuner, years, progress):
        rows = []
        for code, (persons, shares) in zip(codes, TEST_VALUES):
            for var, v in zip(["nettoinkomst_antal", *SHARE_VARIABLES], [persons, *shares]):
                rows.append((code, "DeSO2025", 2024, var, float(v), "scb:TAB6679", ".." if v != v else None))
        run.obs.append(pd.DataFrame(rows, columns=sf.OBS_COLS))
        run.sources.append({"id": "scb:TAB6679", "publisher": "SCB", "table_id": "TAB6679", "file": "testvärden",
                            "licence": "CC0", "attribution": "Källa: SCB", "retrieved_at": dt.datetime(2025, 1, 1),
                            "sha256": "0" * 64, "note": "testvärden, inte SCB-data"})
        rules = [*recipe("nettoinkomst").variables, *recipe("inkomstkvartiler").variables]
        run.variables.append(sf.variables_frame(store, rules, "SCB"))
        run.row("scb", "deso", "hamtad", tabell="TAB6679", varden=len(rows))

    return fetch


def test_fetch_writes_counts_and_the_ojamlikhetsindex_follows(writable_bundled_store, offline_settings, monkeypatch):
    from lagesbild.services.kommun_blocks import ojamlikhet_block

    st = writable_bundled_store
    before = ojamlikhet_block(st, "1780", 2024, "deso")
    assert before["value"] is None and before["status"] == "saknas"
    codes = sorted(st.areas(level="deso", kommun="1780", version="DeSO2025")["code"])[:5]
    monkeypatch.setattr(fa, "_fetch_scb", _fake_scb(codes))
    monkeypatch.setattr(fa, "_fetch_geo", lambda *a, **k: None)
    monkeypatch.setattr(fa, "_fetch_kolada", lambda *a, **k: None)
    s = fa.fetch_area(st, offline_settings, scope="kommun", code="1780", offline=True, check_network=False,
                      schools=False)

    derived = [r for r in s["rader"] if r["status"] == "beraknad"]
    assert len(derived) == 1 and derived[0]["varden"] == 19 and derived[0]["niva"] == "deso"
    assert "19 antal per kvartilgrupp" in derived[0]["orsak"] and "1 undertryckta" in derived[0]["orsak"]

    got = st.observations(list(COUNT_VARIABLES), level="deso", kommun="1780", year=2024, version="DeSO2025")
    w = got.pivot_table(index="area_code", columns="variable", values="value", dropna=False).reindex(codes)
    assert w.loc[codes[0], list(COUNT_VARIABLES)].tolist() == [400, 300, 200, 100]
    assert w.loc[codes[2], list(COUNT_VARIABLES)].tolist() == [60, 120, 180, 240]
    assert w.loc[codes[4], list(COUNT_VARIABLES)].tolist() == [41, 84, 125, 84]
    sup = got[(got["area_code"] == codes[3]) & (got["variable"] == "inkomstkvartil_1")].iloc[0]
    assert pd.isna(sup["value"]) and sup["status"] == ".."  # suppressed, not zero
    # provenance: the counts cite their own source, marked as computed from SCB's shares
    assert set(got["source_id"]) == {"scb:TAB6679:beraknad"}
    src = st.sources().set_index("id").loc["scb:TAB6679:beraknad"]
    assert DERIVED_NOTE in src["publisher"] and DERIVED_NOTE in src["attribution"] and DERIVED_NOTE in src["note"]
    assert src["table_id"] == "TAB6679" and src["licence"] == "CC0"
    v = st.variable("inkomstkvartil_1")
    assert v["kind"] == "count" and DERIVED_NOTE in v["description"]

    # ojämlikhetsindex, quartile proxy, by hand from the formula 100 × ½ Σ |a_i/A − b_i/B|
    # over the units with both Q1 and Q4 (the fourth has Q1 suppressed): a = Q1, b = Q4
    a, b = [400, 200, 60, 41], [100, 200, 240, 84]
    by_hand = 100 * 0.5 * sum(abs(x / sum(a) - y / sum(b)) for x, y in zip(a, b))
    assert by_hand == pytest.approx(100 * (400 / 701 - 100 / 624))  # only the first unit has a_i/A > b_i/B
    oj = ojamlikhet_block(st, "1780", 2024, "deso")
    assert oj["id"] == "ojamlikhetsindex_proxy_q1q4" and oj["method_status"] == "proxy"
    assert oj["value"] == pytest.approx(by_hand) and oj["n_units"] == 4 and oj["income_classes"] == "quartile"


def test_fetch_without_persons_derives_nothing():
    shares = pd.DataFrame([("X", "TEST", 2024, v, 25.0, "scb:T", None) for v in SHARE_VARIABLES], columns=sf.OBS_COLS)
    d = derive_income_class_counts(shares, [])
    assert d is not None and d.observations.empty and d.sources == [] and d.n_values == 0
    assert derive_income_class_counts(shares.assign(variable="folkmangd"), []) is None


def test_missing_index_names_the_fetch_and_all_suppressed_areas_do_not_break_the_profile(
        writable_bundled_store, offline_settings, monkeypatch):
    from lagesbild.services.kommun_blocks import ojamlikhet_block

    st = writable_bundled_store
    before = ojamlikhet_block(st, "1780", 2024, "deso")
    assert "lagesbild fetch kommun 1780" in before["note"]
    codes = sorted(st.areas(level="deso", kommun="1780", version="DeSO2025")["code"])[:3]
    suppressed = [(persons, [NAN, 30.0, 30.0, NAN]) for persons, _ in TEST_VALUES[:3]]
    monkeypatch.setattr(sys.modules[__name__], "TEST_VALUES", suppressed)
    monkeypatch.setattr(fa, "_fetch_scb", _fake_scb(codes))
    monkeypatch.setattr(fa, "_fetch_geo", lambda *a, **k: None)
    monkeypatch.setattr(fa, "_fetch_kolada", lambda *a, **k: None)
    fa.fetch_area(st, offline_settings, scope="kommun", code="1780", offline=True, check_network=False, schools=False)
    oj = ojamlikhet_block(st, "1780", 2024, "deso")  # every area lacks Q1 and Q4: no index, and no exception
    assert oj["value"] is None and oj["status"] == "saknas" and oj["note"]
    assert oj["note"] != before["note"]  # it says what was wrong with the counts that are there
