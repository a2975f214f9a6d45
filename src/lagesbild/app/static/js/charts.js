/* Renders Vega-Lite specs from data-spec attributes; CSP-safe (Vega's expression interpreter,
   no eval). Each chart has a table with the same values beside it as its text alternative. */
(function () {
  "use strict";
  if (!window.vega || !window.vegaLite) { return; }
  var expr = window.vega.expressionInterpreter;
  // Swedish number and date format in every chart of a Swedish page (decimal comma, space between
  // thousands, minus sign); the locale is set in Vega itself, no request leaves the app.
  if ((document.documentElement.lang || "sv") === "sv") {
    window.vega.formatLocale({ decimal: ",", thousands: "\u00a0", grouping: [3], currency: ["", "\u00a0kr"],
                              minus: "\u2212" });
    window.vega.timeFormatLocale({
      dateTime: "%A den %d %B %Y %X", date: "%Y-%m-%d", time: "%H:%M:%S", periods: ["fm", "em"],
      days: ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"],
      shortDays: ["sön", "mån", "tis", "ons", "tor", "fre", "lör"],
      months: ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
               "oktober", "november", "december"],
      shortMonths: ["jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec"]
    });
  }
  document.querySelectorAll(".vl[data-spec]").forEach(function (el) {
    var spec;
    try { spec = JSON.parse(el.getAttribute("data-spec")); } catch (e) { return; }
    var vgSpec = window.vegaLite.compile(spec).spec;
    var runtime = window.vega.parse(vgSpec, null, { ast: true });
    var view = new window.vega.View(runtime, { expr: expr, renderer: "svg", container: el, hover: true });
    view.runAsync().then(function () {
      var svg = el.querySelector("svg");
      if (svg) { svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false"); }
      el.setAttribute("data-rendered", "1");
    });
  });
})();
