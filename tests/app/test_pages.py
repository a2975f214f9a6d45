"""Pages, language, downloads, error pages and the security basics."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest


def test_start_page_and_search(client):
    r = client.get("/")
    assert r.status_code == 200
    assert '<html lang="sv">' in r.text
    assert r.text.count('href="/kommun/') >= 290
    r = client.get("/", params={"q": "borg"})
    hits = r.text.split('<ul class="hits">')[1].split("</ul>")[0]
    assert "Göteborg" in hits and "Vänersborg" in hits and "Sundbyberg" not in hits
    r = client.get("/", params={"q": "1480"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/kommun/1480"


def test_kommun_page(client):
    r = client.get("/kommun/1480", params={"year": 2023})
    assert r.status_code == 200
    page = r.text
    assert "<h1>Göteborg" in page
    assert "Områden med stora socioekonomiska utmaningar" in page
    assert "Olikhetsindex (D)" in page and "95 %" in page  # indices with uncertainty
    assert "Storstäder" in page  # SKR group of similar kommuner
    assert 'href="/omrade/1480R001"' in page
    assert 'data-spec=' in page and "<script>" not in page  # charts via data attributes only


def test_english_toggle(client):
    r = client.get("/sprak/en", params={"next": "/kommun/1480"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/kommun/1480"
    assert "lang=en" in r.headers["set-cookie"]
    client.cookies.set("lang", "en")
    try:
        r = client.get("/kommun/1480")
    finally:
        client.cookies.clear()
    assert '<html lang="en">' in r.text and "Areas with major socio-economic challenges" in r.text
    # open redirects are refused
    for bad in ("//evil.example", "https://evil.example", "/\\evil"):
        r = client.get("/sprak/sv", params={"next": bad}, follow_redirects=False)
        assert r.headers["location"] == "/"
    assert client.get("/sprak/de").status_code == 422


def test_map_page_has_table_view(client):
    r = client.get("/karta", params={"kommun": "1480", "level": "regso", "variable": "omradestyp",
                                     "year": 2023})
    assert r.status_code == 200
    assert 'id="map" role="region" aria-label=' in r.text
    rows = re.findall(r'<th scope="row"><a href="/omrade/1480R\d{3}">', r.text)
    assert len(rows) == 147
    assert "ungefärlig" in r.text  # approximate joins RegSO2020 → RegSO2025 marked
    # a year without data for the layer shows the nearest year with data and says so
    r = client.get("/karta", params={"kommun": "1480", "year": 2015})
    assert r.status_code == 200 and 'role="status"' in r.text and "<option selected>2023</option>" in r.text
    assert client.get("/karta", params={"kommun": "1480", "level": "lan"}).status_code == 422
    assert client.get("/karta").status_code == 200


def test_area_and_compare_pages(client):
    r = client.get("/omrade/1480R001", params={"year": 2023})
    assert r.status_code == 200 and "Angered centrum-Agnesberg" in r.text
    assert "Områdestyp över tid" in r.text
    r = client.get("/jamfor", params={"codes": "1480R001,1480R002", "year": 2023})
    assert r.status_code == 200 and "Annedal-Änggården" in r.text
    r = client.get("/jamfor", params={"codes": "1480,0180"})
    assert r.status_code == 200 and "Stockholm" in r.text
    assert client.get("/jamfor", params={"codes": "1480"}).status_code == 422


def test_report_page(client):
    r = client.get("/rapport/1480")
    assert r.status_code == 200 and "Göteborg" in r.text
    assert client.get("/rapport/1480", params={"format": "exe"}).status_code == 422
    assert client.get("/rapport/12345").status_code == 422


def test_error_pages_are_swedish_and_plain(client):
    r = client.get("/kommun/9999")
    assert r.status_code == 404 and "Kommunkoden 9999 finns inte" in r.text and '<html lang="sv">' in r.text
    r = client.get("/kommun/99x9")
    assert r.status_code == 422 and "Parametern 'kommun'" in html.unescape(r.text)
    r = client.get("/kommun/1480", params={"year": "2023abc"})
    assert r.status_code == 422
    r = client.get("/finns/inte")
    assert r.status_code == 404 and "Sidan finns inte" in r.text
    r = client.get("/omrade/1480R999")
    assert r.status_code == 404
    for resp in (r, client.get("/kommun/1480", params={"year": "x"})):
        assert "Traceback" not in resp.text and "File \"" not in resp.text


def test_security_headers(client):
    for url in ("/", "/api/v1/kommuner", "/static/app.css", "/kommun/9999"):
        r = client.get(url)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert "default-src 'self'" in csp and "http" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "same-origin"


def test_no_inline_scripts_or_external_urls(client):
    for url in ("/", "/kommun/1480", "/karta?kommun=1480", "/omrade/1480R001", "/jamfor?codes=1480,0180"):
        page = client.get(url).text
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.S)
        assert scripts or url == "/"
        for attrs, body in scripts:
            assert 'src="/static/' in attrs and body.strip() == ""
        assert not re.search(r'(src|href)="(https?:)?//', page)


def test_request_limits(client):
    assert client.post("/api/v1/kommuner", content=b"x").status_code == 405
    assert client.get("/", params={"q": "a" * 3000}).status_code == 414
    r = client.request("GET", "/", content=b"x" * 20000, headers={"content-length": "20000"})
    assert r.status_code == 413


def test_downloads_match_the_page(client):
    r = client.get("/ladda-ner/kommun.csv", params={"kommun": "1480", "year": 2023, "table": "omraden"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 147 and rows[0]["Kod"] == "1480R001"
    page = client.get("/kommun/1480", params={"year": 2023}).text
    assert len(re.findall(r'<th scope="row"><a href="/omrade/', page)) == len(rows)
    r = client.get("/ladda-ner/karta.csv", params={"kommun": "1480", "level": "regso",
                                                   "variable": "omradestyp", "year": 2023})
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 147
    r = client.get("/ladda-ner/kommun.xlsx", params={"kommun": "1480", "year": 2023})
    assert r.status_code == 200 and r.content[:2] == b"PK"
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    assert {"omradestyper", "omraden"} <= set(wb.sheetnames)
    assert client.get("/ladda-ner/omrade.csv", params={"code": "1480R001"}).status_code == 200
    assert client.get("/ladda-ner/jamfor.csv", params={"codes": "1480,0180"}).status_code == 200
    assert client.get("/ladda-ner/kommun.exe", params={"kommun": "1480"}).status_code == 422
    assert client.get("/ladda-ner/omrade.gpkg", params={"code": "1480R001"}).status_code == 404
    assert client.get("/ladda-ner/kommun.csv", params={"kommun": "1480", "table": "x"}).status_code == 404


def test_geopackage_download(client, tmp_path):
    gpd = pytest.importorskip("geopandas")
    r = client.get("/ladda-ner/karta.gpkg", params={"kommun": "1480", "level": "regso",
                                                    "variable": "omradestyp", "year": 2023})
    assert r.status_code == 200
    p = tmp_path / "k.gpkg"
    p.write_bytes(r.content)
    g = gpd.read_file(p)
    assert len(g) == 147 and g.crs.to_epsg() == 3006


def test_api_docs_page(client):
    r = client.get("/api/v1/docs")
    assert r.status_code == 200 and "/api/v1/geometries/{kommun}" in r.text
