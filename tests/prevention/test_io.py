"""Import/export: lossless round trips through Excel, CSV and JSON; row-level Swedish errors."""

from __future__ import annotations

import pandas as pd
import pytest

from lagesbild.prevention import io, registry
from lagesbild.prevention.model import ValidationError, insats_to_dict


@pytest.fixture
def rich_items(small_store, base):
    registry.create(small_store, base(
        id="0127-rik", name="Rik insats; med semikolon i namnet", description="Rad ett\nRad två",
        unit="Socialförvaltningen", partners=["polis: Lokalpolisområde Botkyrka", "region_bvc"],
        arenas=["familj", "forskola"], levels=["universell", "selektiv"], life_stages=["spadbarn", "forskola"],
        age_min=0, age_max=5, themes=["foraldraskap", "sprak_lasning"],
        factors=["familj.anknytning", "narsamhalle.prosociala_mojligheter"],
        evidence=[{"tier": "lovande", "source": "Rapport A; del 2", "url": "https://example.org/a",
                   "date_assessed": "2024-05-01", "assessor": "FoU", "note": "ej randomiserad"},
                  {"tier": "negativa_fynd", "source": "SBU 2020"}],
        scope="omraden", areas=["0127R001@RegSO2020", "0127A0010@DeSO2018"], start="2021-08", end="2026",
        capacity=120, reach=[{"year": 2023, "participants": 95, "area_code": "0127R001", "area_version": "RegSO2020",
                              "life_stage": "spadbarn", "note": "från verksamhetsberättelse"},
                             {"year": 2024, "participants": None}],
        target_group_size=400, target_group_note="förstagångsföräldrar", cost_sek=1250000.5, cost_note="2024",
        status="pausad", library_ref="hembesoksprogrammet", sources=["Källa 1; med semikolon", "https://x.se"],
        notes="Anteckning"), "anna")
    registry.create(small_store, base(id="0127-enkel"), "anna")
    return registry.list_insatser(small_store)


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_lossless_round_trip(small_store, rich_items, tmp_path, fmt):
    path = tmp_path / f"insatser.{fmt}"
    io.export_insatser(rich_items, path)
    items, rows = io.read_insatser(path)
    assert [insats_to_dict(registry._validate(small_store, d)) for d in items] == \
        [insats_to_dict(i) for i in rich_items]
    res = io.import_insatser(small_store, path, "bertil")
    assert sorted(res["unchanged"]) == sorted(i.id for i in rich_items) and not res["updated"]


def test_excel_has_swedish_headings_and_word_lists(rich_items, tmp_path):
    path = tmp_path / "mall.xlsx"
    io.export_insatser(rich_items, path)
    sheets = pd.read_excel(path, sheet_name=None, dtype=str)
    assert {"Insatser", "Evidens", "Räckvidd", "Källor", "Instruktioner", "Ordlistor"} <= set(sheets)
    assert {"Namn", "Arena", "Preventionsnivå", "Livsfas", "Målgruppens storlek"} <= set(sheets["Insatser"].columns)
    assert "Förskola" in set(sheets["Ordlistor"]["Värde"])


def test_row_level_errors_and_nothing_written(small_store, tmp_path, base):
    path = tmp_path / "fel.xlsx"
    io.write_template(path)
    good = {"ID": "0127-ny", "Kommun": "0127", "Namn": "Ny", "Ansvarig organisation": "K", "Arena": "Skola",
            "Preventionsnivå": "Universell", "Livsfas": "Lågstadiet (F–3, 6–9 år)", "Tema": "Våld"}
    bad = {**good, "ID": "0127-fel", "Arena": "Idrott", "Ålder från": "tre"}
    cols = pd.read_excel(path, sheet_name="Insatser").columns
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        pd.DataFrame([good, bad], columns=cols).to_excel(xw, sheet_name="Insatser", index=False)
        pd.DataFrame([{"ID": "0127-saknas", "Nivå": "Lovande", "Källa": "x"}]).to_excel(
            xw, sheet_name="Evidens", index=False)
    with pytest.raises(ValidationError) as ei:
        io.import_insatser(small_store, path, "anna")
    assert "rad 2 på bladet Evidens" in ei.value.message()
    pd.DataFrame([good, bad], columns=cols).to_excel(path, sheet_name="Insatser", index=False)
    with pytest.raises(ValidationError) as ei:
        io.import_insatser(small_store, path, "anna")
    msg = ei.value.message()
    assert "rad 3: fältet 'Arena'" in msg and "rad 3: fältet 'Ålder från'" in msg and "rad 2" not in msg
    assert registry.list_insatser(small_store) == []


def test_unknown_columns_are_refused(tmp_path, small_store):
    path = tmp_path / "x.csv"
    pd.DataFrame([{"Namn": "x", "Kommun": "0127", "Färg": "blå"}]).to_csv(path, index=False)
    with pytest.raises(Exception, match="okända kolumner"):
        io.import_insatser(small_store, path, "anna")
