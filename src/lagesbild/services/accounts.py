"""Use cases for account administration and secrets: deactivate a user, reset a password, and the
secret files a backup may include (see docs/security.md)."""

from __future__ import annotations

from pathlib import Path

from lagesbild.prevention import auth
from lagesbild.prevention.signing import secret_files as _secret_files

__all__ = ["deactivate_user", "reset_password", "secret_files"]


def deactivate_user(store, username: str, who: str) -> None:
    """Deactivate ``username``; every session of the account ends at once."""
    auth.set_active(store, username, False, who)


def reset_password(store, username: str, who: str) -> str:
    """A new random password for ``username`` (shown once, stored only as a hash); every session
    of the account ends."""
    return auth.reset_password(store, username, who)


def secret_files(settings) -> list[Path]:
    """The files of secret configuration (the session-signing secret file) for a backup made
    with secrets; empty when the secret comes from the ``secret_key`` setting."""
    return _secret_files(settings)
