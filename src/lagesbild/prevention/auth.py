"""Local accounts, roles, sessions and CSRF tokens for the insats pages (no web framework here).

- Passwords are hashed with Argon2id (argon2-cffi); only the hash is stored.
- Roles: ``lasare`` (read), ``redaktor`` (create and edit insatser), ``admin`` (also accounts
  and the audit log). :func:`require_role` raises :class:`PermissionDeniedError`.
- Sessions are signed, timestamped tokens (itsdangerous) that expire after ``max_age``
  seconds; the account is re-read on every request, so a deactivated account loses access.
- CSRF tokens are signed with a separate salt and bound to the session id; a token from
  another session, a forged or an expired one is refused.
- The signing secret is the ``secret_key`` setting, or a file created with mode 0600 on first
  use (:mod:`lagesbild.prevention.signing`) — never the store, so a copy of the store cannot
  forge a session.
- Sessions are also recorded server-side (:mod:`lagesbild.prevention.logins`): logout, a
  password change and deactivation end them at once.
- Failed logins are throttled per account and per address; passwords follow the policy in
  :mod:`lagesbild.prevention.passwords`; an unknown user name costs the same Argon2 work as a
  wrong password.
- Accounts live in the operational store (``prev_users``), beside the insatser.
"""

from __future__ import annotations

import os
import re
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from lagesbild.errors import ConflictError, InputError, NotFoundError, PermissionDeniedError
from lagesbild.prevention import logins, registry
from lagesbild.prevention.passwords import check_password
from lagesbild.prevention.tables import META, USERS, now, ops_of

__all__ = ["ROLES", "ROLE_LABELS", "User", "create_user", "set_password", "reset_password", "set_active", "get_user",
           "list_users", "authenticate", "require_role", "Sessions", "secret_for", "SESSION_MAX_AGE",
           "LoginThrottledError"]

LoginThrottledError = logins.LoginThrottledError

ROLES = {"lasare": 1, "redaktor": 2, "admin": 3}
ROLE_LABELS = {"lasare": "Läsare", "redaktor": "Redaktör", "admin": "Admin"}
SESSION_MAX_AGE = 8 * 3600
_USER = re.compile(r"^[a-z0-9._-]{2,40}$")
_DUMMY_HASH: list[str] = []


