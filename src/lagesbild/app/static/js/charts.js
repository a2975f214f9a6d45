/* Renders Vega-Lite specs from data-spec attributes; CSP-safe (Vega's expression interpreter,
   no eval). Each chart has a table with the same values beside it as its text alternative. */
(function () {
  "use strict";
  if (!window.vega || !window.vegaLite) { return; }
  var expr = window.vega.expressionInterpreter;
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
