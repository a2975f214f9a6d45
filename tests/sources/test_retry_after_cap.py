"""Retry-After is capped (setting http_max_retry_after): a longer wait stops at once with the wait shown."""

from __future__ import annotations

import pytest

from lagesbild.errors import RateLimitError

CONFIG = "config"


def test_retry_after_above_the_cap_stops_with_the_wait_named(make_http, replay, fake_clock):
    http = make_http(max_retry_after=0.5)
    replay.fault("/config", "429")
    with pytest.raises(RateLimitError) as exc:
        http.get_json(CONFIG)
    msg = exc.value.message("sv")
    assert "vänta 1 sekunder" in msg and "0.5 sekunder" in msg and "http_max_retry_after" in msg
    assert "\n" not in msg and fake_clock.slept == []  # no sleeping at all
    assert len(replay.requests("/config")) == 1


def test_retry_after_within_the_cap_is_honoured_and_shown(make_http, replay, fake_clock):
    events = []
    http = make_http(max_retry_after=5, on_call=lambda e, u: events.append(e))
    replay.fault("/config", "429")
    assert http.get_json(CONFIG).data
    assert fake_clock.slept and fake_clock.slept[0] >= 1.0
    assert any(e.startswith("wait:") and int(e[5:]) >= 1 for e in events)


def test_cli_shows_the_wait(capsys):
    from lagesbild.cli.sources import _announce_wait

    _announce_wait("retry", "http://x")
    _announce_wait("wait:7", "http://x")
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "vänta 7 s (Retry-After)" in err
