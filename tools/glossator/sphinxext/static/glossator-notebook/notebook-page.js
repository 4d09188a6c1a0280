/* My notebook (the page of the {reader-notebook} directive): every highlight and note by
   article and ¶, with its quotation, citation and a link back; filters, print, export to
   Markdown and W3C Web Annotation JSON-LD, import with a merge. The notes and their storage
   are notebook.js's (window.glossatorNotebook). */
(function () {
  "use strict";
  var nb = window.glossatorNotebook;
  var holder = document.querySelector(".glossator-notebook");
  if (!nb || !holder) { return; }
  var KEY = nb.KEY, EDITION = nb.EDITION, ROOT = nb.ROOT, COLOURS = nb.COLOURS;
  var load = nb.load, save = nb.save, find = nb.find, element = nb.element, button = nb.button;
  var announce = nb.announce, download = nb.download, jsonld = nb.jsonld, selectors = nb.selectors;
  var colourOf = nb.colourOf, colourName = nb.colourName, noteOf = nb.noteOf, paragraphNumber = nb.paragraphNumber;

  function hrefOf(a) {
    return new URL(a.target.source + "#" + (selectors(a).fragment || ""), ROOT).href;
  }

  function sorted(list) {
    return list.slice().sort(function (x, y) {
      var sx = selectors(x), sy = selectors(y);
      return (x.target.source < y.target.source ? -1 : x.target.source > y.target.source ? 1 : 0) ||
        paragraphNumber(sx.fragment) - paragraphNumber(sy.fragment) ||
        ((sx.position || {}).start || 0) - ((sy.position || {}).start || 0);
    });
  }

  function titleOf(a) { return (a.glossator && a.glossator.article) || a.target.source; }

  // A note's paragraph citation in the style the reader chose in a cite box (cite.js keeps the
  // choice), from the forms of its article the page carries; the one saved with it otherwise.
  var citationNode = document.querySelector("div.glossator-notebook-citations[data-glossator-notebook-citations]");
  var citations = {};
  try { citations = citationNode ? JSON.parse(citationNode.getAttribute("data-glossator-notebook-citations")) : {}; } catch (e) { citations = {}; }
  function citationOf(a) {
    var forms = citations[a.target.source], cite = window.glossatorCite;
    var n = paragraphNumber(selectors(a).fragment);
    if (forms && cite && n) { return cite.paragraphText(forms, cite.chosen(forms), String(n)); }
    return (a.glossator && a.glossator.citation) || "";
  }

  function markdown(list) {
    var lines = ["# My notebook", "", EDITION + ". Exported " + new Date().toISOString().slice(0, 10) + ".", ""];
    var article = null;
    sorted(list).forEach(function (a) {
      if (titleOf(a) !== article) {
        article = titleOf(a);
        lines.push("## " + article, "");
      }
      var s = selectors(a), g = a.glossator || {};
      lines.push("### ¶" + paragraphNumber(s.fragment) + (g.orphaned ? " (orphaned)" : ""), "");
      lines.push("> " + s.quote.exact.replace(/\n/g, " "), "");
      if (noteOf(a)) { lines.push(noteOf(a), ""); }
      if (citationOf(a)) { lines.push("Citation: " + citationOf(a), ""); }
      lines.push("Highlight: " + colourOf(colourName(a)).label.toLowerCase() + ". [Back to ¶" + paragraphNumber(s.fragment) + "](" + hrefOf(a) + ")", "");
    });
    return lines.join("\n");
  }

  function valid(a) {
    if (!a || a.type !== "Annotation" || typeof a.id !== "string" || !a.target || typeof a.target.source !== "string") { return false; }
    var s = selectors(a);
    return !!(s.fragment && s.quote && typeof s.quote.exact === "string" && s.quote.exact);
  }

  function signature(a) {
    var s = selectors(a);
    return [a.target.source, s.fragment, s.quote.exact, (s.position || {}).start, colourName(a), noteOf(a)].join("\u0000");
  }

  // Merge an export into this browser's notes: same id, the later edit wins; the same
  // highlight under another id is not added twice.
  function merge(incoming) {
    var added = 0, same = 0, updated = 0;
    var signatures = {};
    nb.items().forEach(function (a) { signatures[signature(a)] = true; });
    incoming.forEach(function (a) {
      var mine = find(a.id);
      if (mine) {
        if ((a.modified || "") > (mine.modified || "")) { nb.items()[nb.items().indexOf(mine)] = a; updated++; } else { same++; }
      } else if (signatures[signature(a)]) {
        same++;
      } else {
        nb.items().push(a); signatures[signature(a)] = true; added++;
      }
    });
    return { added: added, same: same, updated: updated };
  }

  function parseImport(text) {
    var data = JSON.parse(text);
    var list = Array.isArray(data) ? data : data && data.type === "AnnotationCollection" ?
      (data.first && data.first.items) || data.items : data && data.type === "Annotation" ? [data] : null;
    if (!Array.isArray(list)) { throw new Error("it holds no Web Annotations (an AnnotationCollection or a list)"); }
    if (list.length > 10000) { throw new Error("it holds more than 10,000 annotations"); }
    var bad = list.filter(function (a) { return !valid(a); }).length;
    if (bad) { throw new Error(bad + " of its entries are not annotations of this reader (each needs an id, a page and a quoted passage)"); }
    return list;
  }

  function notebook(holder) {
    holder.textContent = "";
    holder.appendChild(element("p", "glossator-nb-privacy",
      "Your notes stay on this device: they are kept in this browser only, and nothing is sent anywhere. " +
      "Another browser or device has its own notebook; export here and import there to carry them over."));
    var controls = element("div", "glossator-nb-controls");
    var filters = element("div", "glossator-nb-filters");
    var colour = element("select");
    colour.id = "glossator-nb-colour";
    colour.appendChild(new Option("All colours", ""));
    COLOURS.forEach(function (c) { colour.appendChild(new Option(c.label + " (" + c.line + ")", c.name)); });
    var articleFilter = element("select");
    articleFilter.id = "glossator-nb-article";
    var colourLabel = element("label", "", "Colour");
    colourLabel.htmlFor = colour.id;
    var articleLabel = element("label", "", "Article");
    articleLabel.htmlFor = articleFilter.id;
    filters.appendChild(colourLabel); filters.appendChild(colour);
    filters.appendChild(articleLabel); filters.appendChild(articleFilter);
    var actions = element("div", "glossator-nb-actions");
    actions.appendChild(button("Print", function () { window.print(); }));
    actions.appendChild(button("Export Markdown", function () { download(markdown(shown()), "text/markdown", "notebook.md"); announce("Markdown exported"); }));
    actions.appendChild(button("Export JSON-LD", function () { download(jsonld(nb.items()), "application/ld+json", "notebook.jsonld"); announce("Notebook exported as JSON-LD"); }));
    var file = element("input");
    file.type = "file";
    file.id = "glossator-nb-import";
    file.accept = ".jsonld,.json,application/ld+json,application/json";
    var fileLabel = element("label", "glossator-nb-import-label", "Import notes (JSON-LD)");
    fileLabel.htmlFor = file.id;
    actions.appendChild(fileLabel);
    actions.appendChild(file);
    var danger = element("div", "glossator-nb-danger");
    actions.appendChild(danger);
    controls.appendChild(filters);
    controls.appendChild(actions);
    holder.appendChild(controls);
    var summary = element("p", "glossator-nb-summary");
    holder.appendChild(summary);
    var list = element("div", "glossator-nb-list");
    holder.appendChild(list);

    function shown() {
      return nb.items().filter(function (a) {
        return (!colour.value || colourName(a) === colour.value) && (!articleFilter.value || a.target.source === articleFilter.value);
      });
    }

    function dangerZone() {
      danger.textContent = "";
      danger.appendChild(button("Delete all my notes", function () {
        danger.textContent = "";
        var question = element("p", "", "Delete all " + nb.items().length + " highlights and notes from this browser? This cannot be undone.");
        question.id = "glossator-nb-confirm";
        danger.appendChild(question);
        var yes = button("Delete them all", function () {
          nb.setItems([]);
          var saved = save();
          draw();
          dangerZone();
          announce(saved ? "All your notes were deleted" : "Not deleted: this browser does not keep notes");
        });
        yes.setAttribute("aria-describedby", question.id);
        danger.appendChild(yes);
        danger.appendChild(button("Keep them", function () { dangerZone(); danger.querySelector("button").focus(); }));
        yes.focus();
      }, "glossator-nb-delete-all"));
    }

    function draw() {
      var chosen = articleFilter.value;
      articleFilter.textContent = "";
      articleFilter.appendChild(new Option("All articles", ""));
      var seen = {};
      sorted(nb.items()).forEach(function (a) {
        if (seen[a.target.source]) { return; }
        seen[a.target.source] = true;
        articleFilter.appendChild(new Option(titleOf(a), a.target.source));
      });
      articleFilter.value = seen[chosen] ? chosen : "";
      var visible = sorted(shown());
      var orphaned = nb.items().filter(function (a) { return a.glossator && a.glossator.orphaned; }).length;
      summary.textContent = nb.items().length ?
        "Showing " + visible.length + " of your " + nb.items().length + " highlights and notes" +
        (orphaned ? "; " + orphaned + " orphaned (their words were not found when the page was last opened)." : ".") :
        "You have no highlights yet. Select some words in an article and choose a colour.";
      list.textContent = "";
      var group = null, current = null;
      visible.forEach(function (a) {
        if (a.target.source !== current) {
          current = a.target.source;
          var section = element("section", "glossator-nb-article");
          var heading = element("h2");
          var link = element("a", "", titleOf(a));
          link.href = new URL(a.target.source, ROOT).href;
          heading.appendChild(link);
          section.appendChild(heading);
          group = element("ol", "glossator-nb-items");
          section.appendChild(group);
          list.appendChild(section);
        }
        var s = selectors(a), g = a.glossator || {}, c = colourOf(colourName(a));
        var item = element("li", "glossator-nb-item glossator-hl-" + c.name + (g.orphaned ? " glossator-nb-orphaned" : ""));
        var where = element("p", "glossator-nb-where");
        var back = element("a", "", "¶" + paragraphNumber(s.fragment));
        back.href = hrefOf(a);
        where.appendChild(back);
        var tag = element("span", "glossator-nb-colour");
        tag.appendChild(element("span", "glossator-hl-swatch"));
        tag.appendChild(document.createTextNode(c.label + " (" + c.line + ")"));
        where.appendChild(tag);
        if (g.orphaned) { where.appendChild(element("strong", "glossator-nb-orphan-label", "Orphaned: its words were not found on the page")); }
        item.appendChild(where);
        item.appendChild(element("blockquote", "glossator-nb-quote", s.quote.exact));
        if (noteOf(a)) { item.appendChild(element("p", "glossator-nb-note", noteOf(a))); }
        if (citationOf(a)) { item.appendChild(element("p", "glossator-nb-citation", citationOf(a))); }
        group.appendChild(item);
      });
    }

    colour.addEventListener("change", draw);
    articleFilter.addEventListener("change", draw);
    file.addEventListener("change", function () {
      var chosen = file.files && file.files[0];
      if (!chosen) { return; }
      if (chosen.size > 5 * 1024 * 1024) { announce("Not imported: " + chosen.name + " is larger than 5 MB"); return; }
      var reader = new FileReader();
      reader.onload = function () {
        var incoming;
        try {
          incoming = parseImport(String(reader.result));
        } catch (e) {
          announce("Not imported: " + chosen.name + " is not a notebook export: " + (e instanceof SyntaxError ? "it is not JSON" : e.message));
          file.value = "";
          return;
        }
        var result = merge(incoming);
        var saved = save();
        draw();
        file.value = "";
        announce("Imported " + result.added + " new " + (result.added === 1 ? "note" : "notes") +
          (result.updated ? ", updated " + result.updated : "") + (result.same ? "; " + result.same + " already here" : "") +
          (saved ? "." : ", but not saved: this browser does not keep notes."));
      };
      reader.readAsText(chosen);
    });
    dangerZone();
    draw();
    window.addEventListener("storage", function (event) {
      if (event.key === KEY) { load(); draw(); }
      if (window.glossatorCite && event.key === window.glossatorCite.STORE) { draw(); }  // a style chosen in another tab
    });
  }


  function start() { load(); notebook(holder); }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