#: At most this many Argon2 verifications run at once in a process (half the cores), so that a
#: burst of logins leaves processor time for the pages and static files the server also serves.
_ARGON2_SLOTS = threading.BoundedSemaphore(max(1, (os.cpu_count() or 2) // 2))


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


@dataclass(frozen=True)
class User:
    username: str
    role: str
    active: bool = True

    def can(self, role: str) -> bool:
        return self.active and ROLES[self.role] >= ROLES[role]


def _check(username: str, password: str | None, role: str | None) -> None:
    if not _USER.match(username or ""):
        raise InputError(f"Användarnamnet måste vara 2–40 tecken a–z, 0–9, punkt, _ eller -. Fick {username!r}.",
                         f"The username must be 2–40 characters a–z, 0–9, ., _ or -. Got {username!r}.")
    if password is not None:
        check_password(password, username)
    if role is not None and role not in ROLES:
        raise InputError(f"Rollen måste vara en av {', '.join(ROLES)}. Fick {role!r}.",
                         f"The role must be one of {', '.join(ROLES)}. Got {role!r}.")


def get_user(store, username: str) -> User | None:
    with ops_of(store).connect() as conn:
        r = conn.execute(sa.select(USERS.c.username, USERS.c.role, USERS.c.active)
                         .where(USERS.c.username == username)).first()
    return None if r is None else User(r.username, r.role, bool(r.active))


def list_users(store) -> list[User]:
    with ops_of(store).connect() as conn:
        rows = conn.execute(sa.select(USERS.c.username, USERS.c.role, USERS.c.active)
                            .order_by(USERS.c.username)).all()
    return [User(r.username, r.role, bool(r.active)) for r in rows]


def create_user(store, username: str, password: str, role: str, who: str) -> User:
    """Create an account (audit-logged without the hash)."""
    _check(username, password, role)
    if get_user(store, username) is not None:
        raise ConflictError(f"Användaren {username!r} finns redan.", f"The user {username!r} exists already.")
    h = _hasher().hash(password)
    try:
        with ops_of(store).begin() as con:
            con.execute(USERS.insert().values(username=username, password_hash=h, role=role, active=True,
                                              created_at=now()))
            registry.write_audit(con, who, "skapa", "anvandare", username, None, None,
                                 {"username": username, "role": role})
    except sa.exc.IntegrityError:  # created by someone else a moment ago
        raise ConflictError(f"Användaren {username!r} finns redan.", f"The user {username!r} exists already.") from None
    return User(username, role)


def _update(store, username: str, who: str, values: dict, after: dict) -> None:
    old = get_user(store, username)
    if old is None:
        raise NotFoundError(f"Användaren {username!r} finns inte.", f"The user {username!r} does not exist.")
    with ops_of(store).begin() as con:
        con.execute(USERS.update().where(USERS.c.username == username).values(**values))
        registry.write_audit(con, who, "andra", "anvandare", username, None,
                             {"username": username, "role": old.role, "active": old.active}, after)


def set_password(store, username: str, password: str, who: str) -> None:
    """Set a new password; every session of the account ends."""
    _check(username, password, None)
    _update(store, username, who, {"password_hash": _hasher().hash(password)},
            {"username": username, "password": "ändrat"})
    logins.end_user_sessions(store, username)
    logins.clear_failures(store, username)


def reset_password(store, username: str, who: str) -> str:
    """Give the account a new random password (returned once, never stored in clear); every
    session of the account ends."""
    new = secrets.token_urlsafe(12)
    set_password(store, username, new, who)
    return new


def set_active(store, username: str, active: bool, who: str, role: str | None = None) -> None:
    """Activate/deactivate an account and optionally change its role."""
    _check(username, None, role)
    u = get_user(store, username)
    new_role = role or (u.role if u else "lasare")
    _update(store, username, who, {"active": bool(active), "role": new_role},
            {"username": username, "role": new_role, "active": bool(active)})
    if not active:
        logins.end_user_sessions(store, username)


def authenticate(store, username: str, password: str, address: str | None = None) -> User | None:
    """The user when the password matches an active account, else None.

    An unknown user name, a malformed one and an inactive account cost the same work as a wrong
    password (one Argon2 verification and the same queries). Raises
    :class:`~lagesbild.prevention.logins.LoginThrottledError` when the account or ``address``
    has too many recent failures, before any password is checked.
    """
    from argon2.exceptions import InvalidHashError, VerificationError

    ph = _hasher()
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(ph.hash(secrets.token_hex(16)))
    name = str(username or "")[:40]
    logins.check_throttle(store, name, address)
    with ops_of(store).connect() as conn:
        r = conn.execute(sa.select(USERS.c.password_hash, USERS.c.role, USERS.c.active)
                         .where(USERS.c.username == name)).mappings().first()
    row = dict(r) if r is not None and _USER.match(name) else None
    try:
        with _ARGON2_SLOTS:
            ph.verify(row["password_hash"] if row is not None else _DUMMY_HASH[0], password or "")
        ok = row is not None and bool(row["active"])
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        logins.record_failure(store, name, address)
        return None
    logins.clear_failures(store, name)
    assert row is not None  # ok implies an active account row
    return User(name, row["role"], True)


def require_role(user: User | None, role: str) -> User:
    """Return ``user`` if it has at least ``role``; else raise PermissionDeniedError."""
    if user is None:
        raise PermissionDeniedError("Du måste logga in.", "You must log in.")
    if not user.can(role):
        raise PermissionDeniedError(f"Rollen {ROLE_LABELS[user.role]} räcker inte; det krävs {ROLE_LABELS[role]}.",
                                    f"The role {user.role} is not enough; {role} is required.")
    return user


def secret_for(store, configured: str = "") -> str:
    """The signing secret: ``configured`` (the ``secret_key`` setting), else the secret file
    (:func:`lagesbild.prevention.signing.load_secret`). A secret that an earlier release kept in
    the store is deleted, so sessions signed with it end."""
    settings = getattr(store, "settings", None)
    if configured:
        secret = configured
    else:
        from lagesbild.prevention.signing import load_secret

        path = getattr(store, "path", None)
        secret = load_secret(settings if settings is not None else object(),
                             path if isinstance(path, str | Path) else None)
    try:
        ops = ops_of(store)
        with ops.begin() as con:
            con.execute(META.delete().where(META.c.key == "secret_key"))
    except Exception:  # a read-only deployment: nothing to clean
        pass
    return secret


class Sessions:
    """Signed session and CSRF tokens.

    Parameters
    ----------
    secret : str
        Signing secret (:func:`secret_for`).
    max_age : int
        Seconds a session (and its CSRF tokens) stay valid.
    """

    def __init__(self, secret: str, max_age: int = SESSION_MAX_AGE, store=None) -> None:
        self.secret = secret
        self.max_age = max_age
        #: The store (or a callable returning it) holding the server-side session records; when
        #: given, a session is valid only while its record exists (logout ends it).
        self.store = store

    def _store(self):
        return self.store() if callable(self.store) else self.store

    def _s(self, salt: str):
        from itsdangerous import URLSafeTimedSerializer

        return URLSafeTimedSerializer(self.secret, salt=salt)

    def issue(self, username: str) -> str:
        """A new session token for ``username`` (with a fresh random session id)."""
        sid = secrets.token_urlsafe(24)
        if self.store is not None:
            logins.start_session(self._store(), sid, username, self.max_age)
        return self._s("lagesbild-session").dumps({"u": username, "sid": sid})

    def end(self, sid: str | None) -> None:
        """End the session ``sid`` (logout): its cookie is refused from now on."""
        if self.store is not None:
            logins.end_session(self._store(), sid)

    def load(self, token: str | None) -> dict | None:
        """``{"u", "sid"}`` for a valid, unexpired token; None for a missing, forged or expired one."""
        from itsdangerous import BadSignature, SignatureExpired

        if not token:
            return None
        try:
            data = self._s("lagesbild-session").loads(token, max_age=self.max_age)
        except (SignatureExpired, BadSignature):
            return None
        if not (isinstance(data, dict) and isinstance(data.get("u"), str) and isinstance(data.get("sid"), str)):
            return None
        if self.store is not None and not logins.session_alive(self._store(), data["sid"], data["u"]):
            return None
        return data

    def anonymous_id(self) -> str:
        """A session id for visitors who are not logged in (for the login form's CSRF token)."""
        return self._s("lagesbild-anon").dumps(secrets.token_urlsafe(16))

    def load_anonymous(self, token: str | None) -> str | None:
        from itsdangerous import BadSignature, SignatureExpired

        if not token:
            return None
        try:
            return self._s("lagesbild-anon").loads(token, max_age=self.max_age)
        except (SignatureExpired, BadSignature):
            return None

    def csrf(self, sid: str) -> str:
        """A CSRF token bound to the session id ``sid``."""
        return self._s("lagesbild-csrf").dumps(sid)

    def check_csrf(self, sid: str | None, token: str | None) -> bool:
        """True only for an unexpired token issued for exactly this session id."""
        from itsdangerous import BadSignature, SignatureExpired

        if not sid or not token:
            return False
        try:
            return secrets.compare_digest(str(self._s("lagesbild-csrf").loads(token, max_age=self.max_age)), sid)
        except (SignatureExpired, BadSignature):
            return False
