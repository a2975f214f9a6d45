"""Fixtures of the lägesbild tests: the Göteborg profile computed once per module."""

import pytest


@pytest.fixture(scope="session")
def gbg_profile(bundled_store):
    from lagesbild.services.lagesbild import kommun_profile

    return kommun_profile(bundled_store, "1480", 2023)
