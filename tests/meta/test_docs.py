"""Every setting is documented; README shows the two commands; CHANGELOG exists."""

from pathlib import Path

from lagesbild._config import SETTINGS, Settings

ROOT = Path(__file__).resolve().parents[2]


def test_every_setting_is_documented_and_declared_once():
    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in doc]
    assert not missing, f"undocumented settings: {missing}"
    fields = set(Settings.__dataclass_fields__)
    assert fields == {s.name for s in SETTINGS}
    for s in SETTINGS:
        assert getattr(Settings(), s.name) == s.default, s.name


def test_readme_and_changelog():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    assert (ROOT / "CHANGELOG.md").exists()
    data_md = (ROOT / "src" / "lagesbild" / "data" / "DATA.md").read_text(encoding="utf-8")
    for f in (ROOT / "src" / "lagesbild" / "data").glob("*.parquet"):
        assert f.name in data_md, f"{f.name} is not described in DATA.md"


def test_every_environment_variable_the_code_reads_is_documented():
    """A ``LAGESBILD_*`` name anywhere in the package is a setting or listed in docs/configuration.md."""
    import re

    from lagesbild._config import SETTINGS

    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    settings = {f"LAGESBILD_{s.name.upper()}" for s in SETTINGS}
    used = set()
    for path in (ROOT / "src" / "lagesbild").rglob("*.py"):
        used |= set(re.findall(r"LAGESBILD_[A-Z0-9_]+", path.read_text(encoding="utf-8")))
    undocumented = sorted(v for v in used if v not in settings and f"`{v}`" not in doc)
    assert not undocumented, f"environment variables read but not documented: {undocumented}"
    for name in settings:
        assert f"`{name}`" in doc, name
