"""The rate limit of report builds by visitors who are not logged in: one per address and interval.

The queue that bounds the builds themselves is tested in test_report_jobs.py."""

from __future__ import annotations

import pytest

from lagesbild.app.report_gate import ReportGate
from lagesbild.errors import PermissionDeniedError
from lagesbild.i18n import t


def test_one_build_per_address_and_interval():
    gate = ReportGate(anon_interval_s=120)
    gate.admit_anonymous("10.0.0.1")
    with pytest.raises(PermissionDeniedError) as exc:
        gate.admit_anonymous("10.0.0.1")
    assert exc.value.message("sv") == t("app.report_rate_limited", "sv", seconds=120)
    assert "Logga in" in exc.value.message("sv")
    gate.admit_anonymous("10.0.0.2")  # another address


def test_the_interval_passes():
    gate = ReportGate(anon_interval_s=0.05)
    gate.admit_anonymous("10.0.0.1")
    import time

    time.sleep(0.06)
    gate.admit_anonymous("10.0.0.1")
