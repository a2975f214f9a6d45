"""The one palette of områdestyper, shared by the web app and the report.

ColorBrewer PuOr (5 classes; Brewer, Harrower & the Pennsylvania State University, colorbrewer2.org),
marked colour-blind safe there: orange for socio-economic challenges (types 1–2), grey for mixed
areas (3), purple for good conditions (4–5). Diverging, so the order 1 → 5 reads without colour
names, and it stays distinguishable for deuteranopia and protanopia.
"""

from __future__ import annotations

__all__ = ["TYPE_COLORS", "TYPE_COLOR_LIST", "NO_VALUE_COLOR"]

#: Områdestyp (1 = stora socioekonomiska utmaningar … 5 = mycket goda förutsättningar) → colour.
TYPE_COLORS: dict[int, str] = {1: "#b35806", 2: "#f1a340", 3: "#bdbdbd", 4: "#998ec3", 5: "#542788"}
#: The same colours as a list in type order (for chart scales).
TYPE_COLOR_LIST: list[str] = [TYPE_COLORS[i] for i in range(1, 6)]
#: Areas without a type (suppressed or missing).
NO_VALUE_COLOR = "#ffffff"

#: Share of the population living in områdestyp 1–2 (percent): class upper bounds and colours
#: (ColorBrewer Oranges, 5 classes, colour-blind safe; the first class is "no such area").
SHARE_12_BREAKS: list[float] = [0.0, 5.0, 10.0, 20.0, 30.0]
SHARE_12_COLORS: list[str] = ["#f2f2f2", "#fdd0a2", "#fdae6b", "#f16913", "#a63603", "#7f2704"]
