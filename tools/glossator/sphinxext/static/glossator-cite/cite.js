/* Cite a paragraph: the ¶N mark at the start of a numbered paragraph is, without scripts, a
   permalink; here it becomes a button ("Cite paragraph N", aria-expanded) that opens a small
   labelled dialog beside it with a ready citation, Copy citation, the permalink and Close.
   Click, tap, Enter and Space open it; Escape, Close or a click elsewhere close it, and focus
   goes back to the mark. The box floats over the text, so nothing moves and the page does
   not jump.

   Citation styles: the build writes every configured style's form of the page's paragraph
   citation into div.glossator-cite-data (JSON, the paragraph number as a sentinel), so the
   box and "How to cite" switch style with no network, from file:// too. The reader's choice
   is kept in localStorage. */
(function () {
  "use strict";
  var current = null;  // { mark, box } while a box is open
  var STORE = "glossator-citation-style";
  var dataNode = document.querySelector("div.glossator-cite-data[data-glossator-citations]");
  var data = null;
  try { data = dataNode ? JSON.parse(dataNode.getAttribute("data-glossator-citations")) : null; } catch (e) { data = null; }

  // The page's forms ({default, sentinel, local, styles}) of a style, the reader's style, and
  // a paragraph's citation: one home, which the notebook page uses too (window.glossatorCite).
  function styleIn(forms, id) {
    if (!forms) { return null; }
    for (var i = 0; i < forms.styles.length; i++) { if (forms.styles[i].id === id) { return forms.styles[i]; } }
    return null;
  }
  function chosenIn(forms) {
    var id = null;
    try { id = window.localStorage.getItem(STORE); } catch (e) { id = null; }
    return styleIn(forms, id) ? id : (forms ? forms.default : null);
  }
  // One style's citation of paragraph n, as one line of plain text.
  function paragraphIn(forms, id, n) {
    var style = styleIn(forms, id);
    var text = style.note ? style.paragraph_cite
      : style.paragraph_reference + " In the text: " + style.paragraph_cite;
    if (forms.local) { text += " " + forms.local; }
    return text.split(forms.sentinel).join(n);
  }
  window.glossatorCite = { STORE: STORE, chosen: chosenIn, paragraphText: paragraphIn };

  function chosen() { return chosenIn(data); }
  function choose(id) {
    try { window.localStorage.setItem(STORE, id); } catch (e) { /* storage refused: this page only */ }
    showHowToCite(id);
    document.querySelectorAll("select.glossator-cite-select").forEach(function (select) { select.value = id; });
    if (current && current.update) { current.update(); }
  }
  function paragraphText(id, n) { return paragraphIn(data, id, n); }
  var selects = 0;
  function styleSelect() {
    var wrap = document.createElement("p");
    wrap.className = "glossator-cite-choose";
    var select = document.createElement("select");
    select.className = "glossator-cite-select";
    select.id = "glossator-cite-select-" + (++selects);
    data.styles.forEach(function (style) {
      var option = document.createElement("option");
      option.value = style.id;
      option.textContent = style.label;
      select.appendChild(option);
    });
    select.value = chosen();
    var label = document.createElement("label");
    label.htmlFor = select.id;
    label.textContent = "Citation style";
    select.addEventListener("change", function () { choose(select.value); });
    wrap.appendChild(label);
    wrap.appendChild(document.createTextNode(" "));
    wrap.appendChild(select);
    return wrap;
  }
  function showHowToCite(id) {
    document.querySelectorAll(".glossator-cite-style").forEach(function (box) {
      box.hidden = !box.classList.contains("glossator-cite-style-" + id);
    });
  }
  if (data) {
    var section = document.getElementById("glossator-how-to-cite");
    var first = section ? section.querySelector(".glossator-cite-style") : null;
    if (first) {
      first.parentNode.insertBefore(styleSelect(), first);
      showHowToCite(chosen());
    }
  }

  function number(mark) { return mark.textContent.replace("¶", "").trim(); }

  document.querySelectorAll("a.glossator-pnum[data-citation]").forEach(function (mark) {
    mark.setAttribute("role", "button");
    mark.setAttribute("aria-label", "Cite paragraph " + number(mark));
    mark.setAttribute("aria-haspopup", "dialog");
    mark.setAttribute("aria-expanded", "false");
  });

  function close(returnFocus) {
    if (!current) { return; }
    var mark = current.mark;
    current.box.remove();
    current = null;
    mark.setAttribute("aria-expanded", "false");
    mark.removeAttribute("aria-controls");
    if (returnFocus) { mark.focus({ preventScroll: true }); }
  }

  function button(label, action) {
    var element = document.createElement("button");
    element.type = "button";
    element.textContent = label;
    element.addEventListener("click", action);
    return element;
  }

  function copyText(text, done) {
    var fallback = function () {
      // Where the Clipboard API is refused (some file:// pages): select the text and copy.
      var area = document.createElement("textarea");
      area.value = text;
      area.className = "glossator-citebox-scratch";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      done(ok);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }

  function open(mark) {
    var n = number(mark);
    var para = mark.closest("p") || mark.parentElement;
    var box = document.createElement("div");
    box.className = "glossator-citebox glossator-apparatus";
    box.id = "glossator-citebox";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-labelledby", "glossator-citebox-title");
    var title = document.createElement("p");
    title.id = "glossator-citebox-title";
    title.className = "glossator-citebox-title";
    title.textContent = "Citation for paragraph " + n;
    var text = document.createElement("p");
    text.className = "glossator-citebox-text";
    text.textContent = mark.getAttribute("data-citation");
    var update = function () {
      if (data) { text.textContent = paragraphText(chosen(), n); }
    };
    update();
    var status = document.createElement("span");
    status.className = "glossator-citebox-status";
    status.setAttribute("role", "status");
    var copy = button("Copy citation", function () {
      copyText(text.textContent, function (ok) {
        status.textContent = ok ? "Copied" : "Select the citation and copy it";
      });
    });
    var link = document.createElement("a");
    link.href = mark.getAttribute("href");
    link.textContent = "Link to ¶" + n;
    var actions = document.createElement("div");
    actions.className = "glossator-citebox-actions";
    actions.appendChild(copy);
    actions.appendChild(link);
    actions.appendChild(button("Close", function () { close(true); }));
    actions.appendChild(status);
    box.appendChild(title);
    if (data) { box.appendChild(styleSelect()); }
    box.appendChild(text);
    box.appendChild(actions);
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.stopPropagation(); close(true); }
    });
    box.style.top = (mark.offsetTop + mark.offsetHeight + 4) + "px";
    para.appendChild(box);
    // Above the mark when there is no room below it on the screen.
    var room = window.innerHeight - mark.getBoundingClientRect().bottom;
    if (box.offsetHeight + 8 > room && mark.getBoundingClientRect().top > box.offsetHeight + 8) {
      box.style.top = (mark.offsetTop - box.offsetHeight - 4) + "px";
    }
    current = { mark: mark, box: box, update: update };
    mark.setAttribute("aria-expanded", "true");
    mark.setAttribute("aria-controls", box.id);
    copy.focus({ preventScroll: true });
  }

  function toggle(mark) {
    var same = current && current.mark === mark;
    close(same);
    if (!same) { open(mark); }
  }

  document.addEventListener("click", function (event) {
    var mark = event.target.closest ? event.target.closest("a.glossator-pnum[data-citation]") : null;
    if (mark) {
      event.preventDefault();  // no jump to #pN: the permalink is in the box
      toggle(mark);
    } else if (current && !current.box.contains(event.target)) {
      close(false);
    }
  });
  document.addEventListener("keydown", function (event) {
    var mark = event.target.closest ? event.target.closest("a.glossator-pnum[data-citation]") : null;
    if (mark && (event.key === " " || event.key === "Spacebar")) {
      event.preventDefault();  // a button opens on Space; a link would scroll the page
      toggle(mark);
    } else if (current && event.key === "Escape") {
      close(true);
    }
  });
})();
