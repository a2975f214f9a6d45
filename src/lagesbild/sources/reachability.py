"""One short connection check before a fetch, so that no network fails in seconds, not minutes.

The HTTP client retries a dropped connection with backoff (right for a busy server, wrong for
a laptop without network). :func:`check_reachable` opens one TCP connection to each distinct
host of the planned sources, with one shared deadline (default 5 s in all), and raises
:class:`~lagesbild.errors.DataSourceError` with one Swedish line naming the host and the
setting that holds its URL (``LAGESBILD_SCB_API`` …).
"""

from __future__ import annotations

import socket
import time
import urllib.parse

from lagesbild.errors import DataSourceError
from lagesbild.i18n import pair

__all__ = ["check_reachable", "host_port"]


def host_port(url: str) -> tuple[str, int]:
    """Host and port of ``url`` (443 for https, 80 for http unless given).

    Examples
    --------
    >>> host_port("https://statistikdatabasen.scb.se/api/v2"), host_port("http://127.0.0.1:9/x")
    (('statistikdatabasen.scb.se', 443), ('127.0.0.1', 9))
    """
    u = urllib.parse.urlsplit(url)
    return u.hostname or "", u.port or (443 if u.scheme == "https" else 80)


def check_reachable(urls: dict[str, str], *, timeout_s: float = 5.0) -> None:
    """Open one TCP connection to each host in ``urls`` (setting name → URL) within ``timeout_s``.

    Raises
    ------
    DataSourceError
        At the first host that cannot be reached, naming the host and its setting.
    """
    deadline = time.monotonic() + timeout_s
    seen: set[tuple[str, int]] = set()
    for setting, url in urls.items():
        hp = host_port(url)
        if hp in seen:
            continue
        seen.add(hp)
        left = max(0.1, deadline - time.monotonic())
        try:
            with socket.create_connection(hp, timeout=left):
                pass
        except OSError as exc:
            reason = "ingen kontakt inom tidsgränsen" if isinstance(exc, TimeoutError) else (
                exc.strerror or type(exc).__name__)
            raise DataSourceError(*pair("fetch.no_network", host=f"{hp[0]}:{hp[1]}", reason=reason,
                                        env=f"LAGESBILD_{setting.upper()}", url=url)) from None
