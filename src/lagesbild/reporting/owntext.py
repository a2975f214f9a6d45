"""The kommun's own texts: a small Markdown subset turned into report blocks.

A kommun edits its nulägesanalys by writing Markdown files named in its report settings
(``texter: {befolkning: texter/befolkning.md}``) or the ``syfte`` text; each file's blocks are
merged at the start of its section. The subset: paragraphs separated by blank lines, lists whose
lines start with ``- `` or ``* ``, and ``#`` headings (printed as a bold paragraph: the report's
own headings stay the structure). Emphasis markers (``*``, ``_``) are removed, the text is kept.
"""

from __future__ import annotations

import re

from lagesbild.reporting.model import Bullets, Paragraph

__all__ = ["markdown_blocks"]

_BULLET = re.compile(r"^\s*[-*+]\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_EMPH = re.compile(r"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1")


def _inline(text: str) -> str:
    return _EMPH.sub(r"\2", " ".join(text.split()))


def markdown_blocks(text: str) -> list:
    """Paragraphs and bullet lists of a Markdown text, in order.

    Examples
    --------
    >>> [type(b).__name__ for b in markdown_blocks("Ett stycke\\npå två rader.\\n\\n- a\\n- b")]
    ['Paragraph', 'Bullets']
    >>> markdown_blocks("Ett *viktigt* stycke.")[0].text
    'Ett viktigt stycke.'
    """
    blocks: list = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        para: list[str] = []
        items: list[str] = []
        for ln in (x for x in chunk.split("\n") if x.strip()):
            heading, bullet = _HEADING.match(ln), _BULLET.match(ln)
            continued = bool(items) and ln.startswith((" ", "\t")) and not bullet
            if (heading or bullet) and para:
                blocks.append(Paragraph(_inline(" ".join(para))))
                para = []
            if not (bullet or continued) and items:
                blocks.append(Bullets([_inline(i) for i in items]))
                items = []
            if heading:
                blocks.append(Paragraph(_inline(_HEADING.sub("", ln))))
            elif bullet:
                items.append(_BULLET.sub("", ln))
            elif continued:
                items[-1] += " " + ln.strip()
            else:
                para.append(ln)
        if para:
            blocks.append(Paragraph(_inline(" ".join(para))))
        if items:
            blocks.append(Bullets([_inline(i) for i in items]))
    return blocks
