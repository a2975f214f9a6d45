"""Local accounts, roles, sessions and CSRF tokens for the insats pages (no web framework here).

- Passwords are hashed with Argon2id (argon2-cffi); only the hash is stored.
- Roles: ``lasare`` (read), ``redaktor`` (create and edit insatser), ``admin`` (also accounts
  and the audit log). :func:`require_role` raises :class:`PermissionDeniedError`.
- Sessions are signed, timestamped tokens (itsdangerous) that expire after ``max_age``
  seconds; the account is re-read on every request, so a deactivated account loses access.
- CSRF tokens are signed with a separate salt and bound to the session id; a token from
  another session, a forged or an expired one is refused.
- The signing secret is the ``secret_key`` setting, or one generated once and kept in the
  operational store (``prev_meta``).
- Accounts live in the operational store (``prev_users``), beside the insatser.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

import sqlalchemy as sa

from lagesbild.errors import ConflictError, InputError, NotFoundError, PermissionDeniedError
from lagesbild.prevention import registry
from lagesbild.prevention.tables import META, USERS, now, ops_of

__all__ = ["ROLES", "ROLE_LABELS", "User", "create_user", "set_password", "set_active", "get_user", "list_users",
           "authenticate", "require_role", "Sessions", "secret_for", "SESSION_MAX_AGE"]

ROLES = {"lasare": 1, "redaktor": 2, "admin": 3}
ROLE_LABELS = {"lasare": "Läsare", "redaktor": "Redaktör", "admin": "Admin"}
SESSION_MAX_AGE = 8 * 3600
_USER = re.compile(r"^[a-z0-9._-]{2,40}$")
_DUMMY_HASH: list[str] = []


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
    if password is not None and len(password) < 10:
        raise InputError(f"Lösenordet måste ha minst 10 tecken. Fick {len(password)}.",
                         f"The password needs at least 10 characters. Got {len(password)}.")
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
    _check(username, password, None)
    _update(store, username, who, {"password_hash": _hasher().hash(password)},
            {"username": username, "password": "ändrat"})


def set_active(store, username: str, active: bool, who: str, role: str | None = None) -> None:
    """Activate/deactivate an account and optionally change its role."""
    _check(username, None, role)
    u = get_user(store, username)
    new_role = role or (u.role if u else "lasare")
    _update(store, username, who, {"active": bool(active), "role": new_role},
            {"username": username, "role": new_role, "active": bool(active)})


def authenticate(store, username: str, password: str) -> User | None:
    """The user when the password matches an active account, else None (same work either way)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    ph = _hasher()
    row = None
    if _USER.match(username or ""):
        with ops_of(store).connect() as conn:
            r = conn.execute(sa.select(USERS.c.password_hash, USERS.c.role, USERS.c.active)
                             .where(USERS.c.username == username)).mappings().first()
        row = None if r is None else dict(r)
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(ph.hash(secrets.token_hex(8)))
    try:
        ph.verify(row["password_hash"] if row is not None else _DUMMY_HASH[0], password or "")
    except (VerificationError, InvalidHashError):
        return None
    if row is None or not bool(row["active"]):
        return None
    return User(username, row["role"], True)


def require_role(user: User | None, role: str) -> User:
    """Return ``user`` if it has at least ``role``; else raise PermissionDeniedError."""
    if user is None:
        raise PermissionDeniedError("Du måste logga in.", "You must log in.")
    if not user.can(role):
        raise PermissionDeniedError(f"Rollen {ROLE_LABELS[user.role]} räcker inte; det krävs {ROLE_LABELS[role]}.",
                                    f"The role {user.role} is not enough; {role} is required.")
    return user


def secret_for(store, configured: str = "") -> str:
    """The signing secret: the configured one, or one generated once and kept in the store."""
    if configured:
        return configured
    ops = ops_of(store)
    with ops.connect() as conn:
        stored = conn.execute(sa.select(META.c.value).where(META.c.key == "secret_key")).scalar()
    if stored:
        return stored
    with ops.begin() as con:
        if con.execute(sa.select(META.c.value).where(META.c.key == "secret_key")).scalar() is None:
            con.execute(META.insert().values(key="secret_key", value=secrets.token_urlsafe(32)))
        return con.execute(sa.select(META.c.value).where(META.c.key == "secret_key")).scalar()


class Sessions:
    """Signed session and CSRF tokens.

    Parameters
    ----------
    secret : str
        Signing secret (:func:`secret_for`).
    max_age : int
        Seconds a session (and its CSRF tokens) stay valid.
    """

    def __init__(self, secret: str, max_age: int = SESSION_MAX_AGE) -> None:
        self.secret = secret
        self.max_age = max_age

    def _s(self, salt: str):
        from itsdangerous import URLSafeTimedSerializer

        return URLSafeTimedSerializer(self.secret, salt=salt)

    def issue(self, username: str) -> str:
        """A new session token for ``username`` (with a fresh random session id)."""
        return self._s("lagesbild-session").dumps({"u": username, "sid": secrets.token_urlsafe(16)})

    def load(self, token: str | None) -> dict | None:
        """``{"u", "sid"}`` for a valid, unexpired token; None for a missing, forged or expired one."""
        from itsdangerous import BadSignature, SignatureExpired

        if not token:
            return None
        try:
            data = self._s("lagesbild-session").loads(token, max_age=self.max_age)
        except (SignatureExpired, BadSignature):
            return None
        return data if isinstance(data, dict) and "u" in data and "sid" in data else None

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
