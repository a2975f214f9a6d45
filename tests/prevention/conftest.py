"""Fixtures for the insats registry tests: a small writable store with Botkyrka-like areas."""

from __future__ import annotations

import pandas as pd
import pytest


@pytest.fixture
def small_store(empty_store):
    """An in-memory store with kommun 0127, three RegSO 2020 areas (one DeSO) and områdestyper."""
    st = empty_store
    areas = pd.DataFrame([
        {"code": "01", "version": "lan2025", "level": "lan", "name": "Stockholms län", "parent_code": "riket",
         "parent_version": "riket", "kommun": None, "lan": "01"},
        {"code": "0127", "version": "kommun2025", "level": "kommun", "name": "Botkyrka", "parent_code": "01",
         "parent_version": "lan2025", "kommun": "0127", "lan": "01"},
        {"code": "0126", "version": "kommun2025", "level": "kommun", "name": "Huddinge", "parent_code": "01",
         "parent_version": "lan2025", "kommun": "0126", "lan": "01"},
        *[{"code": c, "version": "RegSO2020", "level": "regso", "name": n, "parent_code": "0127",
           "parent_version": "kommun2025", "kommun": "0127", "lan": "01"}
          for c, n in (("0127R001", "Alfa"), ("0127R002", "Beta"), ("0127R003", "Gamma"))],
        {"code": "0126R001", "version": "RegSO2020", "level": "regso", "name": "Annan", "parent_code": "0126",
         "parent_version": "kommun2025", "kommun": "0126", "lan": "01"},
        {"code": "0127A0010", "version": "DeSO2018", "level": "deso", "name": "0127A0010", "parent_code": "0127R001",
         "parent_version": "RegSO2020", "kommun": "0127", "lan": "01"},
    ])
    st.write(areas=areas, label="test")
    variables = pd.DataFrame([{"id": "omradestyp", "label_sv": "Områdestyp", "label_en": "Area type", "unit": "typ",
                               "kind": "category"},
                              {"id": "folkmangd", "label_sv": "Folkmängd", "label_en": "Population", "unit": "personer",
                               "kind": "count"}])
    sources = pd.DataFrame([{"id": "test", "name": "Testdata"}])
    obs = pd.DataFrame([
        {"area_code": c, "area_version": "RegSO2020", "year": 2023, "variable": v, "value": x, "source_id": "test",
         "status": None}
        for c, t, p in (("0127R001", 1, 5000), ("0127R002", 2, 3000), ("0127R003", 5, 4000))
        for v, x in (("omradestyp", t), ("folkmangd", p))])
    st.write(variables=variables, sources=sources, observations=obs, label="test")
    return st


@pytest.fixture
def base():
    """A factory for a minimal valid insats dict, with overrides."""
    return _base


def _base(**kw) -> dict:
    d = {"kommun": "0127", "name": "Testinsats", "organisation": "Botkyrka kommun", "arenas": ["skola"],
         "levels": ["universell"], "life_stages": ["lagstadiet"], "themes": ["vald"]}
    d.update(kw)
    return d
