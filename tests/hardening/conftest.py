"""Fixtures for the hardening tests: a small store with kommun 0127 (for insatser)."""

from __future__ import annotations

import pandas as pd
import pytest


@pytest.fixture
def kommun_store(empty_store):
    """An in-memory store with Stockholms län and Botkyrka (0127)."""
    empty_store.write(areas=pd.DataFrame([
        {"code": "01", "version": "lan2025", "level": "lan", "name": "Stockholms län", "parent_code": "riket",
         "parent_version": "riket", "kommun": None, "lan": "01"},
        {"code": "0127", "version": "kommun2025", "level": "kommun", "name": "Botkyrka", "parent_code": "01",
         "parent_version": "lan2025", "kommun": "0127", "lan": "01"}]), label="test")
    return empty_store


@pytest.fixture
def insats():
    """A factory for a minimal valid insats dict, with overrides."""
    return _insats


def _insats(**kw) -> dict:
    d = {"kommun": "0127", "name": "Testinsats", "organisation": "Botkyrka kommun", "arenas": ["skola"],
         "levels": ["universell"], "life_stages": ["lagstadiet"], "themes": ["vald"]}
    d.update(kw)
    return d
