// newsledger: the only script. Clicking a highlighted quote opens its details (speaker, cue,
// confidence) in the side panel; without JavaScript the link still jumps there (CSS :target).
(function () {
  "use strict";
  function openQuote(id) {
    var el = document.getElementById("quote-" + id);
    if (!el || el.tagName !== "DETAILS") return;
    el.open = true;
    el.classList.add("flash");
    setTimeout(function () { el.classList.remove("flash"); }, 1500);
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a[data-quote]") : null;
    if (a) openQuote(a.getAttribute("data-quote"));
  });
  function fromHash() {
    var m = /^#quote-(.+)$/.exec(location.hash);
    if (m) openQuote(decodeURIComponent(m[1]));
  }
  window.addEventListener("hashchange", fromHash);
  document.addEventListener("DOMContentLoaded", fromHash);
})();
