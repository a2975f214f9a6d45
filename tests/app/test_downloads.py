"""Every download link on every page returns the data that page shows, for the page's year.

The pages are parsed as a visitor's browser would (links HTML-unescaped once); each CSV is
compared cell by cell with the table on the page (Excel dialect: the page's numbers without the
thousands space, ASCII minus), and each Excel sheet header with the page's table headers.
"""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlsplit

import pytest

bs4 = pytest.importorskip("bs4")

PAGES = [
    "/kommun/1480?year=2022",
    "/kommun/1480?year=2023",
    "/kommun/0127?year=2022",
    "/omrade/1480R001?year=2022",
    "/karta?kommun=1480&level=regso&variable=omradestyp&year=2022",
    "/jamfor?codes=1480,0180&year=2022",
    "/jamfor?codes=1480R001,1480R002&year=2022",
]


def _soup(html):
    return bs4.BeautifulSoup(html, "html.parser")


def _page_table(soup, tid):
    tab = soup.find("table", id=f"tab-{tid}")
    assert tab is not None, f"no table {tid} on the page"
    heads = [th.get_text(" ", strip=True) for th in tab.find("thead").find_all("th")]
    rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in tab.find("tbody").find_all("tr")]
    return heads, rows


def _as_csv_cell(text):
    """A page cell as the Excel-dialect CSV writes it."""
    text = text.replace("\u202f", "").replace("\u2212", "-")
    return "" if text == "–" else text


def _links(html):
    return [a["href"] for a in _soup(html).find_all("a", href=True) if a["href"].startswith("/ladda-ner/")]


@pytest.mark.parametrize("url", PAGES)
def test_every_download_link_returns_the_page_data(client, url):
    r = client.get(url)
    assert r.status_code == 200, url
    soup = _soup(r.text)
    year = parse_qs(urlsplit(url).query)["year"][0]
    links = _links(r.text)
    assert links, f"no download links on {url}"
    assert all("&amp;" not in href for href in links), links  # escaped once, not twice
    for href in links:
        q = parse_qs(urlsplit(href).query)
        q.setdefault("table", [soup.find("table")["id"].removeprefix("tab-")])  # the page's first table
        assert q.get("year") == [year], f"{href} on {url} does not carry year={year}"
        got = client.get(href)
        assert got.status_code == 200, (href, got.text[:200])
        if ".csv" in href and q.get("dialect") == ["maskin"]:
            rows = list(csv.reader(io.StringIO(got.content.decode("utf-8"))))
            assert not got.content.startswith(b"\xef\xbb\xbf")
            heads, page_rows = _page_table(soup, q["table"][0])
            assert rows[0] == heads and len(rows) - 1 == len(page_rows)
        elif ".csv" in href:
            assert got.content.startswith(b"\xef\xbb\xbf"), "Excel CSV starts with a BOM"
            rows = list(csv.reader(io.StringIO(got.content.decode("utf-8-sig")), delimiter=";"))
            heads, page_rows = _page_table(soup, q["table"][0])
            assert rows[0] == heads
            assert rows[1:] == [[_as_csv_cell(c) for c in pr] for pr in page_rows], href
        elif ".xlsx" in href:
            import openpyxl

            wb = openpyxl.load_workbook(io.BytesIO(got.content))
            for ws in wb.worksheets:
                header = [c.value for c in ws[1]]
                assert all(h not in (None, "") for h in header), (href, ws.title, header)
                if soup.find("table", id=f"tab-{ws.title}") is not None:
                    heads, page_rows = _page_table(soup, ws.title)
                    assert header == heads and ws.max_row - 1 == len(page_rows), (href, ws.title)


def test_kommun_csv_link_for_2022_returns_2022_rows(client):
    """The reported defect: on /kommun/1480?year=2022 the CSV link downloaded 2023 data."""
    html = client.get("/kommun/1480", params={"year": 2022}).text
    href = next(h for h in _links(html) if "table=omradestyper" in h and "dialect" not in h)
    got = list(csv.DictReader(io.StringIO(client.get(href).content.decode("utf-8-sig")), delimiter=";"))
    y22 = [r for r in csv.DictReader(io.StringIO(client.get(
        "/ladda-ner/kommun.csv", params={"kommun": "1480", "year": 2022, "table": "omradestyper"}
    ).content.decode("utf-8-sig")), delimiter=";")]
    y23 = [r for r in csv.DictReader(io.StringIO(client.get(
        "/ladda-ner/kommun.csv", params={"kommun": "1480", "year": 2023, "table": "omradestyper"}
    ).content.decode("utf-8-sig")), delimiter=";")]
    assert y22 != y23, "the two years must differ for this test to be able to fail"
    assert got == y22


def test_excel_dialect_and_machine_dialect(client):
    p = {"kommun": "1480", "year": 2023, "table": "omradestyper"}
    excel = client.get("/ladda-ner/kommun.csv", params=p).content.decode("utf-8-sig")
    machine = client.get("/ladda-ner/kommun.csv", params=p | {"dialect": "maskin"}).content.decode("utf-8")
    ex = list(csv.reader(io.StringIO(excel), delimiter=";"))
    ma = list(csv.reader(io.StringIO(machine)))
    assert ex[0] == ma[0] and len(ex) == len(ma)
    for e_row, m_row in zip(ex[1:], ma[1:]):
        for e, m in zip(e_row, m_row):
            if m and m.replace(".", "", 1).lstrip("-").isdigit() and "." in m:
                # shown as the page shows it: the machine value rounded, with a decimal comma
                assert "." not in e and float(e.replace(",", ".")) == pytest.approx(float(m), abs=0.051)
                assert len(e.split(",")[1]) == 1  # percentages have one decimal
    assert client.get("/ladda-ner/kommun.csv", params=p | {"dialect": "x"}).status_code == 422
