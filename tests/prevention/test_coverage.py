"""Coverage arithmetic on hand-made cases, gap ranking and the chain view."""

from __future__ import annotations

import pandas as pd
import pytest

from lagesbild.prevention import coverage, registry
from lagesbild.prevention.model import parse_insats


def ins(base, **kw):
    return parse_insats(base(**kw))


def test_participants_rules(base):
    whole = ins(base, reach=[{"year": 2023, "participants": 40}, {"year": 2024, "participants": 50}])
    assert coverage.participants(whole, None, "lagstadiet").participants == 50  # latest year
    assert coverage.participants(whole, None, "lagstadiet", year=2023).participants == 40
    r = coverage.participants(whole, "0127R001", "lagstadiet")
    assert r.participants is None and "inte uppdelad per område" in r.reason
    two_stages = ins(base, life_stages=["lagstadiet", "mellanstadiet"], reach=[{"year": 2024, "participants": 50}])
    r = coverage.participants(two_stages, None, "lagstadiet")
    assert r.participants is None and "per livsfas" in r.reason
    unknown = ins(base, reach=[{"year": 2024, "participants": None}])
    assert coverage.participants(unknown, None, "lagstadiet").participants is None
    none = ins(base)
    assert coverage.participants(none, None, "lagstadiet").reason == "ingen räckvidd registrerad"
    local = ins(base, scope="omraden", areas=["0127A0010@DeSO2018"], reach=[{"year": 2024, "participants": 7}])
    parents = {"0127A0010": "0127R001"}
    assert coverage.participants(local, "0127R001", "lagstadiet", parents=parents).participants == 7
    by_area = ins(base, reach=[{"year": 2024, "participants": 3, "area_code": "0127R002", "area_version": "RegSO2020"}])
    assert coverage.participants(by_area, "0127R002", "lagstadiet").participants == 3


def _summary(reached, target):
    return coverage._summarise(reached, target, target is not None, "lagstadiet")


def test_coverage_arithmetic_unknown_stays_unknown(base):
    a = coverage.Reached(ins(base, name="A"), 30)
    b = coverage.Reached(ins(base, name="B"), 20)
    u = coverage.Reached(ins(base, name="U"), None, "antal deltagare okänt år 2024")
    s = _summary([a, b], 200)
    assert s["participants"] == 50 and s["coverage"] == pytest.approx(0.25) and s["reach_status"] == "känd"
    s = _summary([a, u], 200)
    assert s["participants"] is None and s["coverage"] is None
    assert s["coverage_min"] == pytest.approx(0.15) and s["reach_status"] == "delvis okänd"
    assert "räckvidd okänd för 1 av 2 insatser (U: antal deltagare okänt år 2024)" in s["note"]
    s = _summary([u], 200)
    assert s["coverage"] is None and s["coverage_min"] is None and s["reach_status"] == "okänd"
    s = _summary([], 200)
    assert s["participants"] == 0 and s["coverage"] == 0 and s["reach_status"] == "ingen insats"
    s = _summary([a], None)
    assert s["coverage"] is None and "okänd" in s["note"] and s["target_population"] is None
    s = _summary([coverage.Reached(ins(base), 300)], 200)
    assert s["coverage"] == pytest.approx(1.5) and "över 100 %" in s["note"]


def test_target_population_from_age_bands(monkeypatch, small_store):
    obs = pd.DataFrame([{"area_code": "0127R001", "year": 2024, "variable": v, "value": x}
                        for v, x in (("folkmangd_5_9", 500.0), ("folkmangd_10_14", 400.0), ("folkmangd_0_4", 250.0))])
    monkeypatch.setattr(small_store, "observations", lambda *a, **k: obs if k.get("version") == "RegSO2025" else
                        pd.DataFrame(columns=["area_code", "year", "variable", "value"]))
    monkeypatch.setattr(small_store, "area_keys", lambda **k: pd.DataFrame(
        {"from_code": ["0127R001"], "to_code": ["0127R001"]}))
    tp = coverage.target_population(small_store, "0127").set_index("stage")
    # lågstadiet 6–9: 4/5 of 5–9 → 400; mellanstadiet 10–12: 3/5 of 10–14 → 240; 0–1 år: 1/5 of 0–4 → 50
    assert tp.loc["lagstadiet", "population"] == pytest.approx(400)
    assert tp.loc["mellanstadiet", "population"] == pytest.approx(240)
    assert tp.loc["spadbarn", "population"] == pytest.approx(50) and tp.loc["spadbarn", "estimated"]
    assert "graviditet" not in tp.index  # never invented


