"""The HTTP client through real sockets: faults, retries, pacing, cache, offline, record."""

from __future__ import annotations

import json

import pytest

from lagesbild.errors import DataSourceError, RateLimitError, TooManyCellsError
from lagesbild.sources.cache import Request, ResponseCache
from lagesbild.sources.http import HttpError, Recorder
from lagesbild.sources.jsonstat import check_jsonstat2

CONFIG = "config"


def test_plain_get_is_cached_with_provenance(make_http, replay, tmp_path):
    http = make_http()
    r = http.get_json(CONFIG)
    assert r.data["maxDataCells"] == 150000 and not r.from_cache
    assert len(r.sha256) == 64 and r.retrieved_at.endswith("+00:00")
    again = http.get_json(CONFIG)
    assert again.from_cache and again.sha256 == r.sha256
    assert len(replay.requests("/config")) == 1  # the second came from disk
    cache = ResponseCache(tmp_path / "cache")
    hit = cache.get(Request.make("GET", http.url(CONFIG)))
    assert hit is not None and hit.request["url"].endswith("/scb/v2/config")


@pytest.mark.parametrize("kind", ["429", "503", "drop", "truncate", "ctype", "html", "html502", "403rate"])
def test_each_fault_is_retried_then_succeeds(make_http, replay, kind):
    http = make_http()
    replay.fault("/config", kind)
    r = http.get_json(CONFIG)
    assert r.data["apiVersion"] == "2.2.0"
    assert len(replay.requests("/config")) == 2


def test_retry_after_is_honoured_with_backoff(make_http, replay, fake_clock):
    http = make_http(backoff_s=0.01)
    replay.fault("/config", "429", "429")
    http.get_json(CONFIG)
    assert len(fake_clock.slept) == 2 and all(s >= 1.0 for s in fake_clock.slept)


def test_backoff_grows_exponentially_with_jitter(make_http, replay, fake_clock):
    http = make_http(backoff_s=1.0, max_backoff_s=100.0, retries=4)
    replay.fault("/config", "503", "503", "503", "503")
    http.get_json(CONFIG)
    s = fake_clock.slept
    assert len(s) == 4
    for i, v in enumerate(s):  # within [step/2, step] for step = 1, 2, 4, 8
        assert 2 ** i / 2 <= v <= 2 ** i


@pytest.mark.parametrize("kind,needle", [
    ("429", "429"), ("503", "503"), ("drop", "anslutningen bröts"), ("truncate", "ogiltig JSON"),
    ("ctype", "text/plain"), ("html", "502 Bad Gateway"),
])
def test_persistent_fault_is_reported_in_one_line(make_http, replay, kind, needle):
    http = make_http(retries=2)
    replay.fault("/config", kind, kind, kind)
    with pytest.raises(DataSourceError) as ei:
        http.get_json(CONFIG)
    msg = ei.value.message("sv")
    assert needle in msg and "\n" not in msg and "efter 3 försök" in msg and "/scb/v2/config" in msg
    if kind == "429":
        assert isinstance(ei.value, RateLimitError)


def test_slow_response_times_out_and_is_retried(make_http, replay):
    replay.slow_s = 0.6
    http = make_http(timeout=0.2, retries=1)
    replay.fault("/config", "slow")
    assert http.get_json(CONFIG).data["maxDataCells"] == 150000
    replay.fault("/config", "slow", "slow")
    http2 = make_http(timeout=0.2, retries=1, cache=None)
    with pytest.raises(DataSourceError, match="timeout"):
        http2.get_json(CONFIG)


def test_403_without_retry_after_means_too_many_cells(make_http, replay):
    http = make_http()
    replay.fault("/config", "403")
    with pytest.raises(TooManyCellsError):
        http.get_json(CONFIG)
    assert len(replay.requests("/config")) == 1  # not retried


def test_404_is_not_retried_and_names_the_url(make_http, replay):
    http = make_http()
    with pytest.raises(HttpError) as ei:
        http.get_json("tables/TAB0000/metadata")
    assert ei.value.status == 404 and "TAB0000" in ei.value.message("en")
    assert len(replay.requests("TAB0000")) == 1


def test_validator_rejects_damaged_json_stat(make_http, replay):
    """A JSON-stat2 answer whose value count is wrong is retried like a truncated body."""
    http = make_http(retries=0)
    replay.extra["/scb/v2/broken"] = (200, {"class": "dataset", "id": ["a"], "size": [3], "value": [1, 2],
                                            "dimension": {}})
    with pytest.raises(DataSourceError, match="2 values, expected 3"):
        http.get_json("broken", validate=check_jsonstat2)


def test_pacing_keeps_calls_per_window(make_http, replay, fake_clock):
    http = make_http(calls_per_window=3, window_s=1.0, cache=None)
    for _ in range(7):
        http.get_json(CONFIG)
    # 7 calls at 3 per second: two waits, each up to the end of a window
    assert len(fake_clock.slept) == 2 and abs(sum(fake_clock.slept) - 2.0) < 1e-9


def test_offline_uses_only_the_cache(make_http, replay):
    online = make_http()
    online.get_json(CONFIG)
    offline = make_http(offline=True, max_age_s=0)
    assert offline.get_json(CONFIG).from_cache
    with pytest.raises(DataSourceError, match="--offline"):
        offline.get_json("tables/TAB6586")
    assert len(replay.requests("TAB6586")) == 0


def test_refresh_with_max_age_zero_asks_again(make_http, replay):
    make_http().get_json(CONFIG)
    make_http(max_age_s=0).get_json(CONFIG)
    assert len(replay.requests("/config")) == 2


def test_damaged_cache_entry_is_a_miss(make_http, replay, tmp_path):
    http = make_http()
    http.get_json(CONFIG)
    for body in (tmp_path / "cache" / "bodies").rglob("*.bin"):
        body.write_bytes(b"{ damaged")
    assert not make_http().get_json(CONFIG).from_cache


def test_record_writes_a_replay_manifest(make_http, replay, tmp_path):
    rec = Recorder(tmp_path / "rec")
    http = make_http(recorder=rec, cache=None)
    http.get_json(CONFIG, {"lang": "sv"})
    http.get_json(CONFIG, {"lang": "sv"})  # the same request is recorded once
    manifest = json.loads((tmp_path / "rec" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest) == 1 and manifest[0]["path"] == "/config" and manifest[0]["params"] == {"lang": "sv"}
    body = (tmp_path / "rec" / manifest[0]["file"]).read_bytes()
    assert json.loads(body)["maxCallsPerTimeWindow"] == 3
