"""Configuration precedence: defaults < file < environment < flags."""

import pytest

from lagesbild._config import resolve_settings
from lagesbild.errors import ConfigError


def test_precedence(tmp_path):
    f = tmp_path / "lagesbild.toml"
    f.write_text('[lagesbild]\nstore = "file.duckdb"\nlang = "en"\nsuppress_min_count = 3\n')
    s = resolve_settings(config_file=f, env={})
    assert (s.store, s.lang, s.suppress_min_count) == ("file.duckdb", "en", 3)
    s = resolve_settings(config_file=f, env={"LAGESBILD_STORE": "env.duckdb"})
    assert s.store == "env.duckdb" and s.lang == "en"
    s = resolve_settings(config_file=f, env={"LAGESBILD_STORE": "env.duckdb"}, store="flag.duckdb")
    assert s.store == "flag.duckdb"
    assert resolve_settings(config_file=None, env={}).store == "lagesbild.duckdb"


def test_bad_configuration(tmp_path):
    f = tmp_path / "c.toml"
    f.write_text("nope = 1\n")
    with pytest.raises(ConfigError, match="nope"):
        resolve_settings(config_file=f, env={})
    with pytest.raises(ConfigError, match="suppress_min_count"):
        resolve_settings(config_file=None, env={"LAGESBILD_SUPPRESS_MIN_COUNT": "many"})
    with pytest.raises(ConfigError, match="lang"):
        resolve_settings(config_file=None, env={}, lang="de")
    with pytest.raises(ConfigError, match="finns inte"):
        resolve_settings(config_file=tmp_path / "missing.toml", env={})
