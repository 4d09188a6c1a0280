/* Furo's drawers as real buttons (glossator.sphinxext.layout): aria-expanded, Escape to close,
   a tap beside the drawer closes it, focus goes into the drawer and back to its button.
   Code blocks and tables that scroll sideways take the keyboard focus. */
(function () {
  "use strict";
  var DRAWERS = [
    { box: "__navigation", name: "Site navigation", drawer: ".sidebar-drawer", labels: "label.nav-overlay-icon",
      media: "(max-width: 63em)" },
    { box: "__toc", name: "Contents", drawer: ".toc-drawer", labels: "label.toc-overlay-icon",
      media: "(max-width: 82em)" }
  ];

  function setup(spec) {
    var box = document.getElementById(spec.box);
    var drawer = document.querySelector(spec.drawer);
    if (!box || !drawer) { return; }
    if (!drawer.id) { drawer.id = "glossator-drawer" + spec.box.replace(/_/g, "-"); }
    var narrow = window.matchMedia(spec.media);
    var buttons = [];
    var opener = null;

    function sync() {
      buttons.forEach(function (button) { button.setAttribute("aria-expanded", String(box.checked)); });
      // A closed drawer sits off the screen: keep its links out of the Tab order.
      drawer.inert = narrow.matches && !box.checked;
      if (!box.checked) { drawer.removeAttribute("aria-modal"); }
    }

    function open(from) {
      box.checked = true;
      opener = from;
      sync();
      var first = drawer.querySelector("nav a, a, input, button");
      if (first) { first.focus({ preventScroll: true }); }
    }

    function close(returnFocus) {
      box.checked = false;
      sync();
      if (returnFocus && opener && opener.offsetParent !== null) { opener.focus(); }
    }

    document.querySelectorAll(spec.labels).forEach(function (label) {
      if (label.classList.contains("no-toc")) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = label.className + " glossator-drawer-toggle";
      button.setAttribute("aria-label", spec.name);
      button.setAttribute("aria-controls", drawer.id);
      while (label.firstChild) { button.appendChild(label.firstChild); }
      label.replaceWith(button);
      button.addEventListener("click", function () {
        if (box.checked) { close(true); } else { open(button); }
      });
      buttons.push(button);
    });

    // The overlay beside the drawer is still Furo's label: a tap on it unchecks the box.
    box.addEventListener("change", sync);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && box.checked) { close(true); }
    });
    // A link inside the drawer that only moves within the page closes it, as Furo does.
    drawer.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
      if (link && box.checked && narrow.matches) { close(false); }
    });
    if (narrow.addEventListener) { narrow.addEventListener("change", sync); }
    sync();
  }

  // A code block or table wider than the column scrolls sideways: a keyboard must be able to
  // scroll it too (axe-core: scrollable-region-focusable).
  function focusableScrollers() {
    document.querySelectorAll("div.highlight > pre, .table-wrapper").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth && !box.hasAttribute("tabindex")) { box.tabIndex = 0; }
    });
  }

  function start() {
    DRAWERS.forEach(setup);
    focusableScrollers();
    window.addEventListener("resize", focusableScrollers);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
