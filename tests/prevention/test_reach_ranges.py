"""Reach as a range ("120–150"): parsing, refusal of bad ranges, coverage with its interval and the
import/export round trip. Expected values are computed by hand in the comments."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import sqlalchemy as sa

from lagesbild.prevention import coverage, io, registry
from lagesbild.prevention.model import Reach, ValidationError, insats_to_dict, parse_insats, parse_participants
from lagesbild.prevention.tables import INSATSER, ops_of


def ins(base, **kw):
    return parse_insats(base(**kw))


@pytest.mark.parametrize("text", ["120–150", "120-150", "120 till 150", "120 — 150", " 120 TILL 150 "])
def test_every_spelling_of_a_range_is_stored_as_low_and_high(base, text):
    r = ins(base, reach=[{"year": 2024, "participants": text}]).reach[0]
    assert (r.participants, r.participants_high, r.high) == (120, 150, 150)


def test_counts_with_thousands_separators_equal_ends_and_the_canonical_json_form(base):
    assert parse_participants("1 200–1 500") == (1200, 1500)
    assert parse_participants("1\u00a0200 till 1\u00a0500") == (1200, 1500)
    assert parse_participants("70–70") == (70, None)  # equal ends: an exact count
    assert parse_participants(" ") == (None, None)  # empty: unknown, never zero
    r = ins(base, reach=[{"year": 2024, "participants": 120, "participants_high": 150}]).reach[0]
    assert (r.participants, r.participants_high) == (120, 150)
    exact = ins(base, reach=[{"year": 2024, "participants": 80}]).reach[0]
    assert (exact.participants, exact.participants_high, exact.high) == (80, None, 80)


def test_a_reversed_range_is_refused_with_one_clear_line(base):
    with pytest.raises(ValidationError) as ei:
        ins(base, reach=[{"year": 2024, "participants": 40}, {"year": 2023, "participants": "150–120"}])
    assert ei.value.message() == (
        "Insatsen kunde inte sparas, 1 fel: fältet 'Räckvidd' post 2: intervallet för deltagare måste gå från "
        "lägsta till högsta (lägsta ≤ högsta), t.ex. 120–150. Fick '150–120'.")
    assert ei.value.message("en").endswith(
        "item 2: the participants range must go from low to high (low ≤ high), e.g. 120–150. Got '150–120'.")
    with pytest.raises(ValidationError, match="Fick '150–120'"):
        ins(base, reach=[{"year": 2024, "participants": 150, "participants_high": 120}])


@pytest.mark.parametrize("bad", ["120–", "-5", "120–1,5", "många", "12.5", "120–150–180", "till 150"])
def test_malformed_counts_are_refused_naming_the_item_and_what_was_expected(base, bad):
    with pytest.raises(ValidationError) as ei:
        ins(base, reach=[{"year": 2024, "participants": bad}])
    assert ei.value.message() == (
        "Insatsen kunde inte sparas, 1 fel: fältet 'Räckvidd' post 1: deltagare måste vara ett heltal ≥ 0, ett "
        f"intervall som 120–150 (även 120-150 eller 120 till 150) eller tomt = okänt. Fick '{bad}'.")


def test_a_high_end_without_a_low_end_is_refused(base):
    with pytest.raises(ValidationError, match="post 1: deltagare måste vara"):
        ins(base, reach=[{"year": 2024, "participants": None, "participants_high": 150}])


def _summary(reached, target, lang="sv"):
    return coverage._summarise(reached, target, target is not None, "lagstadiet", lang)


def test_range_of_target_gives_midpoint_and_interval(base):
    # 120–150 of 300: point (120 + 150) / 2 / 300 = 0.45, interval [120/300, 150/300] = [0.40, 0.50]
    s = _summary([coverage.Reached(ins(base), 120, participants_high=150)], 300)
    assert s["coverage"] == pytest.approx(0.45)
    assert (s["coverage_low"], s["coverage_high"]) == (pytest.approx(0.40), pytest.approx(0.50))
    assert s["coverage_text"] == "45 % (40–50 %)" and s["coverage_min"] is None
    assert (s["participants"], s["participants_low"], s["participants_high"]) == (135, 120, 150)
    assert s["participants_text"] == "120–150" and s["note"] == ""
    assert _summary([coverage.Reached(ins(base), 120, participants_high=150)], 300, "en")["coverage_text"] == \
        "45 % (40–50 %)"
    # a range plus an exact count: 120–150 + 30 = 150–180 of 300 → 55 % (50–60 %)
    s = _summary([coverage.Reached(ins(base), 120, participants_high=150), coverage.Reached(ins(base), 30)], 300)
    assert s["coverage_text"] == "55 % (50–60 %)" and s["participants"] == 165
    # an odd sum keeps the half: 121–150 → 135.5, shown with a decimal comma
    s = _summary([coverage.Reached(ins(base), 121, participants_high=150)], 1000)
    assert s["participants"] == 135.5 and s["participants_text"] == "121–150"
    # exact counts: the interval collapses to the point and the text stays a single number
    s = _summary([coverage.Reached(ins(base), 60)], 200)
    assert s["coverage"] == s["coverage_low"] == s["coverage_high"] == pytest.approx(0.30)
    assert s["coverage_text"] == "30 %"


def test_range_plus_unknown_gives_the_lower_bound_only(base):
    # 120–150 known, one insats unknown, target 300: at least 120/300 = 40 %; the upper bound is open
    s = _summary([coverage.Reached(ins(base, name="A"), 120, participants_high=150),
                  coverage.Reached(ins(base, name="U"), None, "antal deltagare okänt år 2024")], 300)
    assert s["coverage"] is None and s["coverage_high"] is None
    assert s["coverage_min"] == s["coverage_low"] == pytest.approx(0.40)
    assert s["coverage_text"] == "minst 40 %" and s["participants_text"] == "minst 120"
    assert s["reach_status"] == "delvis okänd" and s["participants"] is None


def test_over_100_is_flagged_on_the_upper_bound_only_or_on_the_point(base):
    # 250–350 of 300: point 300/300 = 100 % (not over), upper bound 350/300 = 117 % → upper bound flagged
    s = _summary([coverage.Reached(ins(base), 250, participants_high=350)], 300)
    assert s["coverage_text"] == "100 % (83–117 %) (övre gränsen över 100 %)"
    assert "övre gränsen över 100 % – kontrollera" in s["note"]
    assert _summary([coverage.Reached(ins(base), 250, participants_high=350)], 300, "en")["coverage_text"] == \
        "100 % (83–117 %) (upper bound over 100 %)"
    # 330–390 of 300: point 360/300 = 120 % → the point is flagged
    s = _summary([coverage.Reached(ins(base), 330, participants_high=390)], 300)
    assert s["coverage_text"] == "120 % (110–130 %) (över 100 %)"
    assert s["note"].startswith("över 100 % – kontrollera")
    assert coverage.coverage_text(0.95, low=0.9, high=1.0) == "95 % (90–100 %)"  # 100 % is not over 100 %


def test_participants_sums_ranges_over_areas(base):
    i = ins(base, scope="omraden", areas=["0127R001@RegSO2020", "0127R002@RegSO2020"],
            reach=[{"year": 2024, "participants": "10–20", "area_code": "0127R001", "area_version": "RegSO2020"},
                   {"year": 2024, "participants": 5, "area_code": "0127R002", "area_version": "RegSO2020"}])
    whole = coverage.participants(i, None, "lagstadiet")
    assert (whole.participants, whole.participants_high) == (15, 25)  # 10 + 5, 20 + 5
    one = coverage.participants(i, "0127R002", "lagstadiet")
    assert (one.participants, one.participants_high) == (5, None)


def test_coverage_table_on_age_bands_shows_the_interval(monkeypatch, small_store, base):
    target = pd.DataFrame([{"area_code": "0127R001", "stage": "lagstadiet", "population": 300.0, "estimated": False,
                            "year": 2024, "source_note": "test"}])
    monkeypatch.setattr(coverage, "target_population", lambda store, kommun: target)
    registry.create(small_store, base(reach=[{"year": 2024, "participants": "120–150"}]), "anna")
    row = coverage.coverage_table(small_store, "0127", registry.list_insatser(small_store)).iloc[0]
    assert row["coverage_text"] == "45 % (40–50 %)" and row["coverage_low"] == pytest.approx(0.4)
    assert row["coverage_high"] == pytest.approx(0.5) and row["participants_text"] == "120–150"


@pytest.fixture
def ranged(small_store, base):
    registry.create(small_store, base(
        id="0127-intervall", scope="omraden", areas=["0127R001@RegSO2020"],
        reach=[{"year": 2023, "participants": "1 200–1 500"},
               {"year": 2024, "participants": "120 till 150", "area_code": "0127R001", "area_version": "RegSO2020"},
               {"year": 2024, "participants": 90}, {"year": 2022, "participants": None}]), "anna")
    return registry.list_insatser(small_store)


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_ranges_survive_export_and_import(small_store, ranged, tmp_path, fmt):
    path = tmp_path / f"insatser.{fmt}"
    io.export_insatser(ranged, path)
    if fmt == "csv":
        cells = pd.read_csv(tmp_path / "insatser_rackvidd.csv", dtype=str, keep_default_na=False)["Deltagare"]
        assert set(cells) == {"", "120–150", "1200–1500", "90"} and len(cells) == 4
    if fmt == "json":
        reach = json.loads(path.read_text(encoding="utf-8"))["insatser"][0]["reach"]
        assert {(r["participants"], r["participants_high"]) for r in reach} == \
            {(1200, 1500), (120, 150), (90, None), (None, None)}
    items, _ = io.read_insatser(path)
    assert [insats_to_dict(registry._validate(small_store, d)) for d in items] == [insats_to_dict(i) for i in ranged]
    res = io.import_insatser(small_store, path, "bertil")
    assert res["unchanged"] == ["0127-intervall"] and not res["updated"]


def test_a_bad_range_in_the_reach_sheet_names_sheet_row_and_column(small_store, ranged, tmp_path):
    path = tmp_path / "fel.xlsx"
    io.export_insatser(ranged, path)
    sheets = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False)
    sheets["Räckvidd"].loc[1, "Deltagare"] = "150–120"
    sheets["Insatser"].loc[0, "Namn"] = "Nytt namn"
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        for name, df in sheets.items():
            df.to_excel(xw, sheet_name=name, index=False)
    with pytest.raises(ValidationError) as ei:
        io.import_insatser(small_store, path, "bertil")
    assert ei.value.message() == (
        "Importen kunde inte sparas, 1 fel: rad 3 på bladet Räckvidd: kolumnen Deltagare: intervallet måste gå "
        "från lägsta till högsta (lägsta ≤ högsta), t.ex. 120–150. Fick '150–120'.")
    assert registry.get(small_store, "0127-intervall").name == "Testinsats"  # nothing written


def test_a_csv_with_a_range_typed_by_hand_imports(small_store, tmp_path):
    main = tmp_path / "hand.csv"
    pd.DataFrame([{"ID": "0127-hand", "Kommun": "0127", "Namn": "För hand", "Ansvarig organisation": "K",
                   "Arena": "Skola", "Preventionsnivå": "Universell", "Livsfas": "Lågstadiet (F–3, 6–9 år)",
                   "Tema": "Våld"}]).to_csv(main, index=False)
    pd.DataFrame([{"ID": "0127-hand", "År": "2024", "Deltagare": "120-150"},
                  {"ID": "0127-hand", "År": "2023", "Deltagare": "many"}]).to_csv(
        tmp_path / "hand_rackvidd.csv", index=False)
    with pytest.raises(ValidationError, match="rad 3 på bladet Räckvidd: kolumnen Deltagare måste vara"):
        io.import_insatser(small_store, main, "anna")
    assert registry.list_insatser(small_store) == []
    pd.DataFrame([{"ID": "0127-hand", "År": "2024", "Deltagare": "120-150"}]).to_csv(
        tmp_path / "hand_rackvidd.csv", index=False)
    io.import_insatser(small_store, main, "anna")
    r = registry.get(small_store, "0127-hand").reach[0]
    assert (r.participants, r.participants_high) == (120, 150)


def test_a_store_written_before_ranges_existed_still_opens(small_store, base):
    """Insatser are JSON documents: a reach record without 'participants_high' reads as an exact count."""
    registry.create(small_store, base(id="0127-gammal", reach=[{"year": 2024, "participants": 75}]), "anna")
    with ops_of(small_store).begin() as con:
        doc = json.loads(con.execute(sa.select(INSATSER.c.doc).where(INSATSER.c.id == "0127-gammal")).scalar_one())
        for r in doc["reach"]:
            del r["participants_high"]
        con.execute(INSATSER.update().where(INSATSER.c.id == "0127-gammal").values(doc=json.dumps(doc)))
    assert registry.get(small_store, "0127-gammal").reach == [Reach(2024, 75)]
