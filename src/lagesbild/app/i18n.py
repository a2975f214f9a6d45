"""Swedish interface texts with English translations, and number formatting.

Swedish is the default; ``?lang=en`` or the ``lang`` cookie (set by the language link)
switches to English. Data labels from the store have English variants where the store has
them (``label_en``); indicator texts from the services are Swedish only.
"""

from __future__ import annotations

import math

__all__ = ["TEXT", "t", "fmt_num", "get_lang", "LANGS"]

LANGS = ("sv", "en")

TEXT: dict[str, tuple[str, str]] = {
    "app": ("Lägesbild", "Lägesbild"),
    "tagline": ("Segregation och socioekonomiska förutsättningar i Sveriges kommuner",
                "Segregation and socio-economic conditions in Sweden's municipalities"),
    "skip": ("Hoppa till innehållet", "Skip to content"),
    "nav_start": ("Start", "Home"), "nav_map": ("Karta", "Map"), "nav_compare": ("Jämför", "Compare"),
    "nav_api": ("API", "API"), "nav_label": ("Huvudmeny", "Main menu"),
    "other_lang": ("English", "Svenska"), "other_lang_code": ("en", "sv"),
    "choose_kommun": ("Välj kommun", "Choose a municipality"),
    "search_label": ("Sök kommun på namn eller kod", "Search municipality by name or code"),
    "search": ("Sök", "Search"), "hits": ("träffar", "matches"),
    "no_hits": ("Ingen kommun matchar sökningen.", "No municipality matches the search."),
    "all_kommuner": ("Alla kommuner", "All municipalities"),
    "code": ("Kod", "Code"), "name": ("Namn", "Name"), "lan": ("Län", "County"),
    "kommun": ("Kommun", "Municipality"), "year": ("År", "Year"), "level": ("Nivå", "Level"),
    "show": ("Visa", "Show"), "value": ("Värde", "Value"), "unit": ("Enhet", "Unit"),
    "population": ("Folkmängd", "Population"), "type": ("Områdestyp", "Area type"),
    "types": ("Områdestyper", "Area types"),
    "types_dist": ("Områdestyper: andel av befolkningen per typ",
                   "Area types: share of the population per type"),
    "n_regso": ("Antal RegSO", "Number of RegSO"), "share_regso": ("Andel av RegSO (%)", "Share of RegSO (%)"),
    "share_pop": ("Andel av befolkningen (%)", "Share of population (%)"),
    "share_12": ("Andel i typ 1–2 (%)", "Share in types 1–2 (%)"),
    "share_45": ("Andel i typ 4–5 (%)", "Share in types 4–5 (%)"),
    "key_figures": ("Nyckeltal", "Key figures"), "riket": ("Riket", "Sweden"),
    "transitions": ("Förändring av områdestyp", "Change of area type"),
    "improved": ("förbättrade", "improved"), "worsened": ("försämrade", "worsened"),
    "stable": ("oförändrade", "unchanged"),
    "trend": ("Utveckling", "Trend"), "share_abroad": ("Andel födda utomlands (%)", "Share born abroad (%)"),
    "indices": ("Segregationsindex med osäkerhet", "Segregation indices with uncertainty"),
    "indices_intro": ("Födda utomlands jämfört med födda i Sverige, över kommunens RegSO. "
                      "Intervallet är ett 95 % konfidensintervall (biaskorrigerad bootstrap).",
                      "Born abroad compared with born in Sweden, over the municipality's RegSO. "
                      "The interval is a 95 % confidence interval (bias-corrected bootstrap)."),
    "index": ("Index", "Index"), "ci": ("95 % intervall", "95 % interval"),
    "ojamlikhet": ("Ojämlikhetsindex", "Inequality index"),
    "sei": ("Socioekonomiskt index", "Socio-economic index"),
    "uncertain_n": ("områden med osäker klassning", "areas with uncertain classification"),
    "similar": ("Liknande kommuner", "Similar municipalities"),
    "group": ("Grupp", "Group"), "group_mean": ("Gruppens medel", "Group mean"),
    "rank": ("Rang", "Rank"), "compare_similar": ("Jämför med liknande kommuner", "Compare with similar municipalities"),
    "eligibility": ("Delmos regel 2022", "Delmos rule 2022"),
    "areas": ("Områden", "Areas"), "change": ("Förändring", "Change"),
    "uncertain": ("osäker klassning", "uncertain classification"),
    "approximate": ("ungefärlig (gränsen har ändrats)", "approximate (boundary changed)"),
    "downloads": ("Ladda ner", "Download"), "csv": ("CSV", "CSV"), "xlsx": ("Excel", "Excel"),
    "gpkg": ("GeoPackage", "GeoPackage"),
    "map_of": ("Karta", "Map"), "open_map": ("Visa på karta", "Show on map"),
    "report": ("Rapport", "Report"), "open_report": ("Nulägesanalys (rapport)", "Situation analysis (report)"),
    "indicator": ("Indikator", "Indicator"), "layer": ("Visa", "Show"),
    "legend": ("Teckenförklaring", "Legend"), "no_value": ("värde saknas", "no value"),
    "map_alt": ("Kartan visar samma värden som tabellen nedan.",
                "The map shows the same values as the table below."),
    "table_view": ("Tabell", "Table"), "hover_hint": ("Peka på ett område för att se värdet; klicka för att öppna det.",
                                                     "Point at an area to see its value; click to open it."),
    "panel": ("Indikatorer", "Indicators"), "kommun_value": ("Kommunen", "Municipality"),
    "riket_value": ("Riket", "Sweden"), "pct_kommun": ("Percentil i kommunen", "Percentile in municipality"),
    "status": ("Status", "Status"), "note": ("Anmärkning", "Note"),
    "type_history": ("Områdestyp över tid", "Area type over time"),
    "flags": ("Flaggor", "Flags"), "flagged": ("flaggat", "flagged"), "not_flagged": ("inte flaggat", "not flagged"),
    "values_over_time": ("Värden över tid", "Values over time"),
    "compare": ("Jämför områden eller kommuner", "Compare areas or municipalities"),
    "compare_help": ("Ange två till fyra kommunkoder (t.ex. 1480,0180) eller områdeskoder "
                     "(t.ex. 1480R001,1480R002), åtskilda med komma.",
                     "Give two to four municipality codes (e.g. 1480,0180) or area codes "
                     "(e.g. 1480R001,1480R002), separated by commas."),
    "codes": ("Koder", "Codes"),
    "report_missing": ("Rapportgenerering finns inte ännu i den här versionen av lagesbild. "
                       "Tabellerna på kommunsidan kan laddas ner som CSV och Excel.",
                       "Report generation is not available yet in this version of lagesbild. "
                       "The tables on the municipality page can be downloaded as CSV and Excel."),
    "report_make": ("Skapa rapport", "Create report"), "format": ("Format", "Format"),
    "error": ("Fel", "Error"), "back_home": ("Till startsidan", "Back to the start page"),
    "not_found": ("Sidan eller uppgiften finns inte", "The page or the data does not exist"),
    "bad_request": ("Felaktig adress eller parameter", "Malformed address or parameter"),
    "server_error": ("Något gick fel i tjänsten. Försök igen senare.",
                     "Something went wrong in the service. Please try again later."),
    "sources": ("Källa", "Source"), "notes": ("Anmärkningar", "Notes"),
    "api_title": ("API, version 1", "API, version 1"),
    "api_intro": ("Alla sidor bygger på samma tjänster som API:t. Svaren är JSON (kartgränser "
                  "GeoJSON i EPSG:4326). Hela beskrivningen i OpenAPI-format:",
                  "Every page uses the same services as the API. Responses are JSON (boundaries "
                  "GeoJSON in EPSG:4326). The full description in OpenAPI format:"),
    "parameters": ("Parametrar", "Parameters"), "footer": (
        "Data: SCB, Delmos, Valmyndigheten, Skolverket, SKR och Kolada. Kartan använder inga "
        "externa kartor.", "Data: SCB, Delmos, Valmyndigheten, Skolverket, SKR and Kolada. The map "
        "uses no external tiles."),
    "chart_table_note": ("Diagrammet visar samma värden som tabellen.",
                         "The chart shows the same values as the table."),
}

_TYPE_KEYS = {1: "typ 1", 2: "typ 2", 3: "typ 3", 4: "typ 4", 5: "typ 5"}


def t(key: str, lang: str = "sv") -> str:
    """The text ``key`` in ``lang`` (Swedish when the key has no English)."""
    sv, en = TEXT[key]
    return en if lang == "en" else sv


def fmt_num(value, lang: str = "sv", decimals: int | None = None) -> str:
    """A number for display: Swedish decimal comma and thin-space thousands; "–" when missing."""
    if value is None or isinstance(value, str):
        return "–" if value is None else value
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(v):
        return "–"
    if decimals is None:
        decimals = 0 if (v == int(v) and abs(v) >= 1) or abs(v) >= 1000 else (1 if abs(v) >= 10 else 3)
    s = f"{v:,.{decimals}f}"
    if lang == "en":
        return s
    return s.replace(",", "\u202f").replace(".", ",").replace("-", "−")


def get_lang(request) -> str:
    """``?lang=`` first, then the ``lang`` cookie, else Swedish."""
    q = request.query_params.get("lang")
    if q in LANGS:
        return q
    c = request.cookies.get("lang")
    return c if c in LANGS else "sv"
