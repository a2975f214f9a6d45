"""The CLI's terminal tables: Swedish numbers and words for people, stable keys in JSON."""

from __future__ import annotations

import json
import re

import pytest

from lagesbild.cli._table import column_decimals, format_number, header, label


def test_format_number_hand_cases():
    assert format_number(11585.0, 0, "sv") == "11 585"
    assert format_number(-0.93634, 3, "sv") == "-0,936"
    assert format_number(1234567.891, 1, "sv") == "1 234 567,9"
    assert format_number(1234567.891, 1, "en") == "1,234,567.9"
    assert format_number(-0.0001, 3, "sv") == "0,000"
    assert format_number(float("nan"), 2, "sv") == "–" and format_number(None, 2, "sv") == "–"
    assert "e" not in format_number(1.158e15, 0, "sv")


def test_one_precision_per_column():
    assert column_decimals("population", "folkmängd", [11585.0, 500.0, None]) == 0
    assert column_decimals("share_population", "andel folkmängd %", [5.4, 50.0]) == 1
    assert column_decimals("value", "värde", [0.4, -0.9363, 0.12]) == 3
    assert column_decimals("value", "värde", [0.4, 12.5]) == 1
    assert column_decimals("value", "värde", [0.4, 1158e1]) == 0
    assert column_decimals("name", "namn", ["Rinkeby", 1.0]) is None


def test_headers_and_codes_in_both_languages():
    assert header("stage", "sv") == "livsfas" and header("stage", "en") == "life stage"
    assert header("reach_status", "sv") == "räckvidd"
    assert header("not_a_known_key", "sv") == "not_a_known_key"
    assert label("hogstadiet", "sv") == "högstadiet" and label("official", "sv") == "officiell"
    assert label("Rinkeby", "sv") == "Rinkeby" and label(3, "sv") == 3


def test_omradestyper_riket_has_no_scientific_notation(cli):
    code, out, err = cli("omradestyper", "--riket", "--years", "2022-2023")
    assert code == 0, err
    assert "e+0" not in out and "e+1" not in out
    assert "official" not in out and "officiell" in out
    # Bagarmossen's population (over 10 000) is written out in full with a space between thousands
    line = next(x for x in out.splitlines() if "Bagarmossen" in x)
    assert re.search(r"\b\d{2} \d{3}\b", line), line
    # percentages: one decimal with a decimal comma, never a decimal point
    assert not re.search(r"\d\.\d", out)
    assert re.search(r"│ \d+,\d\s+│", out)


def test_omradestyper_json_keeps_stable_keys(cli):
    code, out, _ = cli("omradestyper", "--riket", "--years", "2022-2023", "--format", "json")
    assert code == 0
    data = json.loads(out)
    row = data["omradestyper"]["table"][0]
    assert {"year", "omradestyp", "n_regso", "share_population", "population"} <= set(row)
    assert {f["method_status"] for f in data["omradestyper"]["summary"]} <= {"official", "computed"}


def test_profile_notes_are_not_doubled(cli):
    code, out, _ = cli("profile", "--kommun", "1480", "--year", "2023")
    assert code == 0
    for line in out.splitlines():
        parts = [p.strip(" │") for p in line.split(";")]
        assert len(parts) == len(set(parts)) or len(parts) == 1, line


def test_socioindex_bounds_have_decimal_commas(cli):
    code, out, err = cli("socioindex", "--kommun", "1780", "--years", "2018-2019")
    assert code == 0, err
    bounds = [x for x in out.splitlines() if " / " in x and x.startswith("│")]
    assert bounds and all(not re.search(r"\d\.\d", x) for x in bounds)
    assert all(re.search(r"\d+,\d{2} / \d+,\d{2}", x) for x in bounds)


@pytest.fixture
def table_csv(tmp_path):
    p = tmp_path / "t.csv"
    # hand case: D(utr) = 0.5 * (|.1-.3| + |.3-.7/3| + |.5-.5/3| + |.1-.3|) = 0.4;
    # isolation(utr) = .1*.1 + .3*.3 + .5*.5 + .1*.1 = 0.36
    p.write_text("omr,grupp,n\nA,utr,10\nA,sve,90\nB,utr,30\nB,sve,70\nC,utr,50\nC,sve,50\nD,utr,10\nD,sve,90\n",
                 encoding="utf-8")
    return p


def test_measure_names_the_focal_group(cli, table_csv):
    args = ("measure", str(table_csv), "--unit", "omr", "--group", "grupp", "--weight", "n",
            "--index", "dissimilarity,isolation")
    code, out, err = cli(*args)
    assert code == 0, err
    assert "0,400" in out and "0,360" in out
    assert "fokusgrupp" in out.lower() and "utr" in out
    assert "dtype" not in out and "NaN" not in out   # no raw pandas print
    code, out2, _ = cli(*args, "--groups", "sve,utr")
    # the other focal group: isolation of 'sve' = Σ (b_i/B)(b_i/t_i) = (.9*90+.7*70+.5*50+.9*90)/300
    assert code == 0 and "sve" in out2 and f"{(81 + 49 + 25 + 81) / 300:.3f}".replace(".", ",") in out2
    code, js, _ = cli(*args, "--format", "json")
    rows = json.loads(js)
    assert [r["focal_group"] for r in rows] == ["utr", "utr"]
    assert rows[0]["value"] == pytest.approx(0.4)
