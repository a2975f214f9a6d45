"""National blocks of the kommun pages are computed once per store generation and year and
shared by every page and thread."""

from __future__ import annotations

import threading
import time

import pandas as pd

from lagesbild.services import kommun_blocks as kb


class _Store:
    generation = ("inode", 1)


def test_national_summary_once_per_generation_and_year(monkeypatch, bundled_store):
    calls: list[tuple] = []
    real = kb._national_summary

    def counting(store, year):
        calls.append((store.generation, year))
        time.sleep(0.05)  # long enough for the other threads to arrive meanwhile
        return pd.DataFrame({"unit": ["x"], "year": [year]})

    monkeypatch.setattr(kb, "_national_summary", counting)
    st = _Store()
    out: list = []
    threads = [threading.Thread(target=lambda: out.append(kb.national_summary(st, 2023))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [(("inode", 1), 2023)] and len(out) == 8
    out[0].loc[0, "unit"] = "ändrad"  # callers get copies
    assert kb.national_summary(st, 2023)["unit"].iloc[0] == "x"
    kb.national_summary(st, 2022)
    st.generation = ("inode", 2)  # an import replaced the store file
    kb.national_summary(st, 2023)
    assert calls == [(("inode", 1), 2023), (("inode", 1), 2022), (("inode", 2), 2023)]
    # the shared result is the same as computing it directly
    monkeypatch.setattr(kb, "_national_summary", real)
    year = kb.require_types_years(bundled_store, None)[-1]
    pd.testing.assert_frame_equal(kb.national_summary(bundled_store, year), real(bundled_store, year))


def test_kolada_groups_parsed_once_per_generation(bundled_store, monkeypatch):
    from lagesbild.typology import similar

    calls: list[int] = []
    real = similar._build_kolada_index

    def counting(store):
        calls.append(1)
        return real(store)

    from lagesbild.store.generations import forget_shared

    similar._INDEX.pop(bundled_store, None)
    forget_shared(bundled_store)  # the groups by kommun name are kept per generation too
    monkeypatch.setattr(similar, "_build_kolada_index", counting)
    a = similar.comparison_groups(bundled_store, "1480")
    b = similar.comparison_groups(bundled_store, "0180")
    assert len(calls) == 1
    # the same answer as from a freshly parsed index
    similar._INDEX.pop(bundled_store, None)
    forget_shared(bundled_store)
    assert similar.comparison_groups(bundled_store, "1480") == a and len(calls) == 2
    assert b["kommun"] == "0180" and b["kolada"] != a["kolada"]


def test_indicator_values_once_per_generation(bundled_store, monkeypatch):
    from lagesbild.store.generations import forget_shared
    from lagesbild.typology import indicators as ind

    year = kb.require_types_years(bundled_store, None)[-1]
    forget_shared(bundled_store)  # earlier tests in this process may have filled the shared blocks
    calls: list[tuple] = []
    real = ind._indicator_values

    def counting(store, level, year, version, indicators):
        calls.append((level, year))
        return real(store, level, year, version, indicators)

    monkeypatch.setattr(ind, "_indicator_values", counting)
    a = ind.indicator_values(bundled_store, level="regso", year=year)
    a.loc[a.index[0], "value"] = -1.0  # a caller's change stays its own
    b = ind.indicator_values(bundled_store, level="regso", year=year)
    assert calls == [("regso", year)]
    pd.testing.assert_frame_equal(b, real(bundled_store, "regso", year, None, ind.CATALOGUE))


def test_per_generation_follows_the_file():
    from lagesbild.store.generations import per_generation

    st = _Store()
    n: list[int] = []
    assert per_generation(st, "k", lambda: n.append(1) or "a") == "a"
    assert per_generation(st, "k", lambda: n.append(1) or "b") == "a" and n == [1]
    st.generation = ("inode", 9)
    assert per_generation(st, "k", lambda: n.append(1) or "c") == "c" and n == [1, 1]
