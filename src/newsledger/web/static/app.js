// newsledger: the only script of the pages. Selecting a highlighted quote (click, or #quote-ID in the URL)
// opens its details in the side panel and marks, in the text, the quote, its speaker's mention, its cue and
// any claim inside it. Without JavaScript the link still jumps to the details (CSS :target).
(function () {
  "use strict";
  var MARKS = ["sel-quote", "sel-speaker", "sel-cue", "sel-claim"];

  function clearSelection() {
    MARKS.forEach(function (cls) {
      document.querySelectorAll("." + cls).forEach(function (el) { el.classList.remove(cls); });
    });
  }

  function mark(selector, cls) {
    document.querySelectorAll(selector).forEach(function (el) { el.classList.add(cls); });
  }

  function selectQuote(id) {
    var details = document.getElementById("quote-" + id);
    if (!details || details.tagName !== "DETAILS") return;
    var q = CSS.escape(id);
    clearSelection();
    mark('.body [data-quote="' + q + '"]', "sel-quote");
    mark('.body [data-speaker-of~="' + q + '"]', "sel-speaker");
    mark('.body [data-cue-of~="' + q + '"]', "sel-cue");
    (details.getAttribute("data-claims") || "").split(" ").filter(Boolean).forEach(function (c) {
      mark('.body [data-claim~="' + CSS.escape(c) + '"]', "sel-claim");
      var box = document.getElementById("claim-" + c);
      if (box) box.classList.add("sel-claim");
    });
    details.open = true;
    details.classList.add("sel-quote");
  }

  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a[data-quote]") : null;
    if (a) selectQuote(a.getAttribute("data-quote"));
    var summary = ev.target.closest ? ev.target.closest("details.quote > summary") : null;
    if (summary) selectQuote(summary.parentNode.id.replace(/^quote-/, ""));
  });
  function fromHash() {
    var m = /^#quote-(.+)$/.exec(location.hash);
    if (m) selectQuote(decodeURIComponent(m[1]));
  }
  window.addEventListener("hashchange", fromHash);
  document.addEventListener("DOMContentLoaded", fromHash);
})();
