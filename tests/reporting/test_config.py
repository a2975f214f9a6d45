"""Report configuration: YAML round trip, precedence, validation and the hash."""

from __future__ import annotations

import pytest

from lagesbild.errors import ConfigError, InputError
from lagesbild.reporting import config as rc


def test_yaml_round_trip_keeps_hash(tmp_path):
    cfg = rc.merge(None, kommun="1480", year=2023, compare=["1280", "0180"], lang="sv")
    p = tmp_path / "report.yaml"
    p.write_text(rc.dump_yaml(cfg), encoding="utf-8")
    again = rc.merge(rc.load_config(p))
    assert again == cfg
    assert rc.config_hash(again) == rc.config_hash(cfg)


def test_flags_win_over_file_and_change_hash(tmp_path):
    p = tmp_path / "r.yaml"
    p.write_text("kommun: '0127'\nyear: 2023\nformats: [html]\nsuppress_min_denominator: 50\n", encoding="utf-8")
    base = rc.merge(rc.load_config(p))
    assert base.kommun == "0127" and base.formats == ("html",) and base.suppress_min_denominator == 50
    over = rc.merge(rc.load_config(p), year=2022, compare="1280,180")
    assert over.year == 2022 and over.compare == ("1280", "0180")
    assert rc.config_hash(over) != rc.config_hash(base)


def test_unknown_key_and_bad_values(tmp_path):
    p = tmp_path / "r.yaml"
    p.write_text("kommun: '1480'\nyear: 2023\nfärg: blå\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="färg"):
        rc.load_config(p)
    with pytest.raises(InputError, match="kommun"):
        rc.merge(None, kommun="148", year=2023)
    with pytest.raises(InputError, match="sections"):
        rc.merge(None, kommun="1480", year=2023, sections=["befolkning", "horoskop"])
    with pytest.raises(InputError, match="format"):
        rc.merge(None, kommun="1480", year=2023, formats=["odt"])
    with pytest.raises(InputError, match="year"):
        rc.merge(None, kommun="1480")
    with pytest.raises(ConfigError):
        rc.load_config(tmp_path / "saknas.yaml")


def test_self_contained_key(tmp_path):
    p = tmp_path / "r.yaml"
    p.write_text("kommun: '1480'\nyear: 2023\nself_contained: ja\n", encoding="utf-8")
    cfg = rc.merge(rc.load_config(p))
    assert cfg.self_contained is True
    assert rc.merge(rc.load_config(p), self_contained=False).self_contained is False   # the flag wins
    assert rc.merge(None, kommun="1480", year=2023).self_contained is False
    with pytest.raises(InputError, match="self_contained"):
        rc.merge(None, kommun="1480", year=2023, self_contained="kanske")
