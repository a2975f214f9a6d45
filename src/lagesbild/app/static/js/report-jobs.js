/* Report builds on the report page: the form starts a job (POST, answered with the job's JSON),
   then the job is polled and shown in a <progress> element and a live status line until the
   download link appears. Without script the form posts as usual and the server's build page
   refreshes itself. No other origin is contacted. */
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form || !window.fetch || !window.URLSearchParams) { return; }
  var box = document.getElementById("report-status");
  var bar = document.getElementById("report-progress");
  var text = document.getElementById("report-text");
  var linkBox = document.getElementById("report-link");
  var link = linkBox.querySelector("a");
  var buttons = form.querySelectorAll("button[type=submit]");
  var token = 0;  // a newer build makes the polling of an older one stop

  function busy(on) {
    for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = on; }
  }

  function say(message) {
    if (text.textContent !== message) { text.textContent = message; }
  }

  function show(job, download) {
    box.hidden = false;
    var total = Math.max(1, job.steg_totalt || 0);
    bar.max = total;
    bar.value = Math.min(job.steg || 0, total);
    say(job.text);
    if (job.status === "klar" && job.url) {
      link.href = job.url;
      link.textContent = download;
      linkBox.hidden = false;
    }
  }

  function failed(answer) {
    box.hidden = false;
    say(answer && answer.error && answer.error.message ? answer.error.message : form.getAttribute("data-failed"));
    busy(false);
  }

  function poll(job, download, mine) {
    if (mine !== token) { return; }
    if (job.status === "klar" || job.status === "fel") { busy(false); return; }
    window.setTimeout(function () {
      fetch(form.getAttribute("data-jobs") + encodeURIComponent(job.id), {
        headers: { "Accept": "application/json" }, credentials: "same-origin", cache: "no-store"
      }).then(function (r) {
        return r.json().then(function (body) { return { ok: r.ok, body: body }; });
      }).then(function (res) {
        if (mine !== token) { return; }
        if (!res.ok) { failed(res.body); return; }
        show(res.body, download);
        poll(res.body, download, mine);
      }).catch(function () { failed(null); });
    }, 600);
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var data = new URLSearchParams(new FormData(form));
    var button = ev.submitter || buttons[0];
    data.set("format", button.value);
    var download = button.getAttribute("data-download");
    var mine = ++token;
    linkBox.hidden = true;
    busy(true);
    fetch(form.action, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    }).then(function (res) {
      if (!res.ok) { failed(res.body); return; }
      show(res.body, download);
      poll(res.body, download, mine);
    }).catch(function () { failed(null); });
  });
}());
