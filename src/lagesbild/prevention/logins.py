"""Server-side session records and login throttling, in the operational store.

* **Sessions**: every login writes a row to ``prev_sessions`` (the SHA-256 of the random
  session id, the user, when it was issued and when it expires). A session cookie is accepted
  only while its row exists and has not expired, so logging out, changing the password and
  deactivating the account end the session at once — a copied cookie stops working.
* **Throttling**: every failed login writes a row to ``prev_login_failures`` for the account
  and for the client address. When either has ``login_max_failures`` failures (setting; default
  :data:`MAX_FAILURES`) within ``login_window_s`` seconds (default :data:`WINDOW_S`), further
  attempts are refused without checking the password until the oldest failure leaves the window
  (by default the 11th wrong password within a minute is throttled). A successful login clears
  the account's failures.
"""

from __future__ import annotations

import hashlib
import threading
import weakref
from datetime import timedelta

import sqlalchemy as sa

from lagesbild.errors import PermissionDeniedError
from lagesbild.i18n import pair
from lagesbild.prevention.tables import now, ops_of
from lagesbild.store.operational import METADATA

__all__ = ["SESSIONS", "FAILURES", "MAX_FAILURES", "WINDOW_S", "LoginThrottledError", "limits", "start_session",
           "session_alive", "end_session", "end_user_sessions", "check_throttle", "record_failure",
           "clear_failures"]

MAX_FAILURES = 10
WINDOW_S = 60

SESSIONS = sa.Table(
    "prev_sessions", METADATA,
    sa.Column("sid_hash", sa.String(64), primary_key=True),
    sa.Column("username", sa.String(40), nullable=False, index=True),
    sa.Column("issued_at", sa.DateTime, nullable=False),
    sa.Column("expires_at", sa.DateTime, nullable=False),
)

FAILURES = sa.Table(
    "prev_login_failures", METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(10), nullable=False),
    sa.Column("key", sa.String(200), nullable=False),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Index("ix_prev_login_failures_key", "kind", "key", "at"),
)

_READY: weakref.WeakSet = weakref.WeakSet()
_LOCK = threading.Lock()


class LoginThrottledError(PermissionDeniedError):
    """Too many failed logins for an account or from an address; ``retry_after`` seconds to wait."""

    def __init__(self, sv: str, en: str, retry_after: int) -> None:
        super().__init__(sv, en)
        self.retry_after = retry_after


def _ops(store):
    ops = ops_of(store)
    if ops not in _READY:
        with _LOCK:
            if ops not in _READY:
                with ops.begin() as conn:
                    SESSIONS.create(conn, checkfirst=True)
                    FAILURES.create(conn, checkfirst=True)
                _READY.add(ops)
    return ops


def _h(sid: str) -> str:
    return hashlib.sha256(sid.encode("utf-8")).hexdigest()


def start_session(store, sid: str, username: str, max_age: int) -> None:
    t = now()
    with _ops(store).begin() as conn:
        conn.execute(SESSIONS.delete().where(SESSIONS.c.expires_at < t))
        conn.execute(SESSIONS.insert().values(sid_hash=_h(sid), username=username, issued_at=t,
                                              expires_at=t + timedelta(seconds=max_age)))


def session_alive(store, sid: str, username: str) -> bool:
    with _ops(store).connect() as conn:
        row = conn.execute(sa.select(SESSIONS.c.username, SESSIONS.c.expires_at)
                           .where(SESSIONS.c.sid_hash == _h(sid))).first()
    return row is not None and row.username == username and row.expires_at > now()


def end_session(store, sid: str | None) -> None:
    if not sid:
        return
    with _ops(store).begin() as conn:
        conn.execute(SESSIONS.delete().where(SESSIONS.c.sid_hash == _h(sid)))


def end_user_sessions(store, username: str) -> int:
    """End every session of ``username`` (password change, deactivation); returns how many."""
    with _ops(store).begin() as conn:
        return conn.execute(SESSIONS.delete().where(SESSIONS.c.username == username)).rowcount or 0


def _keys(username: str, address: str | None) -> list[tuple[str, str]]:
    keys = [("user", (username or "")[:200])]
    if address:
        keys.append(("addr", address[:200]))
    return keys


def limits(store) -> tuple[int, int]:
    """``(failures, window in seconds)`` from the settings the store was opened with (the defaults
    :data:`MAX_FAILURES` and :data:`WINDOW_S` for a store without them)."""
    s = getattr(store, "settings", None)
    return (int(getattr(s, "login_max_failures", MAX_FAILURES)), int(getattr(s, "login_window_s", WINDOW_S)))


def check_throttle(store, username: str, address: str | None) -> None:
    """Raise :class:`LoginThrottledError` when the account or the address is throttled."""
    max_failures, window_s = limits(store)
    t = now()
    since = t - timedelta(seconds=window_s)
    with _ops(store).connect() as conn:
        for kind, key in _keys(username, address):
            n, oldest = conn.execute(
                sa.select(sa.func.count(), sa.func.min(FAILURES.c.at))
                .where(FAILURES.c.kind == kind, FAILURES.c.key == key, FAILURES.c.at > since)).one()
            if n >= max_failures:
                wait = max(1, int(window_s - (t - oldest).total_seconds()) + 1)
                what = "account" if kind == "user" else "address"
                raise LoginThrottledError(*pair(f"security.throttled_{what}", n=n, window=window_s, s=wait),
                                          retry_after=wait)


def record_failure(store, username: str, address: str | None) -> None:
    t = now()
    keep = max(3600, limits(store)[1])  # failures older than the window (and an hour) are not needed
    with _ops(store).begin() as conn:
        conn.execute(FAILURES.delete().where(FAILURES.c.at < t - timedelta(seconds=keep)))
        conn.execute(FAILURES.insert(), [{"kind": k, "key": v, "at": t} for k, v in _keys(username, address)])


def clear_failures(store, username: str) -> None:
    with _ops(store).begin() as conn:
        conn.execute(FAILURES.delete().where(FAILURES.c.kind == "user", FAILURES.c.key == username))
