"""Domain tests of lagesbild.brott: Brå parsing, periods, the change rule, analysis, plan."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from lagesbild.brott import analys, bra, forandring, perioder
from lagesbild.brott.plan import Cause, Finding, Measure, Plan, follow_up_label
from lagesbild.errors import ConflictError, InputError


# ----------------------------------------------------------------- Brå kommunindikatorer
def _raw(rows):
    return pd.DataFrame(rows, columns=list(bra.COLUMNS))


def test_bra_ntu_interval_and_respondents_joined():
    ntu = bra.NTU
    raw = _raw(
        [
            [
                "Falun",
                "Andel (%) utsatta i befolkningen (16-84 år).",
                "2024",
                "Självrapporterad utsatthet för misshandel",
                "2.4",
                ntu,
            ],
            ["Falun", bra.LOWER, "2024", "Självrapporterad utsatthet för misshandel", "1.5", ntu],
            ["Falun", bra.UPPER, "2024", "Självrapporterad utsatthet för misshandel", "3.6", ntu],
            ["Falun", "", "2024", bra.RESPONDENTS, "427", ntu],
            ["Falun", "Antal", "2024", "Bilbrott", "312", bra.ANMALDA],
        ]
    )
    df = bra.parse_kommunindikatorer(raw)
    assert len(df) == 2  # bounds and respondents folded into the estimate
    r = df[df["kalla"] == ntu].iloc[0]
    assert (r["varde"], r["ki_undre"], r["ki_ovre"], r["antal_svarande"]) == (2.4, 1.5, 3.6, 427)
    a = df[df["kalla"] == bra.ANMALDA].iloc[0]
    assert a["varde"] == 312 and np.isnan(a["ki_undre"]) and not a["undertryckt"]


def test_bra_suppressed_values_stay_suppressed():
    ntu = bra.NTU
    raw = _raw(
        [
            ["Orsa", "Andel (%) utsatta", "2021", "Självrapporterad utsatthet för rån", "..", ntu],
            ["Orsa", bra.LOWER, "2021", "Självrapporterad utsatthet för rån", "..", ntu],
            ["Orsa", bra.UPPER, "2021", "Självrapporterad utsatthet för rån", "..", ntu],
            ["Orsa", "", "2021", bra.RESPONDENTS, "61", ntu],
            ["Orsa", "Antal", "2021", "Rån mot privatperson, unga", "-", bra.ANMALDA],
            ["Orsa", "Antal", "2022", "Rån mot privatperson, unga", "0", bra.ANMALDA],
        ]
    )
    df = bra.parse_kommunindikatorer(raw)
    assert len(df) == 3
    supp = df[df["undertryckt"]]
    assert len(supp) == 2 and supp["varde"].isna().all()
    zero = df[(df["ar"] == 2022)].iloc[0]
    assert zero["varde"] == 0 and not zero["undertryckt"]  # a real zero is not a suppression
    few = bra.flag_few_respondents(df, 100)
    assert few[df["kalla"] == ntu].all() and not few[df["kalla"] != ntu].any()


def test_bra_real_file_values():
    from lagesbild.store.bundled import data_path

    raw = pd.read_parquet(data_path("bra_kommunindikatorer_dalarna_2016_2025.parquet"))
    df = bra.parse_kommunindikatorer(raw)
    # 2 992 NTU estimates and 4 080 anmälda-brott rows in the published file
    assert (df["kalla"] == bra.NTU).sum() == 2992 and (df["kalla"] == bra.ANMALDA).sum() == 4080
    r = df[
        (df["geografi"] == "Falun")
        & (df["ar"] == 2024)
        & (df["variabel"] == "Självrapporterad utsatthet för misshandel")
    ].iloc[0]
    assert (r["varde"], r["ki_undre"], r["ki_ovre"], r["antal_svarande"]) == (2.4, 1.5, 3.6, 427)
    ntu = df[df["kalla"] == bra.NTU]
    assert (ntu["ki_undre"] <= ntu["varde"]).all() and (ntu["varde"] <= ntu["ki_ovre"]).all()


def test_bra_missing_column_named():
    with pytest.raises(InputError, match="varde"):
        bra.parse_kommunindikatorer(
            pd.DataFrame({"geografi": [], "enhet": [], "ar": [], "variabel": [], "kalla": []}), file="x.csv"
        )


# ----------------------------------------------------------------- periods
def test_iso_weeks_across_year_end():
    d = np.array(
        ["2026-12-28", "2026-12-31", "2027-01-03", "2027-01-04", "2027-01-10", "2024-12-30"], dtype="datetime64[D]"
    )
    y, w = perioder.iso_year_week(d)
    assert list(zip(y.tolist(), w.tolist())) == [(2026, 53), (2026, 53), (2026, 53), (2027, 1), (2027, 1), (2025, 1)]
    # the same answer as the standard library for every day of 2020–2030
    days = np.arange(np.datetime64("2020-01-01"), np.datetime64("2031-01-01"))
    y, w = perioder.iso_year_week(days)
    ref = [date.fromisoformat(str(x)).isocalendar()[:2] for x in days]
    assert list(zip(y.tolist(), w.tolist())) == ref


def test_period_parse_and_shift():
    p = perioder.parse_period("2026-W53")
    assert (p.start, p.end) == (date(2026, 12, 28), date(2027, 1, 4))
    assert p.shift(1).label == "2027-W01" and p.shift(-4).label == "2026-W49"
    assert perioder.parse_period("2027-W01").shift(-1).label == "2026-W53"
    assert p.same_last_year().label == "2025-W52"  # 2025 has no week 53
    t = perioder.parse_period("2025-T3")
    assert (t.start, t.end, t.shift(1).label) == (date(2025, 9, 1), date(2026, 1, 1), "2026-T1")
    assert perioder.parse_period("2025").days == 365
    for bad in ("2025-W54", "2025-T4", "25", "2025-10"):
        with pytest.raises(InputError):
            perioder.parse_period(bad)


# ----------------------------------------------------------------- change rule
def test_change_rule_hand_cases():
    r = forandring.change_test([5, 45], [3, 20])
    assert list(r["bedomning"]) == ["ingen_forandring", "okning"]
    # 3 → 5: P(X ≥ 5 | n = 8, p = 1/2) = (56 + 28 + 8 + 1) / 256
    assert r["p_okning"][0] == pytest.approx(93 / 256)
    # a week against four weeks: 6 against 4 in four weeks (mean 1) is an increase
    r = forandring.change_test(6, 4, 1, 4)
    assert r["bedomning"][0] == "okning" and r["p_okning"][0] < 0.05
    assert forandring.change_test(0, 0)["bedomning"][0] == "for_fa"
    assert forandring.change_test(2, 20)["bedomning"][0] == "minskning"


def test_change_rule_level_holds_by_simulation():
    rng = np.random.default_rng(1)
    x0, x1 = rng.poisson(10, 20000), rng.poisson(10, 20000)
    r = forandring.change_test(x1, x0)
    assert (r["bedomning"] == "okning").mean() < 0.05  # exact test: at most alpha under no change


# ----------------------------------------------------------------- analysis
def _incidents(rows):
    df = pd.DataFrame(rows, columns=["observerad_fran", "kategori", "omrade", "status"])
    df["observerad_fran"] = pd.to_datetime(df["observerad_fran"])
    df["observerad_till"] = df["observerad_fran"] + pd.Timedelta(hours=1)
    df["antal"] = 1
    return df


def test_unapproved_incidents_never_count():
    df = _incidents(
        [
            ["2026-12-29 10:00", "klotter", "A", "godkand"],
            ["2026-12-30 10:00", "klotter", "A", "inskickad"],
            ["2026-12-30 11:00", "klotter", "A", "avvisad"],
            ["2026-12-31 12:00", "klotter", "B", "aterkallad"],
        ]
    )
    s = analys.summarise(df, perioder.parse_period("2026-W53"))
    assert s["totalt"]["antal"] == 1
    assert s["omraden"].set_index("omrade")["antal"].to_dict() == {"A": 1}
    agg = analys.aggregate(df, "vecka")
    assert agg["antal"].sum() == 1
    with pytest.raises(KeyError):
        analys.aggregate(df.drop(columns="status"), "vecka")


def test_weekly_aggregation_across_year_end():
    df = _incidents(
        [
            ["2026-12-31 22:00", "brand", "A", "godkand"],
            ["2027-01-02 01:00", "brand", "A", "godkand"],
            ["2027-01-04 09:00", "brand", "A", "godkand"],
        ]
    )
    agg = analys.aggregate(df, "vecka", by=("kategori",))
    assert dict(zip(agg["period"], agg["antal"])) == {202653: 2, 202701: 1}
    assert analys.summarise(df, perioder.parse_period("2027-W01"))["totalt"]["antal"] == 1
    agg = analys.aggregate(df, "ar", by=())
    assert dict(zip(agg["period"], agg["antal"])) == {2026: 1, 2027: 2}


def test_rates_use_the_right_years_population():
    df = _incidents([["2023-05-01", "klotter", "A", "godkand"]] * 4 + [["2024-05-01", "klotter", "A", "godkand"]] * 4)
    pop = pd.DataFrame({"omrade": ["A", "A", "A"], "ar": [2022, 2023, 2024], "folkmangd": [1000, 2000, 4000]})
    s23 = analys.summarise(df, perioder.parse_period("2023"), pop)
    s24 = analys.summarise(df, perioder.parse_period("2024"), pop)
    assert s23["omraden"].iloc[0]["per_1000"] == pytest.approx(2.0)
    assert s24["omraden"].iloc[0]["per_1000"] == pytest.approx(1.0)
    s25 = analys.summarise(df, perioder.parse_period("2025"), pop)  # no 2025: latest earlier, named
    assert s25["omraden"].empty or int(s25["omraden"].iloc[0]["befolkningsar"]) == 2024


def test_change_against_previous_four_weeks_and_last_year():
    rows = [["2025-02-10 10:00", "klotter", "A", "godkand"]] * 4  # 2025-W07: four in the previous four weeks
    rows += [["2025-03-10 10:00", "klotter", "A", "godkand"]] * 6  # 2025-W11
    rows += [["2024-03-12 10:00", "klotter", "A", "godkand"]] * 6  # 2024-W11
    s = analys.summarise(_incidents(rows), perioder.parse_period("2025-W11"))
    tot = s["totalt"]
    assert (tot["antal"], tot["antal_foregaende"], tot["antal_forra_aret"]) == (6, 4, 6)
    assert tot["bedomning_foregaende"] == "okning" and tot["bedomning_forra_aret"] == "ingen_forandring"
    assert s["jamforelse_foregaende"] == "2025-W07–2025-W10" and s["jamforelse_forra_aret"] == "2024-W11"


def test_ranking_and_time_pattern():
    rows = [["2025-03-10 22:00", "klotter", "A", "godkand"]] * 3 + [["2025-03-11 07:00", "brand", "B", "godkand"]]
    df = _incidents(rows)
    pop = pd.DataFrame({"omrade": ["A", "B"], "ar": [2025, 2025], "folkmangd": [3000, 100]})
    s = analys.summarise(df, perioder.parse_period("2025-W11"), pop)
    assert s["omraden"]["omrade"].tolist() == ["B", "A"]  # 10 per 1 000 before 1 per 1 000
    tp = s["tidsmonster"].set_index(["veckodag", "tid_pa_dygnet"])["antal"].to_dict()
    assert tp == {(1, "kvall"): 3, (2, "morgon"): 1}


def test_kernel_density_integrates_to_count():
    x = np.array([500000.0, 500100.0, 500050.0])
    y = np.array([6700000.0, 6700000.0, 6700100.0])
    dens, x0, y0, cell = analys.kernel_density(x, y, bandwidth=100, cell=20)
    assert dens.sum() * cell * cell / 1e6 == pytest.approx(3, rel=0.01)


# ----------------------------------------------------------------- plan
def _plan():
    return Plan(
        kommun="2081",
        ar=2025,
        findings=[Finding("F1", "Skadegörelsen ökade i Tjärna Ängar.", "exakt test")],
        causes=[Cause("O1", "Dålig belysning", findings=["F1"])],
        measures=[
            Measure("A1", "Ny belysning", causes=["O1"], ansvarig="Tekniska förvaltningen", uppfoljning="2026-03-01"),
            Measure("A2", "Trygghetsvandring", findings=["F1"], ansvarig="Polisen"),
        ],
    )


def test_plan_with_unlinked_measure_cannot_be_approved():
    p = _plan()
    p.measures.append(Measure("A3", "Kampanj utan koppling", ansvarig="Kommunikation"))
    with pytest.raises(ConflictError, match="A3"):
        p.approve("Kommunstyrelsen")
    assert p.status == "utkast"
    # a measure pointing at a cause that links to no finding is unlinked too
    p.measures[-1].causes = ["O9"]
    with pytest.raises(ConflictError):
        p.approve("Kommunstyrelsen")
    p.measures.pop()
    p.approve("Kommunstyrelsen", date(2025, 4, 1))
    assert (p.status, p.godkand_av, p.godkand) == ("godkand", "Kommunstyrelsen", "2025-04-01")
    assert Plan.from_dict(p.to_dict()) == p


def test_plan_tree_and_follow_up_label():
    p = _plan()
    tree = p.tree()
    assert tree[0]["orsaker"][0]["atgarder"] == ["A1"] and tree[0]["atgarder"] == ["A2"]
    assert follow_up_label(p.measures[0]) == "uppföljning, ej effektutvärdering"
    p.measures[0].jamforelseomrade = "2081R005"
    assert "jämförelseområde" in follow_up_label(p.measures[0])


def test_hotspots_against_population_expectation():
    # 40 incidents over three areas of equal population: expected 13,3 each, limit 13,3 + 3·√13,3 ≈ 24,3
    rows = (
        [["2025-03-10 10:00", "klotter", "A", "godkand"]] * 30
        + [["2025-03-10 10:00", "klotter", "B", "godkand"]] * 8
        + [["2025-03-10 10:00", "klotter", "C", "godkand"]] * 2
    )
    # the same counts in the previous tertial: no area changed, so only A's excess over its
    # population's share makes a hot-spot
    rows += [["2024-10-10 10:00", k, a, st] for _, k, a, st in rows]
    pop = pd.DataFrame({"omrade": ["A", "B", "C"], "ar": [2025] * 3, "folkmangd": [1000, 1000, 1000]})
    s = analys.summarise(_incidents(rows), perioder.parse_period("2025-T1"), pop)
    a = s["omraden"].set_index("omrade")
    assert a.loc["A", "forvantat"] == pytest.approx(40 / 3)
    assert a.loc["A", "kontrollgrans"] == pytest.approx(40 / 3 + 3 * np.sqrt(40 / 3))
    assert s["hotspots"] == ["A"]
    # the same counts with B's population ten times larger: A is still a hot-spot, B is not
    pop.loc[pop["omrade"] == "B", "folkmangd"] = 10000
    s = analys.summarise(_incidents(rows), perioder.parse_period("2025-T1"), pop)
    assert s["hotspots"] == ["A"]
    # one or two incidents never make a hot-spot
    s = analys.summarise(_incidents(rows[38:40]), perioder.parse_period("2025-T1"), pop)
    assert s["hotspots"] == []


def test_before_after_follow_up():
    from lagesbild.brott.plan import before_after

    rows = (
        [["2025-03-01", "klotter", "A", "godkand"]] * 5
        + [["2025-05-01", "klotter", "A", "godkand"]] * 2
        + [["2025-05-02", "klotter", "A", "inskickad"]] * 9
        + [["2025-05-02", "klotter", "B", "godkand"]] * 4
    )
    df = _incidents(rows)
    m = Measure("A1", "Belysning", findings=["F1"], start="2025-04-01", omrade="A")
    b = before_after(m, df, window_days=90)
    assert (b["fore"], b["efter"]) == (5, 2)  # the nine unapproved ones do not count
    assert follow_up_label(m) == "uppföljning, ej effektutvärdering"
    m.jamforelseomrade = "B"
    b = before_after(m, df, window_days=90)
    assert (b["jamforelse_fore"], b["jamforelse_efter"]) == (0, 4)
    assert before_after(Measure("A2", "x", findings=["F1"]), df) is None
