"""The insats model: every field validated, clear Swedish errors, nothing half-written."""

from __future__ import annotations

import pytest

from lagesbild.prevention import registry
from lagesbild.prevention.model import ValidationError, parse_insats
from lagesbild.prevention.vocab import VOCABULARIES, lookup, stages_for_ages


def test_valid_minimal_insats_normalises_labels(base):
    ins = parse_insats(base(arenas="Skola; Familj", levels=["Selektiv"], life_stages="Lågstadiet (F–3, 6–9 år)",
                            themes="Våld"))
    assert ins.arenas == ["skola", "familj"] and ins.levels == ["selektiv"]
    assert ins.life_stages == ["lagstadiet"] and ins.themes == ["vald"] and ins.status == "pagaende"


@pytest.mark.parametrize("field,value,needle", [
    ("name", "", "'Namn' måste fyllas i"),
    ("organisation", "  ", "'Ansvarig organisation' måste fyllas i"),
    ("kommun", "127", "kommunkod med fyra siffror"),
    ("arenas", "skolan", "'Arena' måste vara en eller flera av"),
    ("arenas", [], "'Arena' måste ha minst ett värde"),
    ("levels", "primär", "'Preventionsnivå'"),
    ("life_stages", "tonår", "'Livsfas'"),
    ("themes", "sport", "'Tema'"),
    ("factors", "familj.okand", "'Risk- och skyddsfaktorer'"),
    ("status", "klar", "'Status'"),
    ("partners", ["kyrkan: Sankt Mikael"], "okänd partnertyp"),
    ("age_min", -1, "'Ålder från' måste vara ett heltal 0–120"),
    ("age_max", "tio", "'Ålder till' måste vara ett heltal"),
    ("capacity", 2.5, "'Kapacitet per år' måste vara ett heltal"),
    ("target_group_size", -3, "'Målgruppens storlek'"),
    ("cost_sek", "gratis", "'Kostnad per år (kr)' måste vara ett belopp"),
    ("start", "15/8 2024", "'Startdatum' måste vara ett datum"),
    ("scope", "landet", "'Var den bedrivs'"),
    ("evidence", [{"tier": "guld", "source": "x"}], "nivån måste vara en av"),
    ("evidence", [{"tier": "lovande", "source": ""}], "måste ha en källa"),
    ("evidence", [{"tier": "lovande", "source": "x", "url": "ftp://x"}], "länken måste börja med http"),
    ("reach", [{"year": 1800, "participants": 3}], "'Räckvidd' post 1"),
    ("reach", [{"year": 2024, "participants": -1}], "'Räckvidd' post 1"),
    ("reach", [{"year": 2024, "participants": 1, "life_stage": "aldre"}], "'Räckvidd' post 1"),
    ("goals", ["Mål 1"], "'Mål' måste vara id:n"),
    ("indicators", ["x y"], "'Indikatorer' måste vara id:n"),
    ("notes", "ring 19121212-1212", "personnummer"),
    ("id", "Stora Bokstäver", "'ID' måste bestå av"),
    ("okänt_fält", 1, "okända fält: okänt_fält"),
])
def test_every_field_has_a_clear_swedish_error(base, field, value, needle):
    with pytest.raises(ValidationError) as ei:
        parse_insats(base(**{field: value}))
    assert needle in ei.value.message("sv")
    assert ei.value.message("en") != ei.value.message("sv")


def test_all_errors_are_reported_at_once(base):
    with pytest.raises(ValidationError) as ei:
        parse_insats(base(name="", arenas="x", age_min=10, age_max=5, end="2020", start="2021"))
    fields = {e["field"] for e in ei.value.errors}
    assert {"name", "arenas", "age_max", "end"} <= fields


def test_scope_and_areas_must_agree(base):
    with pytest.raises(ValidationError, match="minst ett område"):
        parse_insats(base(scope="områden"))
    with pytest.raises(ValidationError, match="ska vara tomt"):
        parse_insats(base(areas=["0127R001@RegSO2020"]))
    with pytest.raises(ValidationError, match="inte finns bland insatsens områden"):
        parse_insats(base(scope="omraden", areas=["0127R001@RegSO2020"],
                          reach=[{"year": 2024, "participants": 5, "area_code": "0127R002",
                                  "area_version": "RegSO2020"}]))


def test_duplicate_reach_record_is_refused(base):
    with pytest.raises(ValidationError, match="finns redan"):
        parse_insats(base(reach=[{"year": 2024, "participants": 5}, {"year": 2024, "participants": 6}]))


def test_stages_derived_from_age_band(base):
    ins = parse_insats(base(life_stages=None, age_min=3, age_max=12))
    assert ins.life_stages == ["forskola", "lagstadiet", "mellanstadiet"]
    assert stages_for_ages(65, None) == ["aldre"]


def test_unknown_participants_stay_none(base):
    ins = parse_insats(base(reach=[{"year": 2024, "participants": ""}]))
    assert ins.reach[0].participants is None


def test_vocabulary_labels_are_unique_so_round_trips_are_lossless():
    for name, table in VOCABULARIES.items():
        labels = [t.sv.lower() for t in table.values()]
        assert len(labels) == len(set(labels)), name
        for code, t in table.items():
            assert lookup(name, t.sv) == code


def test_invalid_insats_writes_nothing(small_store, base):
    with pytest.raises(ValidationError):
        registry.create(small_store, base(arenas="fel"), "anna")
    assert registry.list_insatser(small_store) == []
    assert registry.audit_log(small_store).empty


def test_reference_errors_name_area_and_kommun(small_store, base):
    with pytest.raises(ValidationError) as ei:
        registry.create(small_store, base(scope="omraden", areas=["0126R001@RegSO2020", "0127R009@RegSO2020"],
                                          goals=["mal-1"]), "anna")
    msg = ei.value.message()
    assert "0126R001@RegSO2020 ligger i kommun 0126" in msg
    assert "0127R009@RegSO2020 finns inte" in msg
    assert "'mal-1' finns inte" in msg
    assert registry.list_insatser(small_store) == []