def test_no_age_data_means_unknown_target_not_zero(small_store, base):
    registry.create(small_store, base(reach=[{"year": 2024, "participants": 80}]), "a")
    cov = coverage.coverage_table(small_store, "0127", registry.list_insatser(small_store))
    row = cov.iloc[0]
    assert row["participants"] == 80 and row["target_population"] is None and row["coverage"] is None
    assert "målgruppens storlek per ålder är okänd" in row["note"]


def test_gap_ranking(small_store, base):
    registry.create(small_store, base(name="Bara Beta", scope="omraden", areas=["0127R002@RegSO2020"],
                                      life_stages=["lagstadiet"]), "a")
    gaps = coverage.gap_table(small_store, "0127", registry.list_insatser(small_store), stages=("lagstadiet",
                                                                                                 "mellanstadiet"))
    assert set(gaps["area_code"]) == {"0127R001", "0127R002"}  # type 5 area Gamma is not high-need
    assert list(gaps["rank"]) == list(range(1, len(gaps) + 1))
    first = gaps.iloc[0]
    assert first["area_code"] == "0127R001" and first["gap"] == "ingen insats"  # type 1 before type 2
    beta = gaps[(gaps["area_code"] == "0127R002") & (gaps["dimension"] == "livsfas")]
    assert beta.set_index("value").loc["lagstadiet", "gap"] == "täckning okänd"  # unknown, not zero
    assert beta.set_index("value").loc["mellanstadiet", "gap"] == "ingen insats"
    # within an area, known gaps ("ingen insats") rank before unknown coverage
    b_ranks = gaps[gaps["area_code"] == "0127R002"].set_index(["dimension", "value"])["rank"]
    assert b_ranks[("livsfas", "mellanstadiet")] < b_ranks[("livsfas", "lagstadiet")]


def test_chain_view_levels_per_stage(small_store, base):
    registry.create(small_store, base(name="U skola", life_stages=["lagstadiet", "mellanstadiet"]), "a")
    registry.create(small_store, base(name="I avhopp", levels=["indikerad"], life_stages=["unga_vuxna"],
                                      arenas=["samhalle"]), "a")
    registry.create(small_store, base(name="Avslutad", life_stages=["graviditet"], status="avslutad"), "a")
    registry.create(small_store, base(name="Bara Beta", levels=["selektiv"], scope="omraden",
                                      areas=["0127R002@RegSO2020"]), "a")
    ch = coverage.chain(small_store, "0127", registry.list_insatser(small_store))
    st = {s["stage"]: s for s in ch["stages"]}
    assert st["lagstadiet"]["universell"] == ["U skola"] and st["lagstadiet"]["selektiv"] == ["Bara Beta"]
    assert st["unga_vuxna"]["indikerad"] == ["I avhopp"] and st["unga_vuxna"]["missing"] == ["universell", "selektiv"]
    assert st["graviditet"]["universell"] == []  # ended insatser are not in the chain
    assert st["lagstadiet"]["reach_unknown"] == 2 and st["lagstadiet"]["reach_known"] == 0
    alfa = coverage.chain(small_store, "0127", registry.list_insatser(small_store), area="0127R001")
    assert {s["stage"]: s for s in alfa["stages"]}["lagstadiet"]["selektiv"] == []
    table = coverage.chain_table(ch)
    assert table.iloc[0]["Universell"] == "–" and "okänd för alla" in set(table["räckvidd"])


def test_need_profile_ranks_by_type(small_store):
    prof = coverage.need_profiles(small_store, "0127")
    assert list(prof["area_code"]) == ["0127R001", "0127R002", "0127R003"]
    assert prof.iloc[0]["omradestyp_label"] == "Områden med stora socioekonomiska utmaningar"
