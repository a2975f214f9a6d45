"""Göteborg's report against golden headings and captions, and the provenance of its numbers.

Golden file: ``golden/goteborg_2023_headings.txt`` holds every
section heading, figure caption and table caption of the Swedish Göteborg 2023 report in
order (the 147 per-area profile tables are one line with their count). A section, figure or
table that silently disappears, or a caption that changes, fails the test. After an
intended change, regenerate it with ``make golden`` (scripts/update_golden.py) and review the
diff; the test itself never writes it.

Provenance: every number in the summary and section sentences of the HTML must be one the
section builders formatted inside a provenance scope (fact key + store source ids), a year
or name registered as a label of such a fact, or fixed text of the message catalogue.
"""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest

from lagesbild.reporting.model import outline

GOLDEN = Path(__file__).parent / "golden" / "goteborg_2023_headings.txt"
NUM = re.compile(r"\d+(?:\u00a0\d{3})*(?:,\d+)?")


def test_golden_headings_and_captions(gbg_report):
    res, _ = gbg_report
    got = outline(res["report"])
    want = GOLDEN.read_text(encoding="utf-8").splitlines()
    missing = [w for w in want if w not in got]
    assert not missing, f"gone from the report: {missing}"
    assert got == want, [g for g in got if g not in want]


def test_golden_outline_detects_a_missing_section(gbg_report):
    import copy

    res, _ = gbg_report
    rep = copy.copy(res["report"])
    rep.sections = [s for s in rep.sections if s.id != "segregation"]
    want = GOLDEN.read_text(encoding="utf-8").splitlines()
    assert outline(rep) != want
    assert any(w.startswith("## segregation") for w in want)


def _catalogue_fragments(lang: str = "sv") -> list[str]:
    """Fixed text of the report's sentences and words that contains digits ("typ 1–2", "RegSO 2020")."""
    from lagesbild.i18n import catalogue, normalise_lang

    which = 1 if normalise_lang(lang) == "en" else 0
    prefixes = ("report.", "report_words.compare.", "report_words.subject.", "report_words.place.")
    frags = set()
    for key, texts in catalogue().items():
        if key.startswith(prefixes):
            tpl = texts[which]
            for frag in re.split(r"\{[^}]*\}", tpl):
                if re.search(r"\d", frag):
                    frags.add(frag)
    return sorted(frags, key=len, reverse=True)


def _sentences(html: str) -> list[str]:
    """Text of the summary's findings and of the sections' paragraphs (not notes, tables, captions)."""
    main = html.split("<main>", 1)[1].split("</main>", 1)[0]
    main = re.sub(r"<figure.*?</figure>|<table.*?</table>", "", main, flags=re.S)
    out = re.findall(r"<li>(.*?)</li>", main, flags=re.S) + re.findall(r"<p>(.*?)</p>", main, flags=re.S)
    return [htmllib.unescape(re.sub(r"<[^>]+>", "", x)) for x in out]


def unregistered(sentences, registry, lang: str = "sv") -> list[tuple[str, str]]:
    """(number, sentence) pairs whose number has no registered provenance with a source."""
    frags = _catalogue_fragments(lang)
    labels = sorted(registry["labels"], key=len, reverse=True)
    numbers = {}
    for text, entries in registry["numbers"].items():
        numbers.setdefault(text.lstrip("−+-"), []).extend(entries)
    bad = []
    for s in sentences:
        rest = s
        for f in frags:
            rest = rest.replace(f, " ")
        for lab in labels:
            rest = rest.replace(lab, " ")
        for tok in NUM.findall(rest):
            entries = numbers.get(tok, [])
            if not any(e["sources"] for e in entries):
                bad.append((tok, s))
    return bad


def test_every_number_in_the_sentences_has_provenance(gbg_report):
    res, _ = gbg_report
    report = res["report"]
    html = Path(res["paths"]["html"]).read_text(encoding="utf-8")
    sents = _sentences(html)
    assert len(sents) >= 30 and sum(len(NUM.findall(x)) for x in sents) >= 80
    assert not unregistered(sents, report.provenance)
    reg = report.provenance["numbers"]
    # a few numbers the sentences print, traced to their facts and sources
    seg = [e for e in reg.get("0,353", []) if e["key"] == "segregation.indices"]
    assert seg and all(s.startswith("bundled:") for s in seg[0]["sources"])
    assert any(e["key"].startswith("types.comparison") for e in reg["22,4"])


def test_provenance_check_catches_an_unregistered_number(gbg_report):
    from lagesbild.reporting.numbers import fmt_number, provenance, recording

    res, _ = gbg_report
    extra = "Kommunen hade 4\u00a0321 bostäder år 2023."
    bad = unregistered([extra], res["report"].provenance)
    assert ("4\u00a0321", extra) in bad
    with recording() as reg:
        with provenance("test.fact", ["src:1"], years=[2023]):
            fmt_number(4321)
        fmt_number(17)           # formatted outside a scope: not registered
    assert reg["numbers"]["4\u00a0321"][0] == {"key": "test.fact", "value": 4321.0, "sources": ("src:1",)}
    assert "17" not in reg["numbers"]
    assert not unregistered([extra], reg)
    assert unregistered(["Det fanns 17 skolor."], reg) == [("17", "Det fanns 17 skolor.")]


@pytest.fixture(scope="module")
def gbg_report(bundled_store, tmp_path_factory):
    from lagesbild._config import resolve_settings
    from lagesbild.services.report import build_report

    out = tmp_path_factory.mktemp("gbg_golden")
    s = resolve_settings(config_file=None, env={}, store=":memory:")
    return build_report(bundled_store, s, "1480", 2023, compare=["1280", "0180"], formats=["html"], out=out), out
