"""Password policy for local accounts: long enough, not a common password, not the user name.

Rules (NIST SP 800-63B §5.1.1.2: length and a blocklist rather than composition rules):

* at least :data:`MIN_LENGTH` and at most :data:`MAX_LENGTH` characters;
* at least :data:`MIN_DISTINCT` different characters (``aaaaaaaaaa`` is refused);
* not the user name, and not containing it;
* not on the list of common passwords shipped in ``prevention/data/common_passwords.txt``
  (compared case-insensitively, also with trailing digits and punctuation removed).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from lagesbild.errors import InputError
from lagesbild.i18n import pair

__all__ = ["MIN_LENGTH", "MAX_LENGTH", "MIN_DISTINCT", "check_password", "common_passwords"]

MIN_LENGTH = 10
MAX_LENGTH = 256
MIN_DISTINCT = 5
_TAIL = re.compile(r"[\d\W_]+$")


@cache
def common_passwords() -> frozenset[str]:
    path = Path(__file__).with_name("data") / "common_passwords.txt"
    words = (w.strip().lower() for w in path.read_text(encoding="utf-8").splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


def check_password(password: str, username: str = "") -> None:
    """Raise InputError (one Swedish line) when ``password`` breaks the policy."""
    n = len(password or "")
    if n < MIN_LENGTH:
        raise InputError(*pair("security.password_short", min=MIN_LENGTH, n=n))
    if n > MAX_LENGTH:
        raise InputError(*pair("security.password_long", max=MAX_LENGTH))
    if len(set(password)) < MIN_DISTINCT:
        raise InputError(*pair("security.password_repetitive", min=MIN_DISTINCT))
    low = password.lower()
    if username and len(username) >= 3 and username.lower() in low:
        raise InputError(*pair("security.password_username"))
    common = common_passwords()
    if low in common or _TAIL.sub("", low) in common or low.rstrip("!?.") in common:
        raise InputError(*pair("security.password_common"))
