"""Every methods reference in the package resolves inside the repository.

Docstrings, comments and bundled data cite ``docs/methods/<file>.md §N``. Each cited file must
exist and each cited section number must be a heading of that file ("## 3. …", "### 3.2 …").
The former names of the specification documents, which were never part of the repository,
must not come back.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "lagesbild"
METHODS = ROOT / "docs" / "methods"

TEXT_SUFFIXES = {".py", ".yaml", ".yml", ".html", ".j2", ".md", ".txt", ".toml", ".json"}
REF = re.compile(r"docs/methods/([\w-]+)\.md")
SECTION = re.compile(r"§\s?(\d+(?:\.\d+)*)(?:\s?[–-]\s?(\d+(?:\.\d+)*))?")
HEADING = re.compile(r"^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s", re.MULTILINE)
OLD_NAMES = re.compile(r"methods-segregation\.md|(?<![\w/])prevention\.md")


def _sections(md_text: str) -> set[str]:
    return set(HEADING.findall(md_text))


def references(text: str) -> list[tuple[str, list[str]]]:
    """``(file stem, [section numbers])`` for each reference in ``text``.

    The sections are the ``§N`` (and both ends of ``§N–M``) that follow the file name up to the
    next bracket, line end or reference, so "docs/methods/x.md §3.4, §3.6" gives ``["3.4", "3.6"]``.
    """
    out = []
    for m in REF.finditer(text):
        tail = text[m.end():]
        stop = re.search(r"[()\n]|docs/methods/", tail)
        tail = tail[:stop.start()] if stop else tail
        secs: list[str] = []
        for a, b in SECTION.findall(tail):
            secs.append(a)
            if b:
                # "§3.4–3.6" and "§2.1–2.2": the end has the start's depth
                secs.append(b)
        out.append((m.group(1), secs))
    return out


def problems(text: str, where: str) -> list[str]:
    """What does not resolve in ``text`` (empty when everything does)."""
    found = []
    for stem, secs in references(text):
        path = METHODS / f"{stem}.md"
        if not path.is_file():
            found.append(f"{where}: docs/methods/{stem}.md does not exist")
            continue
        have = _sections(path.read_text(encoding="utf-8"))
        for s in secs:
            if s not in have:
                found.append(f"{where}: docs/methods/{stem}.md has no section {s}")
    for m in OLD_NAMES.finditer(text):
        found.append(f"{where}: reference to a document outside the repository: {m.group(0)}")
    return found


def _source_files():
    for p in sorted(SRC.rglob("*")):
        if p.is_file() and p.suffix in TEXT_SUFFIXES and "vendor" not in p.parts:
            yield p


def test_every_methods_reference_resolves():
    bad = []
    n_refs = 0
    for p in _source_files():
        text = p.read_text(encoding="utf-8", errors="replace")
        n_refs += len(references(text))
        bad += problems(text, str(p.relative_to(ROOT)))
    assert not bad, "\n".join(bad)
    # the package does cite the methods pages; a parser that finds nothing would pass vacuously
    assert n_refs >= 50


def test_the_checker_reports_what_does_not_resolve():
    text = ("see docs/methods/segregation.md §3.2 and docs/methods/segregation.md §99.1, "
            "docs/methods/prevention.md §2.1–2.9 (x), docs/methods/nowhere.md §1 and methods-segregation.md §3")
    bad = problems(text, "t")
    assert any("§" not in b and "no section 99.1" in b for b in bad)
    assert any("no section 2.9" in b for b in bad)
    assert not any("no section 2.1" in b for b in bad)
    assert any("nowhere.md does not exist" in b for b in bad)
    assert any("methods-segregation.md" in b for b in bad)
    assert not any("no section 3.2" in b for b in bad)
    assert problems("docs/methods/prevention.md §3.3 and docs/methods/segregation.md §3.4, §3.6.", "t") == []


def test_methods_pages_have_numbered_sections_and_references():
    for name in ("segregation", "omradestyper", "disclosure", "prevention"):
        text = (METHODS / f"{name}.md").read_text(encoding="utf-8")
        assert len(_sections(text)) >= 5, name
        assert "References" in text, name
