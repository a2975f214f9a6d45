"""Accounts and sessions: the secret is not in the store, sessions end server-side, failed logins are
throttled, weak passwords are refused and unknown users cost the same work as known ones."""

from __future__ import annotations

import os
import stat

import pytest
import sqlalchemy as sa

from lagesbild.errors import InputError
from lagesbild.prevention import auth, logins, signing
from lagesbild.prevention.tables import META, ops_of

PW = "ett-långt-lösenord"


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch):
    """Argon2id with small costs, so the many logins here stay fast (the logic is the same)."""
    from argon2 import PasswordHasher

    monkeypatch.setattr(auth, "_hasher", lambda: PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    auth._DUMMY_HASH.clear()
    yield
    auth._DUMMY_HASH.clear()


@pytest.fixture
def st(kommun_store):
    auth.create_user(kommun_store, "ada", PW, "admin", "test")
    return kommun_store


def test_secret_file_created_0600_beside_the_store_and_reused(settings):
    path = signing.secret_path(settings)
    assert path.name == "t.secret" and not path.exists()
    first = signing.load_secret(settings)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600 and len(first) >= 32
    assert signing.load_secret(settings) == first
    assert signing.secret_files(settings) == [path]
    assert signing.load_secret(settings.replace(secret_key="x" * 40)) == "x" * 40
    assert signing.secret_files(settings.replace(secret_key="x" * 40)) == []


def test_a_cookie_forged_with_a_secret_from_the_store_fails(st):
    # An earlier release kept the secret in the store; an attacker with a copy of it signs a cookie.
    with ops_of(st).begin() as con:
        con.execute(META.insert().values(key="secret_key", value="stolen-from-a-copy-of-the-store-0123456789"))
    forged = auth.Sessions("stolen-from-a-copy-of-the-store-0123456789").issue("ada")
    sessions = auth.Sessions(auth.secret_for(st), store=st)
    assert sessions.load(forged) is None
    with ops_of(st).connect() as con:
        assert con.execute(sa.select(META.c.value).where(META.c.key == "secret_key")).first() is None


def test_logout_password_change_and_deactivation_end_sessions(st):
    s = auth.Sessions(auth.secret_for(st), store=st)
    token = s.issue("ada")
    data = s.load(token)
    assert data["u"] == "ada"
    s.end(data["sid"])
    assert s.load(token) is None  # a copied cookie no longer works after logout
    token = s.issue("ada")
    auth.set_password(st, "ada", "ett-annat-långt-lösenord", "ada")
    assert s.load(token) is None
    token = s.issue("ada")
    auth.create_user(st, "bo.admin", PW, "admin", "ada")
    auth.set_active(st, "ada", False, "bo.admin")
    assert s.load(token) is None


def test_session_signed_right_but_without_record_is_refused(st):
    s = auth.Sessions(auth.secret_for(st), store=st)
    unrecorded = auth.Sessions(auth.secret_for(st)).issue("ada")  # right signature, no server record
    assert s.load(unrecorded) is None


def test_eleventh_wrong_password_within_a_minute_is_throttled(st):
    for _ in range(logins.MAX_FAILURES):
        assert auth.authenticate(st, "ada", "fel-lösenord-123", "10.0.0.1") is None
    with pytest.raises(auth.LoginThrottledError) as exc:
        auth.authenticate(st, "ada", PW, "10.0.0.2")  # even the right password, from elsewhere
    msg = exc.value.message("sv")
    assert "För många misslyckade inloggningar för kontot" in msg and "vänta" in msg and "\n" not in msg
    assert 1 <= exc.value.retry_after <= logins.WINDOW_S + 1


def test_address_is_throttled_across_accounts(st):
    for i in range(logins.MAX_FAILURES):
        assert auth.authenticate(st, f"okand{i}", "fel-lösenord-123", "10.9.9.9") is None
    with pytest.raises(auth.LoginThrottledError, match="från din adress"):
        auth.authenticate(st, "ada", PW, "10.9.9.9")
    assert auth.authenticate(st, "ada", PW, "10.1.1.1").username == "ada"


def test_successful_login_clears_the_account_failures(st):
    for _ in range(logins.MAX_FAILURES - 1):
        auth.authenticate(st, "ada", "fel-lösenord-123", None)
    assert auth.authenticate(st, "ada", PW, None) is not None
    for _ in range(logins.MAX_FAILURES - 1):
        auth.authenticate(st, "ada", "fel-lösenord-123", None)
    assert auth.authenticate(st, "ada", PW, None) is not None


@pytest.mark.parametrize("pw, needle", [
    ("kort", "minst 10 tecken"), ("aaaaaaaaaaaa", "olika tecken"), ("password123", "vanligaste"),
    ("Lösenord2024!", "vanligaste"), ("qwertyuiop", "vanligaste"), ("bertil-hemma-99", "användarnamnet"),
])
def test_password_policy(st, pw, needle):
    with pytest.raises(InputError, match=needle):
        auth.create_user(st, "bertil", pw, "lasare", "ada")


def test_reset_password_gives_a_working_one_and_ends_sessions(st):
    s = auth.Sessions(auth.secret_for(st), store=st)
    token = s.issue("ada")
    new = auth.reset_password(st, "ada", "ada")
    assert s.load(token) is None
    assert auth.authenticate(st, "ada", new) is not None and auth.authenticate(st, "ada", PW) is None


def test_unknown_users_cost_the_same_work(st, monkeypatch):
    from argon2 import PasswordHasher

    calls = []
    real = PasswordHasher.verify

    def counting(self, hash_, password):
        calls.append(hash_)
        return real(self, hash_, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting)
    auth.create_user(st, "vilande", PW, "lasare", "ada")
    auth.set_active(st, "vilande", False, "ada")
    params = {}
    for name, pw in (("ada", "fel-lösenord-123"), ("finns.inte", PW), ("Ogiltigt Namn!", PW), ("vilande", PW)):
        calls.clear()
        assert auth.authenticate(st, name, pw) is None
        assert len(calls) == 1, name  # one Argon2 verification whatever the name
        params[name] = calls[0].split("$")[1:4]  # algorithm, version, cost parameters
    assert all(p == params["ada"] for p in params.values()) and params["ada"][0] == "argon2id"


def test_secret_file_follows_the_open_store(tmp_path):
    from lagesbild._config import resolve_settings
    from lagesbild.store import open_store

    s = resolve_settings(config_file=None, env={}, store=str(tmp_path / "a.duckdb"))
    st = open_store(tmp_path / "b.duckdb", settings=s)
    try:
        st.write(areas=None)  # a write: the store has made its generations
        first = auth.secret_for(st)
        assert (tmp_path / "b.secret").exists() and not (tmp_path / "a.secret").exists()
        assert auth.secret_for(st) == first
    finally:
        st.close()
