"""Sources shown on insats pages cite public sources, never the project's own documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

import lagesbild.prevention as prevention  # noqa: E402

ROOT = Path(prevention.__file__).parent
FILES = sorted((ROOT / "examples").glob("*.yaml")) + [ROOT / "data" / "program.yaml"]
INTERNAL = re.compile(r"prevention\.md|docs/methods|\bärende(t|ts|na)?\b|issue 8|§", re.IGNORECASE)


def _shown(node, key=None):
    """Every text a page shows from a registry file: sources, evidence sources and notes."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _shown(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _shown(v, key)
    elif isinstance(node, str) and key in ("source", "sources", "notes", "description", "name"):
        yield node


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_internal_documents_in_shown_sources(path):
    texts = list(_shown(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert texts
    bad = [x for x in texts if INTERNAL.search(x)]
    assert not bad, bad
