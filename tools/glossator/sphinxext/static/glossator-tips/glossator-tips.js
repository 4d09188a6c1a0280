/* Tooltips: a link inside the page's text previews its target (term, paragraph, record).
   The page's tips are in the script named by <meta name="glossator-tips">, written at build
   time; it calls glossatorTips(tips) with a map from each href to the tip's HTML. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="glossator-tips"]');
  if (!meta) { return; }
  var SKIP = ".headerlink, .sd-stretched-link, .glossator-pnum";

  function attach(tips) {
    if (typeof window.tippy !== "function") { return; }
    var props = window.GLOSSATOR_TIP_PROPS || {};
    var scope = document.querySelector("article") || document.body;
    scope.querySelectorAll("a[href]").forEach(function (link) {
      var html = tips[link.getAttribute("href")];
      if (!html || link.matches(SKIP)) { return; }
      window.tippy(link, Object.assign(
        { content: html, allowHTML: true, arrow: true, interactive: false },
        props
      ));
    });
  }

  window.glossatorTips = function (tips) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { attach(tips); });
    } else {
      attach(tips);
    }
  };
  var script = document.createElement("script");
  script.src = meta.getAttribute("content");
  document.head.appendChild(script);
})();
