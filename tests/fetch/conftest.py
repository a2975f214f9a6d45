"""The sources tests' replay server (real recorded responses), with SCB's WFS route added."""

from __future__ import annotations

import pytest

from tests.sources import wfs_replay
from tests.sources.conftest import FakeClock, replay_server  # noqa: F401  (fixtures)


@pytest.fixture
def replay(replay_server):  # noqa: F811
    replay_server.reset()
    wfs_replay.install(replay_server)
    replay_server.extra_wfs.clear()
    yield replay_server
    replay_server.reset()
    replay_server.extra_wfs.clear()


@pytest.fixture
def fake_clock():
    return FakeClock()
