"""Without network a fetch fails after one short connection check, in one Swedish line."""

from __future__ import annotations

import socket
import time

import pytest

from lagesbild.errors import DataSourceError
from lagesbild.sources.reachability import check_reachable


def _closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens here any more: connections are refused
    return port


def test_unreachable_local_port_fails_fast_naming_the_setting():
    url = f"http://127.0.0.1:{_closed_port()}/api/v2"
    t0 = time.monotonic()
    with pytest.raises(DataSourceError) as exc:
        check_reachable({"scb_api": url}, timeout_s=5.0)
    assert time.monotonic() - t0 < 5.0
    msg = exc.value.message("sv")
    assert "\n" not in msg and msg.startswith("Ingen anslutning till 127.0.0.1:")
    assert "LAGESBILD_SCB_API" in msg and url in msg and "lagret är oförändrat" in msg


def test_silent_host_times_out_within_the_deadline():
    """A listening socket that never accepts (backlog full) stands in for a dropped route."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(0)
    port = srv.getsockname()[1]
    fillers = []
    try:
        for _ in range(8):  # fill the accept queue so further connects hang
            c = socket.socket()
            c.setblocking(False)
            c.connect_ex(("127.0.0.1", port))
            fillers.append(c)
        t0 = time.monotonic()
        with pytest.raises(DataSourceError, match="LAGESBILD_KOLADA_API"):
            check_reachable({"kolada_api": f"http://127.0.0.1:{port}/v3"}, timeout_s=0.5)
        assert time.monotonic() - t0 < 2.0
    finally:
        for c in fillers:
            c.close()
        srv.close()


def test_reachable_hosts_pass(replay):
    check_reachable({"scb_api": f"{replay.base}/scb/v2", "kolada_api": f"{replay.base}/kolada/v3"})
