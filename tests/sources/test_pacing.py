"""The sliding-window pacing never spins when float rounding puts 'now' a hair before the window end."""

from __future__ import annotations

import threading

from lagesbild.sources.http import HttpClient


class _Clock:
    def __init__(self, t: float) -> None:
        self.t = t
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.t

    def sleep(self, s: float) -> None:
        self.slept.append(s)
        self.t += s


def test_rounding_at_the_window_end_does_not_spin():
    # found by search: after sleeping (t0 + w - tp) from tp, now - t0 < w although t0 + w - now == 0
    t0, w, tp = 2.54458609934608, 0.3, 2.5473475809123953
    clk = _Clock(t0)
    h = HttpClient("http://127.0.0.1:9", calls_per_window=1, window_s=w, sleep=clk.sleep, clock=clk.clock)
    h._pace()  # the first call at t0
    clk.t = tp
    done = threading.Event()

    def pace():
        h._pace()
        done.set()

    th = threading.Thread(target=pace, daemon=True)
    th.start()
    assert done.wait(5.0), "pacing spun without end"
    assert sum(clk.slept) > 0 and clk.t - t0 >= w - 1e-12
