/* Notes where the reader is (glossator.sphinxext.sidenotes).

   Wide screens: each note (aside.footnote, at the end of the article) is set in the margin,
   level with its marker, or just below the note before it when notes crowd; none overlaps
   another or leaves the screen. Narrow screens: each marker is a button that opens its note in
   a labelled region after the marker's paragraph; Escape or a second press closes it and
   focus goes back to the marker. Without JavaScript, and in print, the notes stay numbered at
   the end of the article, each linked to and from its marker. */
(function () {
  "use strict";
  var BESIDE = "glossator-notes-beside";
  var MIN_NOTE_EM = 12;  // narrower than this, a note is a column of three words
  var GAP_EM = 1.5;
  var CLAMP_LINES = 4;  // a longer note shows its first lines in the margin, and a "More" button
  var article, notes = [], mode = null, scheduled = false;

  function em(el) { return parseFloat(getComputedStyle(el).fontSize) || 16; }

  function collect() {
    article = document.querySelector("article[role='main']");
    if (!article) { return; }
    var seen = {};
    article.querySelectorAll("a.footnote-reference[href^='#']").forEach(function (link) {
      var id = decodeURIComponent(link.getAttribute("href").slice(1));
      var note = document.getElementById(id);
      if (!note || seen[id] || !note.classList.contains("footnote")) { return; }
      seen[id] = true;
      var number = link.textContent.replace(/[\[\]\s]/g, "");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "glossator-noteref glossator-apparatus";
      button.textContent = number;
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-label", "Note " + number);
      button.hidden = true;
      link.insertAdjacentElement("afterend", button);
      var entry = { link: link, button: button, note: note, number: number, panel: null };
      button.addEventListener("click", function () { toggle(entry); });
      button.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && entry.panel) { close(entry); }
      });
      notes.push(entry);
    });
  }

  // -- narrow: the marker is a button; the note opens after its paragraph ----------------

  function block(el) {
    var found = el.closest("p, li, dd, blockquote, td, th, figcaption, h1, h2, h3, h4, h5, h6");
    return found || el.parentElement;
  }

  function open(entry) {
    var panel = document.createElement("div");
    panel.className = "glossator-note-panel glossator-apparatus";
    panel.id = entry.note.id + "-open";
    panel.setAttribute("role", "region");
    panel.setAttribute("aria-label", "Note " + entry.number);
    panel.tabIndex = -1;
    var label = document.createElement("p");
    label.className = "glossator-note-panel-label";
    label.textContent = "Note " + entry.number;
    panel.appendChild(label);
    Array.prototype.forEach.call(entry.note.children, function (child) {
      if (child.classList.contains("label")) { return; }
      var copy = child.cloneNode(true);
      copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
      panel.appendChild(copy);
    });
    var done = document.createElement("button");
    done.type = "button";
    done.className = "glossator-note-close";
    done.textContent = "Close note " + entry.number;
    done.addEventListener("click", function () { close(entry); });
    panel.appendChild(done);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.stopPropagation(); close(entry); }
    });
    // After the paragraph, and after any note of that paragraph already open before this one.
    var anchor = block(entry.button);
    while (anchor.nextElementSibling && anchor.nextElementSibling.classList.contains("glossator-note-panel")) {
      anchor = anchor.nextElementSibling;
    }
    anchor.insertAdjacentElement("afterend", panel);
    entry.panel = panel;
    entry.button.setAttribute("aria-expanded", "true");
    entry.button.setAttribute("aria-controls", panel.id);
  }

  function close(entry) {
    if (!entry.panel) { return; }
    entry.panel.remove();
    entry.panel = null;
    entry.button.setAttribute("aria-expanded", "false");
    entry.button.removeAttribute("aria-controls");
    entry.button.focus();
  }

  function toggle(entry) { if (entry.panel) { close(entry); } else { open(entry); } }

  // -- wide: the notes in the margin -------------------------------------------------------

  function clearPlaces() {
    notes.forEach(function (entry) {
      entry.note.style.top = "";
      entry.note.style.width = "";
    });
    article.style.minHeight = "";
  }

  // A long note in the margin pushes every later note down, far from its marker: it shows its
  // first lines, and a button shows the rest (the whole note is still there for screen readers).
  function clamp(entry) {
    var line = parseFloat(getComputedStyle(entry.note).lineHeight) || 18;
    var limit = Math.round(CLAMP_LINES * line);
    var open = entry.more && entry.more.getAttribute("aria-expanded") === "true";
    entry.note.classList.remove("glossator-note-clamped");
    entry.note.style.maxHeight = "";
    var long = entry.note.scrollHeight > limit * 1.3;
    if (!long) {
      if (entry.more) { entry.more.hidden = true; }
      return;
    }
    if (!entry.more) {
      entry.more = document.createElement("button");
      entry.more.type = "button";
      entry.more.className = "glossator-note-more glossator-apparatus";
      entry.more.setAttribute("aria-expanded", "false");
      entry.more.addEventListener("click", function () {
        var expanded = entry.more.getAttribute("aria-expanded") === "true";
        entry.more.setAttribute("aria-expanded", String(!expanded));
        layout();
      });
      entry.note.insertAdjacentElement("afterend", entry.more);
    }
    entry.more.hidden = false;
    entry.more.textContent = open ? "Less of note " + entry.number : "More of note " + entry.number;
    if (!open) {
      entry.note.classList.add("glossator-note-clamped");
      entry.note.style.maxHeight = limit + "px";
    }
  }

  function place() {
    var size = em(article);
    var box = article.getBoundingClientRect();
    var content = article.parentElement.closest(".content") || article.parentElement;
    var limit = Math.min(content.getBoundingClientRect().right, document.documentElement.clientWidth) - 0.5 * size;
    var width = limit - (box.right + GAP_EM * size);
    if (width < MIN_NOTE_EM * size) { return false; }
    // Show the markers as links before measuring them: coming back from narrow, they are still
    // hidden (their button twins shown), and a hidden marker has no position to be level with.
    setMode(true);
    width = Math.min(width, 18 * size);
    var bottom = -Infinity;
    notes.forEach(function (entry) {
      entry.note.style.width = width + "px";
      clamp(entry);
      var marker = entry.link.getBoundingClientRect();
      var top = Math.max(marker.top - box.top, bottom + 0.75 * size);
      entry.note.style.top = top + "px";
      bottom = top + entry.note.getBoundingClientRect().height;
      if (entry.more && !entry.more.hidden) {
        entry.more.style.width = width + "px";
        entry.more.style.top = bottom + "px";
        bottom += entry.more.getBoundingClientRect().height;
      }
    });
    var need = Math.ceil(bottom + size);
    if (need > article.offsetHeight) { article.style.minHeight = need + "px"; }
    return true;
  }

  function setMode(beside) {
    if (beside === mode) { return; }
    mode = beside;
    notes.forEach(function (entry) {
      if (!beside) {
        entry.note.style.top = "";
        entry.note.style.maxHeight = "";
        entry.note.classList.remove("glossator-note-clamped");
        if (entry.more) { entry.more.hidden = true; }
      }
      entry.link.hidden = !beside;
      entry.button.hidden = beside;
      // The note's back-link points at the marker's id: it goes with the visible marker.
      var id = entry.link.id || entry.button.dataset.markerId;
      if (id) {
        entry.button.dataset.markerId = id;
        (beside ? entry.button : entry.link).removeAttribute("id");
        (beside ? entry.link : entry.button).id = id;
      }
      if (beside && entry.panel) { entry.panel.remove(); entry.panel = null; entry.button.setAttribute("aria-expanded", "false"); }
    });
    document.dispatchEvent(new CustomEvent("glossator:layout"));
  }

  function layout() {
    scheduled = false;
    if (!article || !notes.length) { return; }
    document.body.classList.add(BESIDE);
    clearPlaces();
    if (place()) {
      setMode(true);
    } else {
      document.body.classList.remove(BESIDE);
      clearPlaces();
      setMode(false);
    }
  }

  function schedule() {
    if (!scheduled) { scheduled = true; window.requestAnimationFrame(layout); }
  }

  function start() {
    collect();
    if (!article || !notes.length) { return; }
    layout();
    window.addEventListener("resize", schedule);
    if (document.fonts && document.fonts.ready) { document.fonts.ready.then(schedule); }
    window.addEventListener("load", schedule);
    // A cite box or an open detail moves the paragraphs below it: move their notes too.
    if (window.ResizeObserver) {
      var last = 0;
      new ResizeObserver(function () {
        var height = Math.round(article.scrollHeight);
        if (mode && height !== last) { last = height; schedule(); }
      }).observe(article);
    }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
