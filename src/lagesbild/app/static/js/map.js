/* The map: Leaflet without tiles (works offline). Boundaries come from the cached GeoJSON of
   /api/v1/geometries, values from /api/v1/map; both joined by area code. Hover shows the value
   (also in an aria-live line), click opens the area page. The table below the map holds the
   same values for keyboard and screen-reader users. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }
  var d = el.dataset, lang = d.lang || "sv";
  var typeColors = JSON.parse(d.typeColors || "{}");
  var typeLabels = JSON.parse(d.typeLabels || "{}");
  var SEQ = ["#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d"];
  var hover = document.getElementById("map-hover");
  var map = L.map(el, { zoomSnap: 0.25, attributionControl: false, preferCanvas: false });

  function fmt(v) {
    if (v === null || v === undefined) { return d.noValue; }
    var s = Number(v).toLocaleString(lang === "en" ? "en-GB" : "sv-SE", { maximumFractionDigits: 1 });
    return s + (d.unit && d.kind !== "category" ? " " + d.unit : "");
  }
  function breaks(values) {
    var v = values.filter(function (x) { return x !== null; }).sort(function (a, b) { return a - b; });
    if (!v.length) { return []; }
    var out = [];
    for (var i = 1; i < 5; i++) { out.push(v[Math.min(v.length - 1, Math.floor(i * v.length / 5))]); }
    return out;
  }
  function colour(v, br) {
    if (v === null || v === undefined) { return "#ffffff"; }
    if (d.kind === "category") { return typeColors[String(Math.round(v))] || "#999999"; }
    var i = 0; while (i < br.length && v >= br[i]) { i++; }
    return SEQ[i];
  }
  function legend(br, anyUnc, anyApprox) {
    var ctl = L.control({ position: "bottomright" });
    ctl.onAdd = function () {
      var div = L.DomUtil.create("div", "legend");
      var h = document.createElement("h3"); h.textContent = d.legend; div.appendChild(h);
      var ul = document.createElement("ul");
      function item(col, text, cls) {
        var li = document.createElement("li"), i = document.createElement("i");
        if (cls) { i.className = cls; } else { i.style.background = col; }
        li.appendChild(i); li.appendChild(document.createTextNode(text)); ul.appendChild(li);
      }
      if (d.kind === "category") {
        Object.keys(typeColors).forEach(function (k) { item(typeColors[k], typeLabels[k] || k); });
      } else {
        var lo = null;
        for (var i = 0; i <= br.length; i++) {
          var hi = i < br.length ? br[i] : null;
          item(SEQ[i], (lo === null ? "< " + fmt(hi) : (hi === null ? "≥ " + fmt(lo) : fmt(lo) + " – " + fmt(hi))));
          lo = hi;
        }
      }
      item("#ffffff", d.noValue);
      if (anyUnc) { item(null, d.uncertain, "dash"); }
      if (anyApprox) { item(null, d.approximate, "dot"); }
      div.appendChild(ul);
      return div;
    };
    ctl.addTo(map);
  }

  Promise.all([fetch(d.geojson).then(function (r) { return r.json(); }),
               fetch(d.values).then(function (r) { return r.json(); })]).then(function (res) {
    var gj = res[0], vals = res[1], byCode = {};
    vals.rows.forEach(function (r) { byCode[r.code] = r; });
    var br = breaks(vals.rows.map(function (r) { return r.value; }));
    var anyUnc = false, anyApprox = false;
    var layer = L.geoJSON(gj, {
      style: function (f) {
        var r = byCode[f.properties.code] || {};
        if (r.uncertain) { anyUnc = true; }
        if (r.approximate) { anyApprox = true; }
        return { color: r.uncertain ? "#000" : "#333", weight: r.uncertain ? 2.5 : 0.8,
                 dashArray: r.uncertain ? "6 4" : (r.approximate ? "2 3" : null),
                 fillColor: colour(r.value, br), fillOpacity: 0.85 };
      },
      onEachFeature: function (f, lyr) {
        var r = byCode[f.properties.code] || {};
        var text = f.properties.name + " (" + f.properties.code + "): " + fmt(r.value) +
          (r.uncertain ? " – " + d.uncertain : "") + (r.approximate ? " – " + d.approximate : "");
        lyr.bindTooltip(text, { sticky: true });
        lyr.on("mouseover", function () { hover.textContent = text; lyr.setStyle({ weight: 3 }); });
        lyr.on("mouseout", function () { layer.resetStyle(lyr); });
        lyr.on("click", function () {
          window.location.href = "/omrade/" + encodeURIComponent(f.properties.code) + "?year=" + encodeURIComponent(d.year);
        });
        if (lyr.getElement) { lyr.once("add", function () { var p = lyr.getElement(); if (p) { p.setAttribute("data-code", f.properties.code); } }); }
      }
    }).addTo(map);
    layer.eachLayer(function (l) { var p = l.getElement && l.getElement(); if (p) { p.setAttribute("data-code", l.feature.properties.code); } });
    map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    legend(br, anyUnc, anyApprox);
    el.setAttribute("data-ready", "1");
  }).catch(function () { hover.textContent = d.noValue; });
})();
