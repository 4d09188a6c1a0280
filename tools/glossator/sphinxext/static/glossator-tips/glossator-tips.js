/* Tooltips: a link inside the page's text previews its target (term, paragraph, record).
   The page's tips are in the script named by <meta name="glossator-tips">, written at build
   time; it calls glossatorTips(tips) with a map from each href to the tip's HTML.

   WCAG 1.4.13 (content on hover or focus): a tip opens on hover and on keyboard focus, and on
   a touch screen on the first tap (a second tap, or the tip's own link, follows the link).
   The pointer can move onto it (it is interactive, with a link to the full entry); it stays
   until the pointer or focus leaves, Escape or a tap elsewhere dismisses it; and it opens
   below the line (above when there is no room), never over the line being read. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="glossator-tips"]');
  if (!meta) { return; }
  var SKIP = ".headerlink, .sd-stretched-link, .glossator-pnum";
  var tips = null;
  var touchPressed = null;  // the link a touch went down on, and whether its tip was open then

  function moreLabel(link) {
    if (link.querySelector(".std-term")) { return "Full entry in the glossary"; }
    if (link.querySelector(".glossator-cite")) { return "Full record in the bibliography"; }
    return "Go to the full text";
  }

  function content(link, html) {
    var holder = document.createElement("div");
    // Built at build time from the reader's own, escaped HTML. A term's tip is its <dt> and
    // <dd>: a definition list needs its <dl> (axe-core: dlitem).
    holder.innerHTML = /^<dt[\s>]/.test(html) ? "<dl>" + html + "</dl>" : html;
    var more = document.createElement("p");
    more.className = "glossator-tip-more";
    var go = document.createElement("a");
    go.href = link.href;
    go.textContent = moreLabel(link);
    more.appendChild(go);
    holder.appendChild(more);
    return holder;
  }

  function attach() {
    if (!tips || typeof window.tippy !== "function") { return; }
    var props = window.GLOSSATOR_TIP_PROPS || {};
    var scope = document.querySelector("article") || document.body;
    scope.querySelectorAll("a").forEach(function (link) {
      var href = link.getAttribute("href");
      if (link._tippy && !href) { link._tippy.destroy(); return; }
      var html = href && tips[href];
      if (!html || link._tippy || link.matches(SKIP)) { return; }
      window.tippy(link, Object.assign({
        content: content(link, html),
        interactive: true,
        interactiveBorder: 12,
        appendTo: document.body,  // outside the paragraph, so never part of a quotation
        placement: "bottom-start",
        popperOptions: { modifiers: [{ name: "flip", options: { fallbackPlacements: ["top-start"] } }] },
        offset: [0, 6],
        arrow: true,
        maxWidth: 520,
        // The tip describes the link for screen readers, as a non-interactive tip would.
        aria: { content: "describedby", expanded: false },
        onCreate: function (instance) {
          instance.popper.classList.add("glossator-tip", "glossator-apparatus");
        }
      }, props));
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    document.querySelectorAll("[data-tippy-root]").forEach(function (root) {
      if (root._tippy && root._tippy.state.isVisible) { root._tippy.hide(); }
    });
  });

  // On a touch screen the first tap shows the tip instead of following the link.
  document.addEventListener("pointerdown", function (event) {
    var link = event.target.closest ? event.target.closest("a") : null;
    touchPressed = event.pointerType === "mouse" || !link || !link._tippy ? null
      : { link: link, open: link._tippy.state.isVisible };
  }, true);
  document.addEventListener("click", function (event) {
    var pressed = touchPressed;
    touchPressed = null;
    if (!pressed || pressed.open || !pressed.link.contains(event.target)) { return; }
    event.preventDefault();
    pressed.link._tippy.show();
  }, true);

  document.addEventListener("glossator:links-changed", attach);

  window.glossatorTips = function (found) {
    tips = found;
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", attach);
    } else {
      attach();
    }
  };
  var script = document.createElement("script");
  script.src = meta.getAttribute("content");
  document.head.appendChild(script);
})();
