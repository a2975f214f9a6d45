/* lagesbild report: turns each figure's static SVG into a live Vega view of the same Vega-Lite
   spec (the <script type="application/json" class="vega-lite-spec"> next to it), with tooltips.
   Offline and without eval: Vega, Vega-Lite and vega-interpreter are loaded before this file
   (assets/ or inline), expressions run in the interpreter as in the web app (static/js/charts.js).
   Without JavaScript, or if a chart fails, the static SVG stays; the table beside every chart is
   untouched. Numbers follow the page language (sv: decimal comma, no-break space, minus U+2212). */
(function () {
  "use strict";
  var vega = window.vega, vegaLite = window.vegaLite;
  if (!vega || !vegaLite || !vega.expressionInterpreter) { return; }
  var sv = (document.documentElement.getAttribute("lang") || "sv").slice(0, 2) === "sv";
  var locale = sv ? { number: { decimal: ",", thousands: "\u00a0", grouping: [3], currency: ["", "\u00a0kr"],
                                minus: "\u2212" } } : undefined;
  var numbers = new Intl.NumberFormat(sv ? "sv-SE" : "en-GB", { maximumFractionDigits: 3 });

  function text(v) {
    if (typeof v === "number") {
      // integers are years and codes here (formatted counts arrive as text from the spec's format)
      return Number.isInteger(v) ? String(v) : numbers.format(v);
    }
    return v === null || v === undefined ? "" : String(v);
  }

  var tip = document.createElement("div");
  tip.className = "vg-tooltip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  document.body.appendChild(tip);

  function tooltip(handler, event, item, value) {
    if (value === null || value === undefined || value === "") { tip.hidden = true; return; }
    tip.textContent = "";
    if (typeof value === "object" && !Array.isArray(value)) {
      Object.keys(value).forEach(function (key) {
        var row = document.createElement("div");
        if (key) {
          var b = document.createElement("b");
          b.textContent = key + ": ";
          row.appendChild(b);
        }
        row.appendChild(document.createTextNode(text(value[key])));
        tip.appendChild(row);
      });
    } else {
      tip.textContent = text(value);
    }
    tip.hidden = false;
    var x = event.clientX + 14, y = event.clientY + 14;
    if (x + tip.offsetWidth > window.innerWidth - 4) { x = Math.max(4, event.clientX - tip.offsetWidth - 14); }
    if (y + tip.offsetHeight > window.innerHeight - 4) { y = Math.max(4, event.clientY - tip.offsetHeight - 14); }
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }

  function live(script) {
    var fig = document.getElementById(script.getAttribute("data-figure"));
    var chart = fig && fig.querySelector(".chart");
    if (!chart) { return Promise.resolve(); }
    var holder = document.createElement("div");
    holder.className = "vega-embed";
    var runtime = vega.parse(vegaLite.compile(JSON.parse(script.textContent)).spec, null, { ast: true });
    var view = new vega.View(runtime, { expr: vega.expressionInterpreter, renderer: "svg", container: holder,
                                        hover: true, locale: locale });
    view.tooltip(tooltip);
    return view.runAsync().then(function () {
      var svg = holder.querySelector("svg");
      if (!svg) { return; }
      // the container (role="img") carries the text alternative; the table beside it has the values
      svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("focusable", "false");
      chart.replaceChildren(holder);
      chart.setAttribute("data-live", "1");
    });
  }

  var specs = Array.prototype.slice.call(document.querySelectorAll("script.vega-lite-spec[data-figure]"));
  Promise.all(specs.map(function (s) {
    return Promise.resolve().then(function () { return live(s); }).catch(function (err) {
      if (window.console) { window.console.error("lagesbild: " + s.getAttribute("data-figure") + ": " + err); }
    });
  })).then(function () { document.documentElement.setAttribute("data-charts", "live"); });
  document.addEventListener("scroll", function () { tip.hidden = true; }, { passive: true });
})();
