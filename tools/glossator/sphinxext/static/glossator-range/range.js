/* Paragraph ranges: article.html#p4-p13 scrolls to ¶4 and highlights ¶4–13.
 * No element has the id "p4-p13", so the browser neither scrolls nor sets :target; this script
 * does both jobs, on load and whenever the fragment changes. A single #p4 is left to :target.
 * The form is documented in docs/contributing/article-format.md ("Paragraph ranges"). */
(function () {
  "use strict";
  var RANGE = /^#p(\d{1,6})-p(\d{1,6})$/;
  var CLASS = "glossator-in-range";

  function clear() {
    var marked = document.querySelectorAll("." + CLASS);
    for (var i = 0; i < marked.length; i++) {
      marked[i].classList.remove(CLASS, "glossator-range-first", "glossator-range-last");
    }
  }

  /* behavior: "instant" on arrival: a smooth scroll begun while the page loads is cut short
   * when the browser settles the page at load; "auto" (the theme's smooth scroll) after. */
  function apply(behavior) {
    clear();
    var match = RANGE.exec(window.location.hash);
    if (!match) return;
    var first = parseInt(match[1], 10), last = parseInt(match[2], 10);
    if (last < first) { var t = first; first = last; last = t; }
    var start = document.getElementById("p" + first);
    if (!start) return;
    var end = null;
    for (var n = first; n <= last; n++) {
      var element = document.getElementById("p" + n);
      if (!element) continue;
      element.classList.add(CLASS);
      end = element;
    }
    start.classList.add("glossator-range-first");
    if (end) end.classList.add("glossator-range-last");
    start.scrollIntoView({ block: "start", behavior: behavior || "auto" });
  }

  function arrive() { apply("instant"); }

  window.addEventListener("hashchange", function () { apply("auto"); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", arrive);
  } else {
    arrive();
  }
  // Fonts, notes set in the margin and images move the text until the page has loaded.
  if (document.readyState !== "complete") window.addEventListener("load", arrive);
})();
