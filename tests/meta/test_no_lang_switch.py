"""No inline language switches: texts come from the catalogue, data labels through i18n.choose.

``if lang == "sv"`` / ``lang != 'en'`` in code or templates hides a text from the catalogue (and
from the test that every key exists in both languages). Python modules and Jinja templates of the
package are scanned; vendored third-party files are not ours and are skipped.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "lagesbild"
SUFFIXES = {".py", ".html", ".j2", ".jinja", ".txt", ".xml", ".svg"}
# lang == "sv", lang != 'en', settings().lang == "sv", "en" == lang …
SWITCH = re.compile(r"""lang\s*[!=]=\s*['"](?:sv|en)['"]|['"](?:sv|en)['"]\s*[!=]=\s*[\w.()]*lang\b""")


def switches(text: str) -> list[int]:
    """Line numbers (1-based) of language switches in ``text``."""
    return [i for i, line in enumerate(text.splitlines(), 1) if SWITCH.search(line)]


def test_no_language_switch_in_the_package():
    found = []
    n_files = 0
    for p in sorted(SRC.rglob("*")):
        if not p.is_file() or p.suffix not in SUFFIXES or "vendor" in p.parts:
            continue
        n_files += 1
        text = p.read_text(encoding="utf-8", errors="replace")
        found += [f"{p.relative_to(ROOT)}:{n}" for n in switches(text)]
    assert n_files > 100  # the scan reaches the package (Python and templates)
    assert not found, "language switches (use lagesbild.i18n.t or choose):\n" + "\n".join(found)


def test_the_scan_finds_every_form():
    for line in ('x = a if lang == "sv" else b', "x = a if lang != 'en' else b",
                 'if settings().lang == "en":', "{% if lang == 'en' %}x{% endif %}",
                 '{{ "a" if lang != "sv" else "b" }}', 'if "en" == lang:'):
        assert switches(line) == [1], line
    for line in ('t("key", lang)', 'choose(sv, en, lang)', 'normalise_lang(lang)', 'lang = "sv"',
                 'LANGS = ("sv", "en")'):
        assert switches(line) == [], line
