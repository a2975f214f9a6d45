"""`lagesbild skola` and `lagesbild fetch skolverket` on the command line."""

from __future__ import annotations

import json


def test_skola_json_interface(cli):
    code, out, err = cli("skola", "--kommun", "0136", "--years", "2021-2025", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["ar"] == [2021, 2022, 2023, 2024, 2025]
    s = next(s for s in data["skolor"] if s["skolenhetskod"] == "73184968")
    assert (s["namn"], s["huvudman"], s["deso"], s["regso"], s["omradestyp"]) == \
        ("Brandbergsskolan", "kommunal", "0136C1260", "0136R001", 2)
    y = {r["ar"]: r for r in s["ar"]}
    assert y[2025]["elever"] == 68 and y[2021]["elever"] is None
    assert {(r["ar"], r["index"]) for r in data["segregation"]} == {(a, i) for a in range(2021, 2026) for i in "DM"}
    assert all({"ar", "omradestyp", "meritvarde", "skolor"} <= set(r) for r in data["efter_omradestyp"])


def test_skola_table_and_csv(cli):
    code, out, _ = cli("skola", "--kommun", "0136", "--years", "2025", "--format", "csv")
    assert code == 0
    assert out.splitlines()[0].startswith("skolenhetskod,namn,huvudman")
    assert "Brandbergsskolan" in out
    code, out, _ = cli("skola", "--skola", "73184968")
    assert code == 0 and "Brandbergsskolan" in out


def test_skola_bad_input_is_one_swedish_line(cli):
    for args, words in ((("--kommun", "0136", "--years", "2010-2011"), "Tillgängliga år"),
                        (("--kommun", "9999"), "har inga skolor"),
                        (("--skola", "12345678"), "finns inte i lagret"),
                        (("--kommun", "0136", "--years", "tjugo"), "--years")):
        code, out, err = cli("skola", *args)
        assert code == 2, (args, out, err)
        assert words in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_fetch_skolverket_needs_kommun_or_file(cli):
    code, _, err = cli("fetch", "skolverket")
    assert code == 2 and "--kommun" in err
    code, _, err = cli("fetch", "skolverket", "--kommun", "0140", "--offline")
    assert code == 2 and "--offline" in err  # nothing cached: one line, no network
