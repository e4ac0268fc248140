/* Live updates for the room's pages: on each server-sent "change", fetch this page again and
   swap in its live parts ([data-live]), except a part where the person is typing or has changed
   a form they have not sent yet. Without JavaScript the pages work the same, by reloading. */
(function () {
  "use strict";
  var url = document.body.getAttribute("data-events");
  if (!url || !window.EventSource || !window.fetch || !window.DOMParser) { return; }
  var dirty = [];
  document.addEventListener("input", function (e) {
    var form = e.target && e.target.form;
    if (form && dirty.indexOf(form) < 0) { dirty.push(form); }
  });
  function busy(el) {
    if (el.contains(document.activeElement) && document.activeElement !== document.body) {
      return true;
    }
    for (var i = 0; i < dirty.length; i++) { if (el.contains(dirty[i])) { return true; } }
    return false;
  }
  var running = false, again = false;
  function refresh() {
    if (running) { again = true; return; }
    running = true;
    fetch(location.pathname, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) {
        if (!html) { return; }
        var doc = new DOMParser().parseFromString(html, "text/html");
        var live = document.querySelectorAll("[data-live]");
        for (var i = 0; i < live.length; i++) {
          var fresh = doc.getElementById(live[i].id);
          if (fresh && !busy(live[i])) { live[i].replaceWith(fresh); }
        }
      })
      .catch(function () {})
      .then(function () { running = false; if (again) { again = false; refresh(); } });
  }
  var source = new EventSource(url);
  source.addEventListener("change", refresh);
})();
