"""Fixtures for the youth-survey tests: the catalogue, a synthetic wave as a Wave."""

from __future__ import annotations

import pytest

from lagesbild.enkat import synthetic
from lagesbild.enkat.catalogue import builtin_catalogue


@pytest.fixture(scope="session")
def catalogue():
    return builtin_catalogue()


@pytest.fixture(scope="session")
def syn_wave(catalogue):
    syn = synthetic.generate(catalogue, "0127", 2024, seed=7, schools=8, enrolled=150, weights=False)
    return syn, syn.to_wave()
