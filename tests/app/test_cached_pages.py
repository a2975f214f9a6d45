"""A kommun page already made is answered from memory on the event loop (no thread of the pool),
in the visitor's language; a first visit and a new store generation build it in the pool."""

from __future__ import annotations

from lagesbild.app import pages


def test_second_visit_skips_the_thread_pool(client, monkeypatch):
    calls: list[str] = []
    real = pages.run_in_threadpool

    async def counting(fn, *a, **kw):
        calls.append(a[1])
        return await real(fn, *a, **kw)

    monkeypatch.setattr(pages, "run_in_threadpool", counting)
    first = client.get("/kommun/1480?year=2023")
    again = client.get("/kommun/1480?year=2023")
    assert first.status_code == again.status_code == 200 and first.content == again.content
    assert calls == ["1480"]
    client.cookies.set("lang", "en")
    try:
        en = client.get("/kommun/1480?year=2023")  # another language: built once
    finally:
        client.cookies.delete("lang")
    assert en.status_code == 200 and en.content != first.content and calls == ["1480", "1480"]
    client.app.state.data.html.clear()  # as after an import: built again
    assert client.get("/kommun/1480?year=2023").content == first.content and len(calls) == 3
    assert client.get("/kommun/9999").status_code == 404 and len(calls) == 4


def test_table_rows_are_the_records_of_the_shown_columns():
    """Table.rows builds the rows column by column; it must give what to_dict("records") gives,
    missing values and types included, for the columns shown only."""
    import math

    import numpy as np
    import pandas as pd

    from lagesbild.app.views import Table

    df = pd.DataFrame({"code": pd.array(["0127", None, "1480"], dtype="str"),
                       "n": pd.array([1, None, 3], dtype="Int64"), "share": [0.5, np.nan, 1.0],
                       "flag": [True, False, True], "note": ["a", None, "c"], "hidden": [1, 2, 3]})
    tab = Table("t", "T", df, [(c, c, "text") for c in ("code", "n", "share", "flag", "note")])
    want = df[["code", "n", "share", "flag", "note"]].to_dict("records")
    got = tab.rows()
    assert len(got) == 3 and all(list(g) == list(w) for g, w in zip(got, want))
    for g, w in zip(got, want):
        for c in w:
            a, b = g[c], w[c]
            assert type(a) is type(b), (c, a, b)
            assert (a is b) or a == b or (isinstance(a, float) and math.isnan(a) and math.isnan(b)), (c, a, b)
    assert "hidden" not in got[0]


def test_shares_by_year_is_the_pivot_of_the_types_table():
    """The trend table's type columns: the pivot_table they replace, missing and suppressed shares
    (None) skipped as aggfunc "first" skips them, all-missing types and years dropped."""
    import pandas as pd

    from lagesbild.app.views import shares_by_year

    ta = pd.DataFrame({"year": [2021, 2021, 2022, 2022, 2023, 2023, 2022],
                       "omradestyp": [1, 2, 1, 2, 1, 5, 1],
                       "share_population": [0.25, None, 0.5, 0.125, None, None, 0.75]})
    want = ta.pivot_table(index="year", columns="omradestyp", values="share_population", aggfunc="first")
    want.columns = [f"typ_{int(c)}" for c in want.columns]
    got = shares_by_year(ta)
    pd.testing.assert_frame_equal(got, want, check_column_type=False)
    assert list(got.columns) == ["typ_1", "typ_2"] and list(got.index) == [2021, 2022]
    assert got.loc[2022, "typ_1"] == 0.5  # the first of two
