"""Use cases end to end on a store: example survey → import → profile → priorities with insatser
adopted from the programme library (their targeted factors pre-filled), reference, trend, ANDT."""

from __future__ import annotations

import pytest

from lagesbild.services import andt, enkat_referens
from lagesbild.services import enkat as svc

KEYS = {"faktor", "doman", "typ", "grupp", "n", "andel", "ki_undre", "ki_ovre", "undertryckt"}


@pytest.fixture
def loaded(tmp_path, empty_store, settings):
    for year, seed in ((2022, 1), (2024, 2)):
        csv, yml = tmp_path / f"e{year}.csv", tmp_path / f"k{year}.yaml"
        res = svc.exempel("0127", year, csv, yml, seed=seed, schools=5, enrolled=60)
        assert res["enkat"] == "syntetisk exempelenkät"
        assert "syntetisk exempelenkät" in yml.read_text(encoding="utf-8")
        svc.import_survey(empty_store, csv, yml, kommun="0127", year=year)
    return empty_store


def test_profile_rows_have_the_interface_keys(loaded, settings):
    res = svc.profil(loaded, settings, kommun="0127", year=2024, by="skola")
    assert res["syntetisk"] and res["enkat"] == "syntetisk exempelenkät"
    for r in res["rader"]:
        assert KEYS <= set(r) and r["typ"] in ("risk", "skydd", "utfall")
        assert r["enkat"] == "syntetisk exempelenkät"
        if r["undertryckt"]:
            assert r["andel"] is None and r["ki_undre"] is None and r["ki_ovre"] is None
        else:
            assert r["n"] >= settings.enkat_min_n and r["ki_undre"] <= r["andel"] <= r["ki_ovre"]
    assert {r["dimension"] for r in res["rader"]} == {"kommun", "skola"}


def test_threshold_is_a_setting(loaded, settings):
    strict = settings.replace(enkat_min_n=10_000)
    rows = svc.profil(loaded, strict, kommun="0127", year=2024)["rader"]
    assert all(r["undertryckt"] for r in rows)


def test_priorities_link_insatser_and_show_the_gap(loaded, settings):
    from lagesbild.prevention import library

    with loaded.transaction() as con:  # the registry checks that the kommun exists
        con.execute("INSERT INTO areas VALUES ('0127', 'kommun2025', 'kommun', 'Botkyrka', NULL, NULL, '0127', '01')")
    before = svc.prioriteringar(loaded, settings, kommun="0127", year=2024)
    assert all(f["insatser"] == [] for f in before["faktorer"])
    assert before["luckor"] == [f["faktor"] for f in before["faktorer"] if f["prioriterad"]]
    # adopt a programme whose library entry targets perceived availability of drugs
    ins = library.adopt(loaded, "krogar_mot_knark", "0127", "Botkyrka kommun", "test")
    assert "narsamhalle.tillgang_droger" in ins.factors  # pre-filled from the library
    after = svc.prioriteringar(loaded, settings, kommun="0127", year=2024)
    by = {f["faktor"]: f for f in after["faktorer"]}
    assert by["narsamhalle.tillgang_droger"]["insatser"] == [ins.id]
    assert by["utfall.alkohol"]["insatser"] == [ins.id]  # the ANDT theme addresses the outcome
    assert "narsamhalle.tillgang_droger" not in after["luckor"]
    assert [f["rang"] for f in after["faktorer"]] == list(range(1, len(after["faktorer"]) + 1))


def test_reference_import_changes_the_ranking_input(loaded, settings, tmp_path):
    ref = tmp_path / "ref.csv"
    ref.write_text("ar;faktor;niva;andel;n;kalla\n2024;individ.utagerande;riket;5%;;syntetisk referens\n"
                   "2024;familj.anknytning;riket;0,99;5000;syntetisk referens\n", encoding="utf-8")
    assert enkat_referens.import_reference(loaded, ref)["rader"] == 2
    res = svc.prioriteringar(loaded, settings, kommun="0127", year=2024)
    by = {f["faktor"]: f for f in res["faktorer"]}
    assert by["individ.utagerande"]["referens"] == pytest.approx(0.05)
    assert by["individ.utagerande"]["jamforelse"] == "hogre"
    bad = tmp_path / "bad.csv"
    bad.write_text("ar;faktor;niva;andel\n2024;finns.inte;riket;0.1\n", encoding="utf-8")
    with pytest.raises(Exception) as exc:
        enkat_referens.import_reference(loaded, bad)
    assert "bad.csv rad 2" in exc.value.message("sv")


