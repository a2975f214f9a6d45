"""Map options that all answer, search by name without diacritics and by short code, the English UI."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest

bs4 = pytest.importorskip("bs4")


def _options(html, select_id):
    sel = bs4.BeautifulSoup(html, "html.parser").find("select", id=select_id)
    return [o.get("value", o.get_text(strip=True)) for o in sel.find_all("option")]


def _selected(html, select_id):
    sel = bs4.BeautifulSoup(html, "html.parser").find("select", id=select_id)
    o = sel.find("option", selected=True) or sel.find("option")
    return o.get("value", o.get_text(strip=True))


@pytest.mark.parametrize("kommun", ["1480", "0127"])
def test_every_map_option_answers_200(client, kommun):
    """Walk the map form as a visitor does: change one select, keep the others, submit."""
    start = client.get("/karta", params={"kommun": kommun})
    assert start.status_code == 200
    seen = 0
    for level in _options(start.text, "level"):
        page = client.get("/karta", params={"kommun": kommun, "level": level})
        assert page.status_code == 200, (kommun, level)
        assert _selected(page.text, "level") == level
        year_now = _selected(page.text, "year")
        for variable in _options(page.text, "variable"):
            # the year select keeps its value when the visitor picks another layer
            url = "/karta?" + urlencode({"kommun": kommun, "level": level, "variable": variable, "year": year_now})
            r = client.get(url)
            assert r.status_code == 200, url
            assert _selected(r.text, "variable") == variable
            years = _options(r.text, "year")
            assert years, url
            # the map's data behind the page answers too, for the year it shows
            shown = _selected(r.text, "year")
            data = client.get(f"/api/v1/map/{kommun}", params={"level": level, "variable": variable, "year": shown})
            assert data.status_code == 200, (url, shown)
            assert data.json(), url
            seen += 1
        # every year offered for the default layer answers
        for y in _options(page.text, "year"):
            r = client.get("/karta", params={"kommun": kommun, "level": level, "year": y})
            assert r.status_code == 200 and _selected(r.text, "year") == y
    assert seen >= 10


def test_map_never_offers_a_level_without_data(client):
    html = client.get("/karta", params={"kommun": "1480"}).text
    assert _options(html, "level") == ["regso"]  # Göteborg's DeSO boundaries carry no values
    # an old link to the empty level shows the nearest map with data and says so
    r = client.get("/karta", params={"kommun": "1480", "level": "deso"})
    assert r.status_code == 200 and _selected(r.text, "level") == "regso" and 'role="status"' in r.text


def test_map_legend_names_the_types(client):
    html = client.get("/karta", params={"kommun": "1480", "variable": "omradestyp", "year": 2023}).text
    div = bs4.BeautifulSoup(html, "html.parser").find(id="map")
    import json

    labels = json.loads(div["data-type-labels"])
    assert labels["1"] == "1 Områden med stora socioekonomiska utmaningar"
    assert labels["5"].startswith("5 Områden med mycket goda")


@pytest.mark.parametrize("q, code", [("goteborg", "1480"), ("GOTEBORG", "1480"), ("malmo", "1280"),
                                     ("127", "0127"), ("0127", "0127"), ("180", "0180")])
def test_search_without_diacritics_and_by_short_code(client, q, code):
    r = client.get("/", params={"q": q}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/kommun/{code}", (q, r.status_code)


def test_search_still_finds_parts_of_names(client):
    r = client.get("/", params={"q": "borg"})
    assert r.status_code == 200
    from lagesbild.services.web import fold

    hits = bs4.BeautifulSoup(r.text, "html.parser").find("ul", class_="hits")
    names = [a.get_text() for a in hits.find_all("a")]
    assert "Göteborg" in names and all("borg" in fold(n) for n in names)
    assert fold("Göteborg") == "goteborg" and fold("Åre") == "are"


ENGLISH_PAGES = ["/", "/kommun/1480", "/kommun/0127?year=2022", "/omrade/1480R001", "/karta",
                 "/karta?kommun=1480", "/karta?kommun=1480&variable=andel_utrikes_fodda", "/jamfor",
                 "/jamfor?codes=1480,0180", "/jamfor?codes=1480R001,1480R002", "/rapport/1480"]


def _ui_words_sv():
    """Swedish texts of the app's catalogue that differ from their English version."""
    from lagesbild.i18n import catalogue

    out = set()
    for key, (sv, en) in catalogue().items():
        if key.startswith("app.") and sv != en and "{" not in sv and len(sv) >= 5:
            out.add(sv)
    return out


@pytest.mark.parametrize("url", ENGLISH_PAGES)
def test_english_pages_have_no_swedish_ui_words(client, url):
    r = client.get(url + ("&" if "?" in url else "?") + "lang=en")
    assert r.status_code == 200, url
    soup = bs4.BeautifulSoup(r.text, "html.parser")
    for x in soup(["script", "style"]):
        x.decompose()
    shown = soup.get_text("\n")
    attrs = " ".join(str(v) for tag in soup.find_all(True) for k, v in tag.attrs.items()
                     if k in ("aria-label", "title", "alt", "placeholder", "data-legend", "data-no-value"))
    text = shown + "\n" + attrs
    lines = {x.strip() for x in text.splitlines() if x.strip()}
    found = sorted(w for w in _ui_words_sv() if w in lines or re.search(rf"(?<!\w){re.escape(w)}(?!\w)", attrs))
    assert not found, f"{url}: {found}"
    for word in ("Ladda ner", "Områdestyp", "Folkmängd", "Teckenförklaring", "Nyckeltal", "Välj kommun"):
        assert word not in text, (url, word)


