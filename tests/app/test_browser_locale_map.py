"""Browser: charts in Swedish number format, the map legend with the types' names (screenshots, axe)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed (/usr/bin/chromium); "
                                                     ".ci/run installs it"),
]


def _tick_texts(page, selector):
    return page.eval_on_selector_all(f"{selector} svg text", "els => els.map(e => e.textContent)")


def test_charts_use_swedish_numbers(page):
    page.goto("/kommun/1480?year=2023")
    page.wait_for_selector("#chart-trend[data-rendered] svg")
    texts = _tick_texts(page, "#chart-trend") + _tick_texts(page, "#chart-dist")
    numbers = [x for x in texts if re.fullmatch(r"[−-]?[\d\s\u00a0.,]+", x.strip())]
    assert numbers, texts
    assert not [x for x in numbers if "." in x], numbers             # no decimal point
    assert not [x for x in numbers if re.search(r"\d,\d{3}\b", x)], numbers  # no comma thousands
    assert any("," in x for x in numbers), numbers  # the share born abroad axis has decimals (e.g. 29,5)
    page.check_page("kommun_1480_chart_locale")


def test_charts_in_english_keep_english_numbers(page):
    page.goto("/kommun/1480?year=2023&lang=en")
    page.wait_for_selector("#chart-trend[data-rendered] svg")
    numbers = [x for x in _tick_texts(page, "#chart-trend") if re.fullmatch(r"[−-]?[\d.,]+", x.strip())]
    assert numbers and not [x for x in numbers if re.search(r"\d,\d$", x)], numbers


def test_map_legend_names_the_types(page):
    page.goto("/karta?kommun=1480&level=regso&variable=omradestyp&year=2023")
    page.wait_for_selector("#map[data-ready]")
    legend = page.locator(".legend").inner_text()
    assert "Områden med stora socioekonomiska utmaningar" in legend
    assert "Socioekonomiskt blandade områden" in legend
    assert not re.search(r"\btyp [1-5]\b", legend)
    page.check_page("map_1480_legend")


def test_map_fallback_note_is_visible(page):
    page.goto("/karta?kommun=1480&level=deso&variable=omradestyp&year=2023")
    page.wait_for_selector("#map[data-ready]")
    assert page.locator("p[role=status]").is_visible()
    page.check_page("map_1480_fallback")


def test_start_page_overview_map(page):
    page.goto("/")
    svg = page.locator(".overview-map svg")
    assert svg.is_visible()
    assert page.locator(".overview-map path").count() == 290
    box = svg.bounding_box()
    assert box["height"] > box["width"] * 1.5  # Sweden, north up
    page.check_page("start_overview")


def test_area_page_small_map(page):
    page.goto("/omrade/1480R001?year=2023")
    fig = page.locator("figure.locator")
    assert fig.is_visible() and "Angered" in fig.inner_text()
    assert page.locator("figure.locator path").count() == 147  # the kommun's RegSO, one highlighted
    assert page.locator("figure.locator path[stroke-width='1.5']").count() == 1
    page.check_page("area_1480R001_locator")


def test_compare_areas_by_name(page):
    page.goto("/jamfor")
    page.fill("#codes", "Angered centrum-Agnesberg, annedal-änggården")
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(r"codes=1480R001,1480R002"))
    page.wait_for_selector("#chart-compare[data-rendered] svg")
    legend = " ".join(page.eval_on_selector_all("#chart-compare svg text", "els => els.map(e => e.textContent)"))
    assert "Riket" in legend and "Göteborg" in legend and "Angered centrum-Agnesberg" in legend
    page.check_page("compare_areas_by_name")
