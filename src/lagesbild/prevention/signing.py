"""The session-signing secret: from the setting, or from a file created with mode 0600 on first
use — never kept in the store, so a copy of the store cannot be used to forge a session.

Order: the ``secret_key`` setting (``LAGESBILD_SECRET_KEY``); else the file named by the
``secret_file`` setting; else a file beside the store (``lagesbild.duckdb`` →
``lagesbild.secret``). An in-memory store (tests) gets a secret per process. The file is
created atomically with ``O_CREAT | O_EXCL`` and mode 0600, so two processes starting at once
agree on one secret. Backups include the file only when asked: :func:`secret_files` lists it
for the backup command.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from lagesbild.errors import ConfigError
from lagesbild.i18n import pair

__all__ = ["secret_path", "load_secret", "secret_files"]

_PROCESS_SECRET: list[str] = []


def secret_path(settings, store_path: str | Path | None = None) -> Path | None:
    """Where the secret file is: the ``secret_file`` setting, else beside the store (the open
    store's own path when given, else the ``store`` setting); None for an in-memory store."""
    if getattr(settings, "secret_file", ""):
        return Path(settings.secret_file).expanduser()
    store = str(store_path or getattr(settings, "store", "") or "")
    if not store or store == ":memory:":
        return None
    return Path(store).expanduser().with_suffix(".secret")


def _read(path: Path) -> str:
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        raise ConfigError(*pair("security.secret_unreadable", path=path)) from None
    if len(text) < 32:
        raise ConfigError(*pair("security.secret_short", path=path))
    return text


def load_secret(settings, store_path: str | Path | None = None) -> str:
    """The signing secret (see the module text); creates the file on first use."""
    configured = getattr(settings, "secret_key", "")
    if configured:
        return configured
    path = secret_path(settings, store_path)
    if path is None:
        if not _PROCESS_SECRET:
            _PROCESS_SECRET.append(secrets.token_urlsafe(32))
        return _PROCESS_SECRET[0]
    if path.exists():
        return _read(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # written completely under a private name, then linked into place: a process or thread that
    # reads the file never sees it half-written, and of two that start at once one link wins
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secrets.token_urlsafe(48) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:  # another process or thread created it a moment ago
            pass
    except OSError:
        raise ConfigError(*pair("security.secret_unreadable", path=path)) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    return _read(path)


def secret_files(settings, store_path: str | Path | None = None) -> list[Path]:
    """Files of secret configuration for a backup made with secrets (the secret file if it exists)."""
    path = secret_path(settings, store_path)
    return [path] if path is not None and path.exists() and not getattr(settings, "secret_key", "") else []
