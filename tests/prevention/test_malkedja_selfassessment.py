"""The målkedja report with traffic lights, and the self-assessment scoring."""

from __future__ import annotations

import pytest

from lagesbild.errors import ConflictError
from lagesbild.prevention import malkedja, registry, selfassessment
from lagesbild.prevention.model import ValidationError


def test_malkedja_report(small_store, base):
    malkedja.save_goal(small_store, {"id": "mal-trygg", "kommun": "0127", "name": "Trygga unga"}, "anna")
    malkedja.save_goal(small_store, {"id": "mal-las", "kommun": "0127", "name": "Alla läser"}, "anna")
    malkedja.save_indicator(small_store, {"id": "ind-behorig", "kommun": "0127", "name": "Behöriga åk 9",
                                          "goals": ["mal-trygg"], "green": 85, "yellow": 75, "value": 80,
                                          "value_year": 2024}, "anna")
    with pytest.raises(ValidationError, match="'analysis' måste fyllas i när indikatorn är röd"):
        malkedja.save_indicator(small_store, {"id": "ind-brott", "kommun": "0127", "name": "Anmälda brott",
                                              "direction": "lagre_battre", "green": 50, "yellow": 70, "value": 90},
                                "anna")
    malkedja.save_indicator(small_store, {"id": "ind-brott", "kommun": "0127", "name": "Anmälda brott",
                                          "direction": "lagre_battre", "green": 50, "yellow": 70, "value": 90,
                                          "analysis": "Ökning i två områden."}, "anna")
    malkedja.save_indicator(small_store, {"id": "ind-tom", "kommun": "0127", "name": "Utan värde", "green": 1,
                                          "yellow": 0}, "anna")
    registry.create(small_store, base(name="Kopplad", goals=["mal-trygg"], indicators=["ind-behorig"]), "anna")
    registry.create(small_store, base(name="Föräldralös"), "anna")
    rep = malkedja.malkedja_report(small_store, "0127")
    assert [x["namn"] for x in rep["insatser_utan_indikator"]] == ["Föräldralös"]
    assert {x["id"] for x in rep["indikatorer_utan_insats"]} == {"ind-brott", "ind-tom"}
    assert [g["id"] for g in rep["mal_utan_indikator"]] == ["mal-las"]
    status = {x["id"]: x["status"] for x in rep["indikatorer"]}
    assert status == {"ind-behorig": "Gul", "ind-brott": "Röd", "ind-tom": "Saknar värde"}
    assert rep["summary"]["status röd"] == 1
    with pytest.raises(ConflictError, match="används av"):
        malkedja.delete_goal(small_store, "ind-behorig", "anna")
    assert set(registry.audit_log(small_store)["object_type"]) >= {"mal", "indikator", "insats"}


def test_threshold_rules():
    assert malkedja.traffic_light({"direction": "hogre_battre", "green": 80, "yellow": 60, "value": 80}) == "gron"
    assert malkedja.traffic_light({"direction": "hogre_battre", "green": 80, "yellow": 60, "value": 59.9}) == "rod"
    assert malkedja.traffic_light({"direction": "lagre_battre", "green": 5, "yellow": 10, "value": 10}) == "gul"


def test_indicator_validation(small_store):
    with pytest.raises(ValidationError) as ei:
        malkedja.save_indicator(small_store, {"id": "X", "kommun": "0127", "name": "", "green": "hög",
                                              "yellow": 1, "goals": ["finns-ej"]}, "anna")
    msg = ei.value.message()
    assert "'name' måste fyllas i" in msg and "'green' måste vara ett tal" in msg and "'finns-ej' finns inte" in msg
    with pytest.raises(ValidationError, match="bättre sidan"):
        malkedja.save_indicator(small_store, {"id": "x", "kommun": "0127", "name": "n", "green": 1, "yellow": 2}, "a")


def _answers(kind):
    out = {}
    for c in selfassessment.item_set()["kategorier"]:
        for q in c["fragor"]:
            full = {"ja_nej": "ja", "skala_0_4": 4, "andel": 100}[q["typ"]]
            zero = {"ja_nej": "nej", "skala_0_4": 0, "andel": 0}[q["typ"]]
            out[q["id"]] = full if kind == "max" else zero
    return out


def test_selfassessment_scoring():
    assert selfassessment.score(_answers("max"))["total"] == 100
    r = selfassessment.score(_answers("zero"))
    assert r["total"] == 0 and all(c["score"] == 0 for c in r["categories"])
    assert "inte CAN:s officiella" in r["label"]
    half = _answers("max")
    half["samordnare_tid"] = 50  # one of four equal-weight items in resurser at 0.5 → 20·3.5/4 = 17.5
    r = selfassessment.score(half)
    res = {c["kod"]: c for c in r["categories"]}["resurser"]
    assert res["score"] == 17.5 and res["lost"] == [{"id": "samordnare_tid", "text": res["lost"][0]["text"],
                                                     "points_lost": 2.5}]
    partial = selfassessment.score({"samordnare": "ja"})
    assert "budget" in partial["categories"][0]["unanswered"] and partial["categories"][0]["score"] == 5


@pytest.mark.parametrize("answers,needle", [({"samordnare": "kanske"}, "ja eller nej"),
                                            ({"kompetens": 5}, "0–4"), ({"evidens": 120}, "0–100"),
                                            ({"okand": "ja"}, "finns inte")])
def test_selfassessment_bad_answers(answers, needle):
    with pytest.raises(ValidationError, match=needle):
        selfassessment.score(answers)


def test_selfassessment_stored_per_year_and_compared(small_store):
    selfassessment.save(small_store, "0127", 2023, _answers("zero"), "anna")
    selfassessment.save(small_store, "0127", 2024, _answers("max"), "anna")
    assert selfassessment.get(small_store, "0127", 2024)["answers"]["samordnare"] == "ja"
    cmp = selfassessment.compare(small_store, "0127").set_index("kategori")
    assert cmp.loc["Totalt", 2023] == 0 and cmp.loc["Totalt", 2024] == 100 and cmp.loc["Totalt", "förändring"] == 100
    assert (registry.audit_log(small_store)["object_type"] == "sjalvskattning").sum() == 2
