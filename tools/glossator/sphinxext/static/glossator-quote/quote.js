/* Quote: copying a selection of the reader's text gives the article's words only. Every
   element of the editors' apparatus (notes and their markers, ¶ numbers, tooltips, cite boxes,
   editorial boxes) carries the class glossator-apparatus; the copy handler clones the
   selection, drops those elements, and writes what is left as text/plain and text/html.
   A selection wholly inside the apparatus (a sentence of a note) is copied as it is. */
(function () {
  "use strict";
  var APPARATUS = ".glossator-apparatus";

  // The one rule for "the article's own words", shared with the notebook
  // (glossator-notebook/notebook.js anchors highlights in the text this leaves).
  window.glossatorQuote = {
    apparatus: APPARATUS,
    inApparatus: function (node) { var e = element(node); return !!(e && e.closest(APPARATUS)); }
  };

  function element(node) { return node.nodeType === 1 ? node : node.parentElement; }

  function plain(holder) {
    // innerText gives the text as laid out: a paragraph break between paragraphs, the
    // source's line breaks folded into spaces.
    return holder.innerText.replace(/[ \t]+\n/g, "\n").replace(/\n{3,}/g, "\n\n").trim();
  }

  document.addEventListener("copy", function (event) {
    var selection = window.getSelection();
    if (!event.clipboardData || !selection || selection.isCollapsed || !selection.rangeCount) { return; }
    var first = element(selection.getRangeAt(0).commonAncestorContainer);
    if (first && first.closest(APPARATUS)) { return; }
    var fragment = document.createDocumentFragment();
    for (var i = 0; i < selection.rangeCount; i++) {
      fragment.appendChild(selection.getRangeAt(i).cloneContents());
    }
    var dropped = fragment.querySelectorAll(APPARATUS);
    if (!dropped.length) { return; }  // nothing to leave out: the browser's own copy is right
    dropped.forEach(function (node) { node.remove(); });
    var holder = document.createElement("div");
    holder.className = "glossator-quote-holder";
    holder.setAttribute("aria-hidden", "true");
    holder.appendChild(fragment);
    document.body.appendChild(holder);
    var text = plain(holder);
    var html = holder.innerHTML;
    holder.remove();
    event.clipboardData.setData("text/plain", text);
    event.clipboardData.setData("text/html", html);
    event.preventDefault();
  });
})();
