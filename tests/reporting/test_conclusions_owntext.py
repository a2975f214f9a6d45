"""Slutsatser och rekommendationer on hand-made signals; the kommun's Markdown texts; the
report settings that frame the nulägesanalys; figure sizes."""

from __future__ import annotations

import struct

import pytest

from lagesbild.reporting.conclusions import SCHOOL_SPREAD, conclusions
from lagesbild.reporting.model import Bullets, Paragraph
from lagesbild.reporting.owntext import markdown_blocks


def _keys(signals, lang="sv"):
    """Which rules fired, recognised by the start of the Swedish conclusion."""
    starts = {"En större andel": "share12_high", "Inget RegSO": "share12_none", "Boendesegregationen mellan":
              "seg_up", "Boendesegregationen har minskat": "seg_down", "Boendesegregationen är i stort":
              "seg_stable", "Fler RegSO har fått en sämre": "types_worse", "Fler RegSO har fått en bättre":
              "types_better", "Skolornas resultat": "school_spread", "Valdeltagandet": "vote_low",
              "Täckningsanalysen": "gaps", "Kommunens förebyggande": "no_insatser", "Det saknas en ungdomsenkät":
              "no_enkat"}
    out = []
    for c, r in conclusions(signals, lang):
        assert c and r and c != r
        key = next((v for k, v in starts.items() if c.startswith(k)), None)
        out.append(key or ("share12_some" if "RegSO har socioekonomiska" in c else c))
    return out


def test_no_signals_no_conclusions():
    assert conclusions({}) == []


@pytest.mark.parametrize("cls, n12, expected", [
    ("much_higher", 8, ["share12_high"]),
    ("higher", 3, ["share12_high"]),
    ("level", 2, ["share12_some"]),
    ("lower", 1, ["share12_some"]),
    ("much_lower", 0, ["share12_none"]),
    (None, 0, []),                      # no comparison possible: no conclusion
])
def test_share_in_types_1_2(cls, n12, expected):
    assert _keys({"share12": cls, "n12": n12}) == expected


def test_share12_names_the_number_of_areas():
    (c, r), = conclusions({"share12": "higher", "n12": 7})
    assert "7 RegSO" in r


@pytest.mark.parametrize("cls, key", [("up", "seg_up"), ("down", "seg_down"), ("stable", "seg_stable"),
                                      ("unchanged", "seg_stable")])
def test_segregation_trend(cls, key):
    (c, _), = conclusions({"seg_trend": (cls, 2020, 2023)})
    assert _keys({"seg_trend": (cls, 2020, 2023)}) == [key]
    assert "2020" in c and "2023" in c


def test_transitions_and_ties():
    assert _keys({"transitions": (1, 4, 2022, 2023)}) == ["types_worse"]
    assert _keys({"transitions": (4, 1, 2022, 2023)}) == ["types_better"]
    assert _keys({"transitions": (2, 2, 2022, 2023)}) == []


def test_school_spread_threshold_is_inclusive():
    assert _keys({"school_spread": SCHOOL_SPREAD}) == ["school_spread"]
    assert _keys({"school_spread": SCHOOL_SPREAD - 0.1}) == []
    assert _keys({"school_spread": float("nan")}) == []
    (c, _), = conclusions({"school_spread": 126.3})
    assert "126 poäng" in c


def test_vote_insatser_enkat():
    assert _keys({"vote": "lower"}) == ["vote_low"] == _keys({"vote": "much_lower"})
    assert _keys({"vote": "level"}) == []
    assert _keys({"insatser": None}) == ["no_insatser"]
    assert _keys({"insatser": 0}) == []
    assert _keys({"insatser": 72}) == ["gaps"]
    assert _keys({"enkat": False}) == ["no_enkat"]
    assert _keys({"enkat": True}) == []


def test_rule_order_is_fixed_and_english_exists():
    sig = {"enkat": False, "vote": "lower", "share12": "higher", "n12": 3, "seg_trend": ("up", 2020, 2023)}
    assert _keys(sig) == ["share12_high", "seg_up", "vote_low", "no_enkat"]
    en = conclusions(sig, "en")
    assert len(en) == 4 and en[0][0].startswith("A larger share")


def test_markdown_blocks():
    text = "# Rubrik\nFörsta stycket\nfortsätter.\n\n- ett\n- två\n  med fortsättning\n\nSista **viktiga** stycket."
    blocks = markdown_blocks(text)
    assert [type(b) for b in blocks] == [Paragraph, Paragraph, Bullets, Paragraph]
    assert blocks[0].text == "Rubrik"
    assert blocks[1].text == "Första stycket fortsätter."
    assert blocks[2].items == ["ett", "två med fortsättning"]
    assert blocks[3].text == "Sista viktiga stycket."
    assert markdown_blocks("  \n\n ") == []


def test_settings_for_cover_purpose_and_texts(tmp_path):
    from lagesbild.errors import ConfigError, InputError
    from lagesbild.reporting import config as rc

    (tmp_path / "t").mkdir()
    cfg = tmp_path / "in.yaml"
    cfg.write_text("kommun: '0127'\nyear: 2023\norganisation: KLF\nversion: 1.0\nsyfte: Vårt syfte.\n"
                   "texter:\n  befolkning: t/bef.md\n", encoding="utf-8")
    vals = rc.load_config(cfg)
    c = rc.merge(vals)
    assert c.organisation == "KLF" and c.version == "1.0" and c.syfte == "Vårt syfte."
    assert c.texter == ((("befolkning", str((tmp_path / "t" / "bef.md").resolve()))),)
    again = tmp_path / "again.yaml"
    again.write_text(rc.dump_yaml(c), encoding="utf-8")
    assert rc.config_hash(rc.merge(rc.load_config(again))) == rc.config_hash(c)
    with pytest.raises(InputError, match="texter"):
        rc.merge(None, kommun="0127", year=2023, texter={"horoskop": "x.md"})
    with pytest.raises(ConfigError, match="texter"):
        rc.merge(None, kommun="0127", year=2023, texter="x.md")


def test_missing_own_text_and_personnummer_are_refused(tmp_path):
    from lagesbild.errors import NotFoundError, PersonalDataError
    from lagesbild.reporting import config as rc
    from lagesbild.services.report import own_texts

    c = rc.merge(None, kommun="0127", year=2023, texter={"befolkning": str(tmp_path / "saknas.md")})
    with pytest.raises(NotFoundError, match="saknas.md"):
        own_texts(c)
    p = tmp_path / "bef.md"
    p.write_text("Kontakt: 19121212-1212\n", encoding="utf-8")
    c = rc.merge(None, kommun="0127", year=2023, texter={"befolkning": str(p)})
    with pytest.raises(PersonalDataError) as exc:
        own_texts(c)
    assert "1212" not in exc.value.message("sv") and "bef.md" in exc.value.message("sv")


def _png_head(w, h):
    return b"\x89PNG\r\n\x1a\n" + b"\0" * 8 + struct.pack(">II", w, h)


def test_figures_fill_the_page_width_unless_too_tall():
    from lagesbild.reporting.render_html import PAGE_HEIGHT_CM, PAGE_WIDTH_CM, fit_width_cm

    assert fit_width_cm(_png_head(300, 100)) == PAGE_WIDTH_CM        # a small wide chart is enlarged
    tall = fit_width_cm(_png_head(600, 1200))
    assert tall == pytest.approx(PAGE_HEIGHT_CM / 2, abs=0.05)        # height capped, aspect kept
    assert fit_width_cm(None) == PAGE_WIDTH_CM
