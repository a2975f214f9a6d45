"""Scale scoring on hand-computed cases: reverse coding, missing items, the minimum-answered rule."""

import numpy as np
import pytest

from lagesbild.enkat import scoring
from lagesbild.enkat.catalogue import builtin_catalogue, load_catalogue
from lagesbild.errors import InputError

nan = np.nan


def test_reverse_coding_flips_only_marked_items():
    x = np.array([[1, 2, 3, 4]], dtype=float)
    out = scoring.reverse_code(x, np.array([True, False, True, False]), 1, 4)
    assert out.tolist() == [[4, 2, 2, 4]]


def test_mean_score_by_hand():
    # items: a (plain), b (reversed), c (plain); scale 1..4
    x = np.array([
        [4, 1, 4],      # 4, 4, 4 -> 4
        [1, 4, 2],      # 1, 1, 2 -> 4/3
        [3, nan, 1],    # 3, -, 1 -> 2 (two answered)
        [nan, nan, 2],  # one answered -> below the minimum of 2
    ])
    s, answered = scoring.score(x, np.array([False, True, False]), 1, 4, scoring="medel", min_answered=2)
    assert answered.tolist() == [3, 3, 2, 1]
    assert s[0] == 4 and s[1] == pytest.approx(4 / 3) and s[2] == 2 and np.isnan(s[3])


def test_sum_score_rescales_missing_items():
    x = np.array([[2, 2, nan], [1, 2, 3]])
    s, _ = scoring.score(x, np.zeros(3, bool), 1, 4, scoring="summa", min_answered=2)
    assert s.tolist() == [6.0, 6.0]  # (2+2)/2*3 and 1+2+3


def test_max_score_any_item():
    x = np.array([[0, 1, nan], [0, 0, 0], [nan, nan, nan]])
    s, _ = scoring.score(x, np.zeros(3, bool), 0, 1, scoring="max", min_answered=1)
    assert s[0] == 1 and s[1] == 0 and np.isnan(s[2])


def test_cut_off_is_inclusive_and_missing_stays_missing():
    flags = scoring.at_risk(np.array([2.49, 2.5, 3.0, nan]), 2.5)
    assert flags[:3].tolist() == [0, 1, 1] and np.isnan(flags[3])


def test_percentile_cut_is_a_value_that_occurs():
    ref = np.array([1, 1, 2, 2, 3, 3, 3, 4, 4, 4.0])
    # 75th percentile, inverted CDF: smallest value with at least 75 % at or below -> 4 (7/10 = 70 % are <= 3)
    assert scoring.percentile_cut(ref, 75) == 4.0
    assert scoring.percentile_cut(ref, 70) == 3.0


def test_builtin_catalogue_is_consistent():
    cat = builtin_catalogue()
    kinds = {s.kind for s in cat.scales}
    assert kinds == {"risk", "skydd", "utfall"}
    assert {s.domain for s in cat.scales} == {"narsamhalle", "familj", "skola", "individ"}
    for s in cat.scales:
        assert s.source and 1 <= s.min_answered <= len(s.items)
    # risk and protective factors use the insatser factor vocabulary
    from lagesbild.prevention.vocab import FACTORS

    assert all(s.id in FACTORS for s in cat.scales if s.kind != "utfall")


def test_own_scales_are_merged(tmp_path):
    own = tmp_path / "egna.yaml"
    own.write_text("""version: 3
namn: Egna skalor
skalor:
  - id: egen.spel
    namn: Spel om pengar
    doman: individ
    typ: utfall
    teman: [andt]
    svar: [0, 1]
    poang: max
    min_besvarade: 1
    grans: {metod: fast, varde: 1}
    items: [{id: egen_spel, text: "Har spelat om pengar"}]
    kalla: "Egen fråga"
""", encoding="utf-8")
    cat = load_catalogue(own)
    assert cat.scale("egen.spel").themes == ("andt",)
    assert len(cat.scales) == len(builtin_catalogue().scales) + 1
    assert cat.version.endswith("egna.yaml:3")


def test_bad_catalogue_names_file_and_field(tmp_path):
    bad = tmp_path / "fel.yaml"
    bad.write_text("skalor:\n  - {id: x.y, doman: familj, typ: risk, svar: [1, 4], items: [{id: a}], "
                   "min_besvarade: 5, grans: {metod: fast, varde: 2}, kalla: k}\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_catalogue(bad)
    msg = exc.value.message("sv")
    assert "fel.yaml" in msg and "x.y.min_besvarade" in msg and "\n" not in msg
