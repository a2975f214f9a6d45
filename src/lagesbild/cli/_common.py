"""Shared plumbing for the CLI modules: resolved settings, the store, output formats.

The global options (``--store``, ``--lang``, ``--config``, ``--debug``) are resolved once per
invocation in the Typer callback of :mod:`lagesbild.cli` into an :class:`Invocation` (held in a
context variable for the length of the run, not in module state); commands read them from here.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from lagesbild._config import Settings, resolve_settings
from lagesbild.errors import InputError

__all__ = ["Invocation", "invocation", "current", "settings", "store", "emit", "parse_years", "parse_list"]


@dataclass
class Invocation:
    """What one run of ``lagesbild`` resolved: its settings, the debug flag and the open store."""

    settings: Settings | None = None
    debug: bool = False
    lang_hint: str = "sv"
    store: Any = field(default=None, repr=False)

    @property
    def lang(self) -> str:
        return self.settings.lang if self.settings is not None else self.lang_hint


_CURRENT: ContextVar[Invocation | None] = ContextVar("lagesbild_cli_invocation", default=None)


@contextmanager
def invocation() -> Iterator[Invocation]:
    """Scope one CLI run: settings resolved once for it, its store closed at the end."""
    inv = Invocation()
    token = _CURRENT.set(inv)
    try:
        yield inv
    finally:
        if inv.store is not None:
            inv.store.close()
        _CURRENT.reset(token)


def current() -> Invocation:
    """The running invocation (one is made for code that runs a command outside :func:`main`)."""
    inv = _CURRENT.get()
    if inv is None:
        inv = Invocation()
        _CURRENT.set(inv)
    return inv


def settings() -> Settings:
    """The settings of this invocation, resolved once."""
    inv = current()
    if inv.settings is None:
        inv.settings = resolve_settings()
    return inv.settings


def store():
    """The store named by the settings (opened once per invocation).

    An existing store is opened read-only, so that look-ups run beside `lagesbild serve`; the
    first write reopens it for writing. A missing store is created.
    """
    inv = current()
    if inv.store is None:
        from pathlib import Path

        from lagesbild.services.store import open_store

        path = settings().store
        exists = Path(path).exists()
        inv.store = open_store(path, settings=settings(), read_only=exists, upgradable=True)
    return inv.store


def parse_list(text: str | None) -> list[str] | None:
    if text is None:
        return None
    return [t.strip() for t in text.split(",") if t.strip()]


def parse_years(text: str | None, param: str = "--years") -> list[int] | None:
    """Parse '2020-2023' or '2020,2022' into a list of years."""
    if text is None:
        return None
    years: list[int] = []
    try:
        for part in text.split(","):
            part = part.strip()
            if "-" in part:
                a, b = part.split("-", 1)
                years += list(range(int(a), int(b) + 1))
            elif part:
                years.append(int(part))
    except ValueError:
        raise InputError(f"Parametern '{param}' måste vara år som 2020-2023 eller 2020,2022. Fick {text!r}.",
                         f"The '{param}' parameter must be years like 2020-2023 or 2020,2022. "
                         f"Got {text!r} instead.") from None
    return years


def emit(data, fmt: str = "table", title: str | None = None) -> None:
    """Print a DataFrame, list of dicts or dict as a terminal table, JSON or CSV.

    JSON and CSV keep the stable keys and raw values; the terminal table shows headers, labels and
    numbers for people (:mod:`lagesbild.cli._table`).
    """
    import pandas as pd

    if isinstance(data, dict) and fmt != "json":
        from lagesbild.i18n import t

        data = pd.DataFrame([{t("cli.col.key", settings().lang): k, "value": v} for k, v in data.items()])
    if isinstance(data, list):
        data = pd.DataFrame(data)
    if fmt == "json":
        if isinstance(data, pd.DataFrame):
            text = data.to_json(orient="records", force_ascii=False, date_format="iso")
            sys.stdout.write(json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n")
        else:
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n")
        return
    if fmt == "csv":
        from lagesbild.safecells import neutralise_frame

        neutralise_frame(data).to_csv(sys.stdout, index=False)  # no live formulas in a spreadsheet
        return
    if fmt != "table":
        raise InputError(f"Parametern '--format' måste vara table, json eller csv. Fick {fmt!r}.",
                         f"The '--format' parameter must be table, json or csv. Got {fmt!r} instead.")
    from rich.console import Console
    from rich.table import Table

    from lagesbild.cli._table import display_frame

    heads, rows, numeric = display_frame(data, settings().lang)
    table = Table(title=title, show_lines=False)
    for i, (head, num) in enumerate(zip(heads, numeric)):  # folded, never cut: every character stays
        longest = max((len(w) for r in rows for w in r[i].split()), default=0)
        table.add_column(head, justify="right" if num else "left", overflow="fold",
                         min_width=min(max(longest, 1), 22))  # words whole where the width allows
    for row in rows:
        table.add_row(*row)
    Console(width=160).print(table)
