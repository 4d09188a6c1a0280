/* "Cite this paragraph": clicking a ¶N mark shows a ready citation with a copy button.
   Without JavaScript the mark is still a plain permalink. */
(function () {
  "use strict";
  function close(box) { if (box) { box.remove(); } }
  document.addEventListener("click", function (event) {
    var mark = event.target.closest ? event.target.closest("a.glossator-pnum") : null;
    if (!mark) { return; }
    var para = mark.closest("p");
    var old = document.querySelector(".glossator-citebox");
    var same = old && old.previousElementSibling === para;
    close(old);
    if (same) { return; }
    var box = document.createElement("div");
    box.className = "glossator-citebox";
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", "Citation for paragraph " + mark.textContent.replace("¶", ""));
    var text = document.createElement("p");
    text.textContent = mark.getAttribute("data-citation");
    var copy = document.createElement("button");
    copy.type = "button";
    copy.textContent = "Copy citation";
    copy.addEventListener("click", function () {
      var done = function () { copy.textContent = "Copied"; };
      if (navigator.clipboard) { navigator.clipboard.writeText(text.textContent).then(done, function () {}); }
    });
    var dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.textContent = "Close";
    dismiss.addEventListener("click", function () { close(box); mark.focus(); });
    box.appendChild(text);
    box.appendChild(copy);
    box.appendChild(dismiss);
    para.insertAdjacentElement("afterend", box);
  });
})();