def test_overview_map_values_are_the_kommun_pages_values(client):
    """The start page's overview colours every kommun by the share in types 1–2 its own page shows."""
    html = client.get("/").text
    soup = bs4.BeautifulSoup(html, "html.parser")
    paths = soup.select(".overview-map a")
    assert len(paths) == 290
    titles = {a["href"].rsplit("/", 1)[1]: a.find("title").get_text() for a in paths}
    assert titles["1480"].startswith("Göteborg: ")
    kommun = bs4.BeautifulSoup(client.get("/kommun/1480").text, "html.parser")
    rows = kommun.find("table", id="tab-omradestyper").find("tbody").find_all("tr")
    share = {int(r.find_all(["th", "td"])[0].get_text(strip=True)): r.find_all(["th", "td"])[-1].get_text(strip=True)
             for r in rows}
    s12 = float(share[1].replace(",", ".")) + float(share[2].replace(",", "."))
    shown = float(titles["1480"].split(": ")[1].rstrip(" %").replace(",", "."))
    assert shown == pytest.approx(s12, abs=0.11)
    fills = {a.find("path")["fill"] for a in paths}
    assert len(fills) >= 4  # the classes are used


def test_area_page_explains_every_indicator(client):
    soup = bs4.BeautifulSoup(client.get("/omrade/1480R001", params={"year": 2023}).text, "html.parser")
    panel = [tr.find(["th", "td"]).get_text(strip=True)
             for tr in soup.find("table", id="tab-indikatorer").find("tbody").find_all("tr")]
    about = soup.find("dl", class_="about")
    terms = [dt.get_text(strip=True) for dt in about.find_all("dt")]
    texts = [dd.get_text(strip=True) for dd in about.find_all("dd")]
    assert terms == panel
    assert all("Källa:" in x and "år 2023" in x for x in texts)
    unemployed = texts[terms.index("Andel arbetslösa, 20–64 år")]
    assert "Täljare: arbetslösa 20–64 år" in unemployed and "Lägre värde är bättre" in unemployed
    en = bs4.BeautifulSoup(client.get("/omrade/1480R001", params={"year": 2023, "lang": "en"}).text, "html.parser")
    assert all("Source:" in dd.get_text() for dd in en.find("dl", class_="about").find_all("dd"))


@pytest.mark.parametrize("names, codes", [("goteborg, stockholm", "1480,0180"), ("Göteborg,127", "1480,0127"),
                                          ("Angered centrum-Agnesberg, annedal-änggården", "1480R001,1480R002")])
def test_compare_by_name(client, names, codes):
    r = client.get("/jamfor", params={"codes": names, "year": 2023}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/jamfor?codes={codes}&year=2023"


def test_compare_by_name_refuses_an_unknown_name(client):
    r = client.get("/jamfor", params={"codes": "Atlantis, Göteborg"})
    assert r.status_code == 422 and "Atlantis" in r.text


def test_area_comparison_has_references_and_a_chart(client):
    soup = bs4.BeautifulSoup(client.get("/jamfor", params={"codes": "1480R001,1480R002", "year": 2023}).text,
                             "html.parser")
    heads = [th.get_text(strip=True) for th in soup.find("table", id="tab-jamfor").find("thead").find_all("th")]
    assert heads[-2:] == ["Göteborg", "Riket"]
    assert soup.find(id="chart-compare") is not None
    # the riket reference equals the riket value on the area's own page
    area = bs4.BeautifulSoup(client.get("/omrade/1480R001", params={"year": 2023}).text, "html.parser")
    a_rows = {tr.find(["th", "td"]).get_text(strip=True): [c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
              for tr in area.find("table", id="tab-indikatorer").find("tbody").find_all("tr")}
    c_rows = soup.find("table", id="tab-jamfor").find("tbody").find_all("tr")
    checked = 0
    for tr in c_rows:
        cells = [c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
        if cells[0] in a_rows and cells[-1] != "–":
            assert cells[-1] == a_rows[cells[0]][3] and cells[-2] == a_rows[cells[0]][2], cells[0]
            checked += 1
    assert checked >= 1


def test_kommun_comparison_has_the_riket_row(client):
    soup = bs4.BeautifulSoup(client.get("/jamfor", params={"codes": "1480,0180", "year": 2023}).text, "html.parser")
    rows = [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
            for tr in soup.find("table", id="tab-jamfor").find("tbody").find_all("tr")]
    assert [r[1] for r in rows] == ["Göteborg", "Stockholm", "Riket"]
    riket = [float(x.replace(",", ".").replace("\u202f", "")) for x in rows[2][2:]]
    # identities: share in types 1–2 = type 1 + type 2; the five types sum to 100 %
    assert riket[1] == pytest.approx(riket[3] + riket[4], abs=0.11)
    assert sum(riket[3:8]) == pytest.approx(100, abs=0.3)
    assert riket[0] > 10_000_000  # the whole population, not a kommun's