def test_trend_uses_the_previous_wave(loaded, settings):
    res = svc.trend(loaded, settings, kommun="0127", year=2024)
    assert res["ar_fore"] == 2022
    assert all(r["forandring"] in ("okning", "minskning", "oforandrad", None) for r in res["rader"])


def test_andt_overview_shows_self_assessment_in_full(empty_store):
    from lagesbild.prevention import selfassessment

    items = selfassessment.item_set()
    first = items["kategorier"][0]["fragor"][0]["id"]
    selfassessment.save(empty_store, "0136", 2023, {first: "nej"}, "test")
    selfassessment.save(empty_store, "0136", 2024, {first: "ja"}, "test")
    andt.policy_add(empty_store, {"kommun": "0136", "dokument": "ANDT-policy", "agare": "KS",
                                 "nasta_revision": "2020-01-01"})
    ov = andt.andt_overview(empty_store, "0136")
    assert ov["policyer"][0]["forsenad"] is True
    years = [d["year"] for d in ov["sjalvskattning"]["ar"]]
    assert years == [2023, 2024]
    lost = ov["sjalvskattning"]["ar"][0]["result"]["categories"][0]["lost"]
    assert any(q["id"] == first and q["points_lost"] > 0 for q in lost)
    assert "inte CAN:s officiella" in ov["sjalvskattning"]["etikett"]
    cmp = ov["sjalvskattning"]["jamforelse"]
    assert cmp["ar"] == [2023, 2024]
    total = next(r for r in cmp["rader"] if r["kategori"] == "Totalt")
    assert total["forandring"] == pytest.approx(total["varden"][1] - total["varden"][0]) and total["forandring"] > 0


def test_percentile_cut_offs_come_from_the_reference_wave(loaded, settings, tmp_path):
    """A kommun's own percentile scale: its cut-off is the 75th percentile of the earliest wave, so
    that wave has about a quarter at or above it and later waves are measured with the same cut-off;
    naming another reference year recomputes it."""
    import numpy as np

    from lagesbild.enkat import profile, storage
    from lagesbild.enkat.catalogue import load_catalogue

    own = tmp_path / "egna.yaml"
    own.write_text("""version: 1
skalor:
  - id: individ.utagerande
    doman: individ
    typ: risk
    svar: [1, 4]
    poang: medel
    min_besvarade: 3
    grans: {metod: percentil, p: 75}
    items:
      - {id: ind_regler}
      - {id: ind_trots}
      - {id: ind_brak}
      - {id: ind_lugn, omvand: true}
    kalla: "RISE: 75:e percentilen i referensen (prevention.md §2.1)"
""", encoding="utf-8")
    cat = load_catalogue(own)
    cuts, ref = svc.reference_cuts(loaded, "0127", cat)
    assert ref == 2022
    scores = profile.score_wave(storage.load_wave(loaded, "0127", 2022), cat)
    s = next(x for x in scores if x.scale.id == "individ.utagerande").scores
    s = s[~np.isnan(s)]
    assert cuts["individ.utagerande"] == float(np.percentile(s, 75, method="inverted_cdf"))
    assert (s >= cuts["individ.utagerande"]).mean() >= 0.25
    rows = svc.profil(loaded, settings, kommun="0127", year=2024, catalogue_file=own)["rader"]
    row = next(r for r in rows if r["faktor"] == "individ.utagerande" and r["dimension"] == "kommun")
    assert row["grans"] == round(cuts["individ.utagerande"], 6)
    cuts24, ref24 = svc.reference_cuts(loaded, "0127", cat, reference_year=2024)
    assert ref24 == 2024 and "individ.utagerande" in cuts24


def test_response_rates_per_school_and_grade(loaded):
    rates = svc.response_rates(loaded, kommun="0127", year=2024)
    assert rates and all(r["inskrivna"] > 0 for r in rates)
    for r in rates:
        assert r["svarsfrekvens"] == round(r["svarande"] / r["inskrivna"], 4)
        assert 0.3 < r["svarsfrekvens"] <= 1.0  # the generator's rates are 0,60–0,90
    assert sum(r["svarande"] for r in rates) == svc.profil(loaded, svc_settings(), kommun="0127", year=2024)["n"]


def svc_settings():
    from lagesbild._config import Settings

    return Settings()
