/* Quiet terms (glossator.sphinxext.quietterms): only the first use of a glossary term in an
   article is a link; later uses are <a class="glossator-term-repeat"> without href, their
   target in data-glossator-href. The reader switch gives them their href back and remembers
   the choice in localStorage, where the browser allows it (from file:// too); where storage
   is blocked, the switch still works for the page. */
(function () {
  "use strict";
  var KEY = "glossator.terms";
  var quiet = document.querySelectorAll("a.glossator-term-repeat[data-glossator-href]");
  if (!quiet.length) { return; }

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function store(value) {
    try { window.localStorage.setItem(KEY, value); } catch (e) { /* blocked: this page only */ }
  }
  function apply(all) {
    quiet.forEach(function (link) {
      if (all) { link.setAttribute("href", link.getAttribute("data-glossator-href")); }
      else { link.removeAttribute("href"); }
    });
    document.documentElement.classList.toggle("glossator-terms-all", all);
    // The tooltips attach to links that gained an href and leave those that lost it.
    document.dispatchEvent(new CustomEvent("glossator:links-changed"));
  }

  var box = document.createElement("div");
  box.className = "glossator-terms-switch glossator-apparatus";
  var input = document.createElement("input");
  input.type = "checkbox";
  input.id = "glossator-terms-all";
  input.setAttribute("role", "switch");
  input.setAttribute("aria-describedby", "glossator-terms-all-hint");
  var label = document.createElement("label");
  label.htmlFor = input.id;
  label.textContent = "Mark every glossary term";
  var hint = document.createElement("span");
  hint.id = "glossator-terms-all-hint";
  hint.className = "glossator-terms-hint";
  hint.textContent = "Off: only the first use of each term is marked.";
  box.appendChild(input);
  box.appendChild(label);
  box.appendChild(hint);

  var header = document.querySelector(".glossator-article-header");
  var first = document.querySelector("p.glossator-para");
  if (header) { header.insertAdjacentElement("afterend", box); }
  else if (first) { first.insertAdjacentElement("beforebegin", box); }
  else { return; }

  input.checked = stored() === "all";
  if (input.checked) { apply(true); }
  input.addEventListener("change", function () {
    store(input.checked ? "all" : "first");
    apply(input.checked);
  });
})();
