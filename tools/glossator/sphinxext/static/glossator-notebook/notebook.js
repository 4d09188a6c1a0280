/* The student's notebook: highlights and notes that stay in this browser.

   On an article: select words (mouse, touch, or Shift+arrows from a ¶ mark), then choose a
   colour in the small toolbar that appears (Alt+Shift+H moves focus to it). A highlight is a
   <mark class="glossator-highlight"> around the article's own words (not apparatus: copying
   the passage still gives its words), with a marker button after it (apparatus) that opens
   its note to edit or delete, and a stripe in the margin.

   Each highlight is a W3C Web Annotation. Its target is the page's address relative to the
   site root (the same from file:// and http) with two equivalent selectors: the paragraph's
   id refined by a TextQuoteSelector (exact, prefix, suffix), and refined by a
   TextPositionSelector. Both count in the paragraph's text without the apparatus (the rule of
   glossator-quote/quote.js), runs of ASCII white space folded to one space, so a rebuild that
   changes notes, terms or line breaks leaves them true. One that cannot be placed is kept and
   marked orphaned, never dropped.

   Notes are kept in localStorage under the key the page names (reader and edition). Nothing
   is sent anywhere. If the browser refuses to store, the page says so and offers a download
   of what would have been lost. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="glossator-notebook"]');
  if (!meta || !window.glossatorQuote) { return; }
  var KEY = meta.getAttribute("content");
  var PAGE = meta.getAttribute("data-page") || "";
  var TITLE = meta.getAttribute("data-title") || "";
  var EDITION = meta.getAttribute("data-edition") || "";
  var NOTEBOOK = meta.getAttribute("data-notebook");
  var ROOT = new URL(document.documentElement.getAttribute("data-content_root") || "./", location.href);
  var ANNO = "http://www.w3.org/ns/anno.jsonld";
  var RFC3986 = "http://tools.ietf.org/rfc/rfc3986";
  // Colour is never the only cue: each has its own line style and name.
  var COLOURS = [
    { name: "yellow", label: "Yellow", line: "solid line" },
    { name: "green", label: "Green", line: "dashed line" },
    { name: "blue", label: "Blue", line: "dotted line" },
    { name: "pink", label: "Pink", line: "double line" }
  ];
  var CONTEXT = 40;  // characters of prefix and suffix kept in a TextQuoteSelector
  var items = [];
  var status = null;

  function colourOf(name) {
    for (var i = 0; i < COLOURS.length; i++) { if (COLOURS[i].name === name) { return COLOURS[i]; } }
    return COLOURS[0];
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function button(label, action, className) {
    var node = element("button", className || "", label);
    node.type = "button";
    node.addEventListener("click", action);
    return node;
  }

  function announce(text) {
    if (!status) {
      status = element("div", "glossator-nb-status glossator-apparatus");
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      document.body.appendChild(status);
    }
    status.textContent = "";
    // A change after the region exists is what screen readers announce.
    window.requestAnimationFrame(function () { status.textContent = text; });
  }

  // -- storage ---------------------------------------------------------------------------

  function load() {
    var raw = null;
    try {
      raw = window.localStorage.getItem(KEY);
    } catch (e) {
      problem("blocked");
      items = [];
      return false;
    }
    try {
      var data = raw ? JSON.parse(raw) : { items: [] };
      items = Array.isArray(data.items) ? data.items : [];
    } catch (e) {
      // Unreadable: keep the text aside rather than write over it.
      try { window.localStorage.setItem(KEY + ".unreadable", raw); } catch (ignored) { /* reported below */ }
      items = [];
      problem("unreadable");
    }
    return true;
  }

  function save() {
    try {
      window.localStorage.setItem(KEY, JSON.stringify({ version: 1, edition: EDITION, items: items }));
    } catch (e) {
      problem(e && e.name === "QuotaExceededError" ? "full" : "blocked");
      return false;
    }
    var box = document.getElementById("glossator-nb-problem");
    if (box) { box.remove(); }
    return true;
  }

  function problem(kind) {
    var box = document.getElementById("glossator-nb-problem");
    if (!box) {
      box = element("div", "glossator-nb-problem glossator-apparatus");
      box.id = "glossator-nb-problem";
      box.setAttribute("role", "alert");
      document.body.appendChild(box);
    }
    box.textContent = "";
    var why = {
      blocked: "This browser does not let the reader keep your notes (private browsing, or site data blocked).",
      full: "This browser's storage for the reader is full.",
      unreadable: "Your saved notes could not be read; they were set aside, not deleted."
    }[kind];
    box.appendChild(element("p", "", "Your notes cannot be saved. " + why +
      " What you add now stays only until you leave this page: download it to keep it."));
    box.appendChild(button("Download my notes (JSON)", function () { download(jsonld(items), "application/ld+json", "notebook.jsonld"); }));
    box.appendChild(button("Dismiss", function () { box.remove(); }));
  }

  function download(text, type, name) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  // -- the article's text ------------------------------------------------------------------

  function inApparatus(node) { return window.glossatorQuote.inApparatus(node); }

  function isSpace(c) { return c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f"; }

  // The paragraph's words without the apparatus, white space folded, and where each
  // character is in the DOM.
  function textOf(p) {
    var walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) { return inApparatus(n) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; }
    });
    var text = "", map = [], space = false;
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      var s = n.data;
      for (var i = 0; i < s.length; i++) {
        if (isSpace(s[i])) {
          if (text && !space) { text += " "; map.push([n, i]); space = true; }
        } else {
          text += s[i]; map.push([n, i]); space = false;
        }
      }
    }
    if (space) { text = text.slice(0, -1); map.pop(); }
    return { text: text, map: map };
  }

  // How many of the paragraph's characters come before a DOM boundary point.
  function offsetAt(index, container, offset) {
    var point = document.createRange();
    point.setStart(container, offset);
    point.collapse(true);
    var lo = 0, hi = index.map.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (point.comparePoint(index.map[mid][0], index.map[mid][1]) < 0) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
  }

  function paragraphs() { return Array.prototype.slice.call(document.querySelectorAll("p.glossator-para[id]")); }

  function paragraphOf(node) {
    var e = node && (node.nodeType === 1 ? node : node.parentElement);
    return e ? e.closest("p.glossator-para[id]") : null;
  }

  // The parts of a selection, one per paragraph it touches, in the paragraphs' own text.
  function partsOf(range) {
    var parts = [];
    paragraphs().forEach(function (p) {
      if (!range.intersectsNode(p)) { return; }
      var index = textOf(p);
      var start = p.contains(range.startContainer) ? offsetAt(index, range.startContainer, range.startOffset) : 0;
      var end = p.contains(range.endContainer) ? offsetAt(index, range.endContainer, range.endOffset) : index.text.length;
      while (start < end && index.text[start] === " ") { start++; }
      while (end > start && index.text[end - 1] === " ") { end--; }
      if (end > start) { parts.push({ p: p, start: start, end: end, text: index.text }); }
    });
    return parts;
  }

  // The citation of a paragraph as the page gives it (the cite box's, on the ¶ mark). The one
  // place the notebook reads citations: a change of citation style is followed here.
  function citationOf(p) {
    var mark = p.querySelector(".glossator-pnum[data-citation]");
    return mark ? mark.getAttribute("data-citation") : "";
  }

  // -- annotations -------------------------------------------------------------------------

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var b = window.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function selectors(a) {
    var out = { fragment: null, quote: null, position: null };
    var list = a.target && a.target.selector;
    (Array.isArray(list) ? list : list ? [list] : []).forEach(function (s) {
      if (!s || s.type !== "FragmentSelector") { return; }
      out.fragment = out.fragment || s.value;
      var r = s.refinedBy;
      if (r && r.type === "TextQuoteSelector") { out.quote = r; }
      if (r && r.type === "TextPositionSelector") { out.position = r; }
    });
    return out;
  }

  function targetFor(p, start, end, text) {
    return {
      source: PAGE,
      selector: [
        { type: "FragmentSelector", conformsTo: RFC3986, value: p.id, refinedBy: {
          type: "TextQuoteSelector", exact: text.slice(start, end),
          prefix: text.slice(Math.max(0, start - CONTEXT), start), suffix: text.slice(end, end + CONTEXT) } },
        { type: "FragmentSelector", conformsTo: RFC3986, value: p.id, refinedBy: {
          type: "TextPositionSelector", start: start, end: end } }
      ]
    };
  }

  function colourName(a) {
    var tag = (a.body || []).filter(function (b) { return b.purpose === "tagging"; })[0];
    return colourOf(tag && tag.value).name;
  }

  function noteOf(a) {
    var body = (a.body || []).filter(function (b) { return b.purpose === "commenting"; })[0];
    return body ? body.value : "";
  }

  function setBody(a, colour, note) {
    a.body = [{ type: "TextualBody", purpose: "tagging", value: colour }];
    if (note) { a.body.push({ type: "TextualBody", purpose: "commenting", value: note, format: "text/plain" }); }
    a.motivation = note ? "commenting" : "highlighting";
    a.modified = new Date().toISOString();
  }

  function paragraphNumber(id) { return parseInt(String(id).replace(/^p/, ""), 10) || 0; }

  function create(part, colour) {
    var now = new Date().toISOString();
    var a = {
      "@context": ANNO, id: "urn:uuid:" + uuid(), type: "Annotation", created: now,
      target: targetFor(part.p, part.start, part.end, part.text),
      glossator: { article: TITLE, paragraph: paragraphNumber(part.p.id), citation: citationOf(part.p), orphaned: false }
    };
    setBody(a, colour, "");
    return a;
  }

  function find(id) { return items.filter(function (a) { return a.id === id; })[0] || null; }

  // -- placing highlights in the text --------------------------------------------------------

  function occurrences(text, exact) {
    var found = [], at = text.indexOf(exact);
    while (at >= 0 && exact) { found.push(at); at = text.indexOf(exact, at + 1); }
    return found;
  }

  function best(index, quote, position) {
    var found = occurrences(index.text, quote.exact);
    if (!found.length) { return -1; }
    var wanted = position ? position.start : 0;
    var score = function (at) {
      var s = 0;
      if (quote.prefix && index.text.slice(0, at).endsWith(quote.prefix)) { s += 2; }
      if (quote.suffix && index.text.slice(at + quote.exact.length).startsWith(quote.suffix)) { s += 2; }
      return s - Math.abs(at - wanted) / 1e6;
    };
    return found.sort(function (x, y) { return score(y) - score(x); })[0];
  }

  // Where an annotation goes on this page: its paragraph first, then any other.
  function locate(a) {
    var s = selectors(a);
    if (!s.quote || !s.quote.exact) { return null; }
    var home = s.fragment ? document.getElementById(s.fragment) : null;
    var order = paragraphs().filter(function (p) { return p !== home; });
    if (home && home.matches("p.glossator-para")) { order.unshift(home); }
    for (var i = 0; i < order.length; i++) {
      var index = textOf(order[i]);
      var pos = s.position;
      if (order[i] === home && pos && index.text.slice(pos.start, pos.end) === s.quote.exact) {
        return { p: home, start: pos.start, end: pos.end, text: index.text };
      }
      var at = best(index, s.quote, order[i] === home ? pos : null);
      if (at >= 0) { return { p: order[i], start: at, end: at + s.quote.exact.length, text: index.text }; }
    }
    return null;
  }

  function wrap(place, a) {
    var index = textOf(place.p);
    var groups = [];
    for (var k = place.start; k < place.end; k++) {
      var entry = index.map[k], last = groups[groups.length - 1];
      if (last && last.node === entry[0]) { last.to = entry[1] + 1; } else { groups.push({ node: entry[0], from: entry[1], to: entry[1] + 1 }); }
    }
    var colour = colourOf(colourName(a));
    var marks = groups.map(function (g) {
      var node = g.node;
      if (g.to < node.data.length) { node.splitText(g.to); }
      var middle = g.from > 0 ? node.splitText(g.from) : node;
      var mark = element("mark", "glossator-highlight glossator-hl-" + colour.name);
      mark.setAttribute("data-annotation", a.id);
      middle.parentNode.insertBefore(mark, middle);
      mark.appendChild(middle);
      return mark;
    });
    var lastMark = marks[marks.length - 1];
    var after = lastMark;
    var link = lastMark.parentElement.closest("a");
    if (link && place.p.contains(link)) { after = link; }  // no button inside a link
    var marker = button(noteOf(a) ? "✎" : "", function (event) { event.stopPropagation(); openEditor(a.id, marker); },
      "glossator-hl-marker glossator-apparatus glossator-hl-" + colour.name);
    marker.setAttribute("data-annotation", a.id);
    marker.setAttribute("aria-label", markerLabel(a, place.p));
    after.parentNode.insertBefore(marker, after.nextSibling);
    place.p.classList.add("glossator-has-highlight");
  }

  function markerLabel(a, p) {
    var c = colourOf(colourName(a));
    return "Your " + c.label.toLowerCase() + " highlight in ¶" + paragraphNumber(p.id) +
      (noteOf(a) ? ", with a note" : "") + ": open";
  }

  function unwrapAll() {
    document.querySelectorAll(".glossator-hl-marker").forEach(function (m) { m.remove(); });
    document.querySelectorAll("mark.glossator-highlight").forEach(function (mark) {
      var parent = mark.parentNode;
      while (mark.firstChild) { parent.insertBefore(mark.firstChild, mark); }
      parent.removeChild(mark);
      parent.normalize();
    });
    document.querySelectorAll(".glossator-has-highlight").forEach(function (p) { p.classList.remove("glossator-has-highlight"); });
  }

  function render() {
    unwrapAll();
    var orphans = [], changed = false;
    items.forEach(function (a) {
      if (!a.target || a.target.source !== PAGE) { return; }
      var place = locate(a);
      var g = a.glossator = a.glossator || {};
      if (!place) {
        if (!g.orphaned) { g.orphaned = true; changed = true; }
        orphans.push(a);
        return;
      }
      var s = selectors(a);
      var moved = s.fragment !== place.p.id || !s.position || s.position.start !== place.start;
      var citation = citationOf(place.p);
      if (moved || g.orphaned || g.citation !== citation || g.article !== TITLE) {
        if (moved) { a.target = targetFor(place.p, place.start, place.end, place.text); }
        g.orphaned = false; g.citation = citation; g.article = TITLE; g.paragraph = paragraphNumber(place.p.id);
        changed = true;
      }
      wrap(place, a);
    });
    showOrphans(orphans);
    if (changed) { save(); }
  }

  function showOrphans(orphans) {
    var box = document.getElementById("glossator-nb-orphans");
    if (box) { box.remove(); }
    var first = paragraphs()[0];
    if (!orphans.length || !first) { return; }
    box = element("div", "glossator-nb-orphans glossator-apparatus");
    box.id = "glossator-nb-orphans";
    box.appendChild(element("p", "", orphans.length === 1 ?
      "One of your highlights on this page could not be placed: its words are no longer found. It is kept, as orphaned, in your notebook:" :
      orphans.length + " of your highlights on this page could not be placed: their words are no longer found. They are kept, as orphaned, in your notebook:"));
    var list = element("ul");
    orphans.forEach(function (a) { list.appendChild(element("li", "", "“" + selectors(a).quote.exact + "”")); });
    box.appendChild(list);
    if (NOTEBOOK) {
      var link = element("a", "", "My notebook");
      link.href = NOTEBOOK;
      box.appendChild(link);
    }
    first.parentNode.insertBefore(box, first);
  }

  // -- the toolbar that follows a selection -------------------------------------------------

  // dragging: a button is held down outside the toolbar (a selection being drawn). The
  // toolbar waits for the release: shown mid-drag it could come under the pointer, and the
  // selection would run on to the toolbar's place at the end of the page.
  var toolbar = null, pending = null, pressing = false, dragging = false, keyboardHint = false;

  function buildToolbar() {
    toolbar = element("div", "glossator-hl-toolbar glossator-apparatus");
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "Highlight the selected words");
    toolbar.hidden = true;
    COLOURS.forEach(function (c) {
      var b = button("", function () { highlight(c.name, false); }, "glossator-hl-choice glossator-hl-" + c.name);
      b.appendChild(element("span", "glossator-hl-swatch"));
      b.appendChild(document.createTextNode(c.label));
      b.setAttribute("aria-label", "Highlight in " + c.label.toLowerCase());
      toolbar.appendChild(b);
    });
    toolbar.appendChild(button("Add note", function () { highlight(lastColour(), true); }, "glossator-hl-choice"));
    toolbar.addEventListener("pointerdown", function () { pressing = true; });
    toolbar.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep the selection
    toolbar.addEventListener("keydown", function (event) {
      var buttons = Array.prototype.slice.call(toolbar.querySelectorAll("button"));
      var at = buttons.indexOf(document.activeElement);
      if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
        event.preventDefault();
        buttons[(at + (event.key === "ArrowRight" ? 1 : buttons.length - 1)) % buttons.length].focus();
      } else if (event.key === "Escape") {
        event.preventDefault();
        hideToolbar();
      }
    });
    document.body.appendChild(toolbar);
  }

  function lastColour() {
    var last = items.filter(function (a) { return a.target && a.target.source === PAGE; }).slice(-1)[0];
    return last ? colourName(last) : COLOURS[0].name;
  }

  function hideToolbar() {
    if (toolbar) { toolbar.hidden = true; }
    pending = null;
  }

  function showToolbar(range) {
    if (!toolbar) { buildToolbar(); }
    var rects = range.getClientRects();
    var rect = rects.length ? rects[rects.length - 1] : range.getBoundingClientRect();
    toolbar.hidden = false;
    var width = toolbar.offsetWidth;
    var left = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - width - 8));
    toolbar.style.left = (left + window.scrollX) + "px";
    toolbar.style.top = (rect.bottom + window.scrollY + 12) + "px";
  }

  function onSelection() {
    var selection = window.getSelection();
    if (dragging) { hideToolbar(); return; }
    if (!selection || !selection.rangeCount || selection.isCollapsed) {
      if (!pressing && !(toolbar && toolbar.contains(document.activeElement))) { hideToolbar(); }
      return;
    }
    var range = selection.getRangeAt(0);
    var parts = inApparatus(range.commonAncestorContainer) ? [] : partsOf(range);
    if (!parts.length) { hideToolbar(); return; }
    pending = parts;
    showToolbar(range);
  }

  function highlight(colour, withNote) {
    pressing = false;
    if (!pending) { return; }
    var made = pending.map(function (part) { return create(part, colour); });
    items = items.concat(made);
    var saved = save();
    hideToolbar();
    window.getSelection().removeAllRanges();
    render();
    var marker = document.querySelector('.glossator-hl-marker[data-annotation="' + made[0].id + '"]');
    announce((made.length === 1 ? "Highlight added" : made.length + " highlights added") +
      (saved ? "" : ", but not saved: this browser does not keep notes"));
    if (withNote) { openEditor(made[0].id, marker, true); } else if (marker) { marker.focus({ preventScroll: true }); }
  }

  // -- the note editor ---------------------------------------------------------------------

  var editor = null;

  function closeEditor(focus) {
    if (!editor) { return; }
    var back = editor.back;
    editor.box.remove();
    editor = null;
    if (focus && back && document.contains(back)) { back.focus({ preventScroll: true }); }
  }

  function openEditor(id, marker, noteFirst) {
    closeEditor(false);
    var a = find(id);
    if (!a) { return; }
    var box = element("div", "glossator-hl-editor glossator-apparatus");
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-labelledby", "glossator-hl-editor-title");
    var number = paragraphNumber(selectors(a).fragment);
    box.appendChild(element("p", "glossator-hl-editor-title", "Your highlight in ¶" + number)).id = "glossator-hl-editor-title";
    box.appendChild(element("blockquote", "glossator-hl-editor-quote", selectors(a).quote.exact));
    var field = element("fieldset", "glossator-hl-colours");
    field.appendChild(element("legend", "", "Colour"));
    COLOURS.forEach(function (c) {
      var label = element("label", "glossator-hl-" + c.name);
      var input = element("input");
      input.type = "radio";
      input.name = "glossator-hl-colour";
      input.value = c.name;
      input.checked = c.name === colourName(a);
      label.appendChild(input);
      label.appendChild(element("span", "glossator-hl-swatch"));
      label.appendChild(document.createTextNode(c.label));
      field.appendChild(label);
    });
    box.appendChild(field);
    var noteLabel = element("label", "glossator-hl-note-label", "Note");
    var area = element("textarea", "glossator-hl-note");
    area.id = "glossator-hl-note";
    area.rows = 4;
    area.value = noteOf(a);
    noteLabel.htmlFor = area.id;
    box.appendChild(noteLabel);
    box.appendChild(area);
    var actions = element("div", "glossator-hl-editor-actions");
    actions.appendChild(button("Save", function () {
      var chosen = box.querySelector('input[name="glossator-hl-colour"]:checked');
      setBody(a, chosen ? chosen.value : colourName(a), area.value.trim());
      var saved = save();
      closeEditor(false);
      render();
      var again = document.querySelector('.glossator-hl-marker[data-annotation="' + a.id + '"]');
      if (again) { again.focus({ preventScroll: true }); }
      announce(saved ? "Note saved" : "Note not saved: this browser does not keep notes");
    }));
    actions.appendChild(button("Delete highlight", function () {
      var p = document.getElementById(selectors(a).fragment);
      items = items.filter(function (x) { return x.id !== a.id; });
      var saved = save();
      closeEditor(false);
      render();
      var mark = p && p.querySelector(".glossator-pnum");
      if (mark) { mark.focus({ preventScroll: true }); }
      announce(saved ? "Highlight deleted" : "Highlight deleted here, but not saved: this browser does not keep notes");
    }));
    actions.appendChild(button("Close", function () { closeEditor(true); }));
    box.appendChild(actions);
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.stopPropagation(); event.preventDefault(); closeEditor(true); }
    });
    document.body.appendChild(box);
    var anchor = (marker || document.querySelector('mark[data-annotation="' + a.id + '"]')).getBoundingClientRect();
    var width = box.offsetWidth;
    box.style.left = (Math.max(8, Math.min(anchor.left, document.documentElement.clientWidth - width - 8)) + window.scrollX) + "px";
    box.style.top = (anchor.bottom + window.scrollY + 8) + "px";
    editor = { box: box, back: marker };
    (noteFirst ? area : box.querySelector("input:checked") || area).focus({ preventScroll: true });
    if (box.getBoundingClientRect().bottom > window.innerHeight) { box.scrollIntoView({ block: "nearest", behavior: "instant" }); }
  }

  function jsonld(list) {
    return JSON.stringify({
      "@context": [ANNO, { glossator: { "@id": "urn:x-glossator:notebook", "@type": "@json" } }],
      type: "AnnotationCollection",
      label: "My notebook: " + EDITION,
      total: list.length,
      first: { type: "AnnotationPage", items: list }
    }, null, 2);
  }

  // -- the article page ----------------------------------------------------------------------

  function article() {
    render();
    document.addEventListener("selectionchange", function () { window.requestAnimationFrame(onSelection); });
    document.addEventListener("pointerdown", function (event) {
      if (event.button === 0 && !(toolbar && toolbar.contains(event.target))) { dragging = true; }
    }, true);
    document.addEventListener("pointerup", function () {
      dragging = false;
      window.requestAnimationFrame(function () { pressing = false; onSelection(); });
    }, true);
    document.addEventListener("pointercancel", function () { dragging = false; }, true);
    document.addEventListener("click", function (event) {
      var mark = event.target.closest ? event.target.closest("mark.glossator-highlight") : null;
      if (mark && !mark.closest("a[href]") && window.getSelection().isCollapsed) {
        var marker = document.querySelector('.glossator-hl-marker[data-annotation="' + mark.getAttribute("data-annotation") + '"]');
        openEditor(mark.getAttribute("data-annotation"), marker);
      } else if (editor && !editor.box.contains(event.target) && !(event.target.closest && event.target.closest(".glossator-hl-marker"))) {
        closeEditor(false);
      }
    });
    document.addEventListener("keydown", onKey);
    // notebook-loader.js fetched this script on a selection or a key: take them up.
    onSelection();
    (window.glossatorNotebookKeys || []).splice(0).forEach(function (queued) {
      queued.preventDefault = function () {};
      onKey(queued);
    });
  }

  function onKey(event) {
    if (event.altKey && event.shiftKey && event.code === "KeyH") {
      event.preventDefault();
      if (pending && toolbar && !toolbar.hidden) {
        toolbar.querySelector("button").focus();
      } else {
        announce("Select some words of the article first (from a ¶ mark: Shift and the arrow keys)");
      }
      return;
    }
    if (!event.shiftKey || event.altKey || !/^Arrow(Left|Right|Up|Down)$/.test(event.key)) { return; }
    var selection = window.getSelection();
    var mark = event.target.closest ? event.target.closest("a.glossator-pnum") : null;
    var p = mark && mark.closest("p.glossator-para[id]");
    if (p && (selection.isCollapsed || !p.contains(selection.anchorNode))) {
      var index = textOf(p);
      if (!index.map.length) { return; }
      selection.collapse(index.map[0][0], index.map[0][1]);  // from the paragraph's first word
      keyboardHint = true;
    } else if (selection.isCollapsed || !paragraphOf(selection.focusNode)) {
      return;  // the browser's own caret browsing, if it is on
    }
    event.preventDefault();
    var vertical = event.key === "ArrowUp" || event.key === "ArrowDown";
    selection.modify("extend", event.key === "ArrowRight" || event.key === "ArrowDown" ? "forward" : "backward",
      vertical ? "line" : event.ctrlKey || event.metaKey ? "word" : "character");
    if (keyboardHint) {
      keyboardHint = false;
      announce("Selecting from ¶" + paragraphNumber(p.id) + ". Press Alt+Shift+H to highlight the selection.");
    }
  }

  function start() {
    load();
    if (PAGE && paragraphs().length) {
      article();
      window.addEventListener("storage", function (event) { if (event.key === KEY) { load(); render(); } });
    }
  }

  // What the notebook page (notebook-page.js) shares; its items are this script's.
  window.glossatorNotebook = {
    KEY: KEY, EDITION: EDITION, ROOT: ROOT, COLOURS: COLOURS, load: load, save: save, find: find,
    items: function () { return items; }, setItems: function (list) { items = list; },
    element: element, button: button, announce: announce, download: download, jsonld: jsonld,
    selectors: selectors, colourOf: colourOf, colourName: colourName, noteOf: noteOf, paragraphNumber: paragraphNumber
  };

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
