"""A real `lagesbild serve` process on a copy of the bundled store, and the sources' replay server."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx")

_spec = importlib.util.spec_from_file_location(
    "_lagesbild_replay", Path(__file__).resolve().parents[1] / "sources" / "conftest.py")
_replay_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_replay_mod)
replay_server = _replay_mod.replay_server
replay = _replay_mod.replay

BIN = Path(sys.executable).parent / "lagesbild"
PW = "ett-långt-lösenord-för-test"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """A `lagesbild serve` process: ``url``, ``env`` for CLI runs, ``cli(*args)``."""

    def __init__(self, store: Path, env: dict[str, str]) -> None:
        self.store = store
        self.env = env
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(store.parent / "serve.log", "w+")
        self.proc = subprocess.Popen([str(BIN), "--store", str(store), "serve", "--port", str(self.port)],
                                     env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(self.url + "/api/v1/kommuner?q=1480", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"serve did not start: {self.server_log()}")
            time.sleep(0.3)

    def server_log(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def cli(self, *args: str, input: str | None = None, extra_env: dict | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run([str(BIN), "--store", str(self.store), *args], env={**self.env, **(extra_env or {})},
                              capture_output=True, text=True, input=input, timeout=timeout)

    def cli_async(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen([str(BIN), "--store", str(self.store), *args], env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:  # pragma: no cover
            self.proc.kill()
        self.log.close()


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAGESBILD_")}
    env.update({k: v for k, v in extra.items() if v})
    return env


@pytest.fixture
def served_factory(bundled_store_path, tmp_path):
    made: list[Served] = []

    def make(database_url: str = "", **extra: str) -> Served:
        store = tmp_path / f"s{len(made)}" / "lagesbild.duckdb"
        store.parent.mkdir()
        shutil.copy(bundled_store_path, store)
        # the page warm-up (a minute of processor time) would compete with the tests on CI
        env = clean_env(LAGESBILD_DATABASE_URL=database_url, LAGESBILD_CACHE=str(tmp_path / "cache"),
                        LAGESBILD_APP_WARMUP_PAGES="0", **extra)
        s = Served(store, env)
        made.append(s)
        return s

    yield make
    for s in made:
        s.stop()


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]*)"', html).group(1)


def login(client, user: str, password: str = PW) -> None:
    page = client.get("/insatser/logga-in")
    assert page.status_code == 200, page.text
    r = client.post("/insatser/logga-in", data={"username": user, "password": password, "csrf": csrf_of(page.text)})
    assert r.status_code == 303, r.text


def wait_for(check, timeout: float = 5.0, what: str = "") -> float:
    """Poll ``check()`` until true; returns the seconds it took (fails after ``timeout``)."""
    t0 = time.monotonic()
    while True:
        if check():
            return time.monotonic() - t0
        if time.monotonic() - t0 > timeout:
            raise AssertionError(f"not visible within {timeout} s: {what}")
        time.sleep(0.1)
