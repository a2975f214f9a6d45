"""ANDT follow-up: the policy register's overdue flag, validation, tillsyn counts with the ±20 % flag."""

from __future__ import annotations

import datetime as dt

import pytest

from lagesbild.enkat import andt
from lagesbild.errors import InputError, PersonalDataError


def test_overdue_flag(empty_store):
    today = dt.date(2026, 6, 1)
    andt.save_policy(empty_store, {"kommun": "0136", "dokument": "ANDT-policy 2021–2025", "agare": "Kommunstyrelsen",
                                   "antagen": "2021-03-15", "nasta_revision": "2025-12-31"})
    andt.save_policy(empty_store, {"kommun": "0136", "dokument": "Handlingsplan ANDT", "agare": "Socialnämnden",
                                   "antagen": "2024-01-10", "nasta_revision": "2026-06-01"})
    andt.save_policy(empty_store, {"kommun": "0136", "dokument": "Tobaksplan", "agare": "Miljönämnden"})
    rows = {r["dokument"]: r for r in andt.list_policies(empty_store, "0136", today=today)}
    assert rows["ANDT-policy 2021–2025"]["forsenad"] is True
    assert rows["Handlingsplan ANDT"]["forsenad"] is False  # due today, not yet passed
    assert rows["Tobaksplan"]["saknar_revision"] is True and rows["Tobaksplan"]["forsenad"] is False
    assert andt.list_policies(empty_store, "0127", today=today) == []


def test_policy_validation(empty_store):
    with pytest.raises(InputError) as exc:
        andt.save_policy(empty_store, {"kommun": "0136", "dokument": "X", "agare": "KS", "antagen": "15/3 2021"})
    assert "antagen" in exc.value.message("sv")
    with pytest.raises(InputError):
        andt.save_policy(empty_store, {"kommun": "0136", "dokument": "X", "agare": "KS", "antagen": "2024-01-01",
                                       "nasta_revision": "2023-01-01"})
    with pytest.raises(PersonalDataError):
        andt.save_policy(empty_store, {"kommun": "0136", "dokument": "X", "agare": "Kontakt 19121212-1212"})


def test_update_and_delete(empty_store):
    p = andt.save_policy(empty_store, {"kommun": "0136", "dokument": "A", "agare": "KS"})
    andt.save_policy(empty_store, {"kommun": "0136", "dokument": "B", "agare": "KS"}, p["id"])
    assert [r["dokument"] for r in andt.list_policies(empty_store, "0136")] == ["B"]
    andt.delete_policy(empty_store, p["id"])
    assert andt.list_policies(empty_store, "0136") == []


def test_tillsyn_change_flag(empty_store):
    andt.save_tillsyn(empty_store, "0136", 2023, {"alkohol": 100, "tobak": 40})
    andt.save_tillsyn(empty_store, "0136", 2024, {"alkohol": 115, "tobak": 60})
    rows = {(r["typ"], r["ar"]): r for r in andt.tillsyn_table(empty_store, "0136")}
    assert rows[("alkohol", 2024)]["forandring"] == pytest.approx(0.15) and not rows[("alkohol", 2024)]["flagga"]
    assert rows[("tobak", 2024)]["forandring"] == pytest.approx(0.5) and rows[("tobak", 2024)]["flagga"]
    assert rows[("tobak", 2023)]["forandring"] is None
    with pytest.raises(InputError):
        andt.save_tillsyn(empty_store, "0136", 2024, {"okand": 1})
    with pytest.raises(InputError):
        andt.save_tillsyn(empty_store, "0136", 2024, {"tobak": -1})
