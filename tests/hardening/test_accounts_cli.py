"""`lagesbild anvandare inaktivera|aterstall-losenord` through the command line."""

from __future__ import annotations

import re

PW = "ett-långt-lösenord"


def test_deactivate_and_reset_password(cli, cli_store_path, monkeypatch):
    from lagesbild._config import resolve_settings
    from lagesbild.prevention import auth
    from lagesbild.store import open_store

    monkeypatch.setenv("LAGESBILD_NYTT_LOSENORD", PW)
    assert cli("anvandare", "skapa", "gun.admin", "--roll", "admin")[0] == 0
    code, out, err = cli("anvandare", "aterstall-losenord", "gun.admin")
    assert code == 0, err
    new = re.search(r"visas bara nu\): (\S+)", out).group(1)
    code, out, err = cli("anvandare", "inaktivera", "gun.admin")
    assert code == 0 and "Inaktiverade gun.admin" in out
    s = resolve_settings(config_file=None, env={}, store=str(cli_store_path))
    st = open_store(cli_store_path, settings=s, read_only=True)
    try:
        assert auth.get_user(st, "gun.admin").active is False
        assert auth.authenticate(st, "gun.admin", new) is None  # inactive
    finally:
        st.close()
    code, out, err = cli("anvandare", "inaktivera", "finns.inte")
    assert code == 2 and "finns inte" in err and len(err.strip().splitlines()) == 1
