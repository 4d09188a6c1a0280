/* On an article page, the notebook's script and style (notebook.js, notebook.css) are fetched
   only when they are needed: at once when this reader has highlights on the page, otherwise
   at the first selection of the article's words or the first Shift+arrow from a ¶ mark (that
   key is handed on, not lost). A student who only reads downloads nothing more. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="glossator-notebook"]');
  var own = document.querySelector('script[src*="glossator-notebook/notebook-loader.js"]');
  if (!meta || !own || !document.querySelector("p.glossator-para[id]")) { return; }
  var base = own.getAttribute("src").replace(/notebook-loader\.js.*$/, "");
  var loading = false;

  function load() {
    if (loading) { return; }
    loading = true;
    var sheet = document.createElement("link");
    sheet.rel = "stylesheet";
    sheet.href = base + "notebook.css";
    document.head.appendChild(sheet);
    var script = document.createElement("script");
    script.src = base + "notebook.js";
    document.head.appendChild(script);
  }

  function hasNotes() {
    try {
      var data = JSON.parse(window.localStorage.getItem(meta.getAttribute("content")) || "{}");
      var page = meta.getAttribute("data-page");
      return (data.items || []).some(function (a) { return a && a.target && a.target.source === page; });
    } catch (e) {
      return false;  // unreadable or blocked: notebook.js says so when it is needed
    }
  }

  if (hasNotes()) { load(); return; }
  document.addEventListener("selectionchange", function () {
    var selection = window.getSelection();
    if (!loading && selection && !selection.isCollapsed && selection.anchorNode) {
      var e = selection.anchorNode.nodeType === 1 ? selection.anchorNode : selection.anchorNode.parentElement;
      if (e && e.closest("p.glossator-para[id]")) { load(); }
    }
  });
  // Keys pressed before notebook.js has run are queued for it (window.glossatorNotebookKeys).
  var keys = window.glossatorNotebookKeys = [];
  document.addEventListener("keydown", function (event) {
    if (window.glossatorNotebook || !event.shiftKey || !/^Arrow(Left|Right|Up|Down)$/.test(event.key)) { return; }
    var mark = event.target.closest ? event.target.closest("a.glossator-pnum") : null;
    if (!mark && !loading) { return; }
    event.preventDefault();
    keys.push({ key: event.key, code: event.code, shiftKey: true, ctrlKey: event.ctrlKey, metaKey: event.metaKey,
                altKey: event.altKey, target: mark || event.target });
    load();
  });
})();
