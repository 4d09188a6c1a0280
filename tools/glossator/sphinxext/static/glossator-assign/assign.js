/* The assignment builder and the focused reading view (sphinxext/assignbuilder.py).
 *
 * Both pages read window.GLOSSATOR_READER (reader-data.js, written by the build): the
 * articles with the words of their numbered paragraphs, the timeline and the claims. Nothing
 * is fetched, so the pages work from file:// and offline.
 *
 * An assignment is the object a file of corpus/assignments/ holds: {title, audience, due,
 * instructions, readings: [{article, paragraphs, note} | {section: "timeline", from, to} |
 * {claim}], questions: [...]}. Its share link is read.html#a=<code>: the JSON, compressed
 * (deflate-raw, "z" + base64url) where the browser has CompressionStream, else plain ("j" +
 * base64url). read.html#r=stem:4-13,stem:2 is a plain reading list of paragraph ranges.
 * A link that names what the reader does not have shows a message (role="alert"), never an
 * empty page: everything else in it is still shown.
 */
(function () {
  "use strict";

  var root = document.getElementById("glossator-assign");
  if (!root) return;
  var DATA = window.GLOSSATOR_READER;
  var base = document.documentElement.getAttribute("data-content_root") || "";
  var RANGE = /^\s*(\d{1,6})\s*(?:[-–—]\s*(\d{1,6}))?\s*$/;
  var DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

  // -- small helpers -------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) return;
        if (name === "text") node.textContent = value;
        else if (name === "className") node.className = value;
        else node.setAttribute(name, value === true ? "" : String(value));
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function byStem(stem) {
    for (var i = 0; i < DATA.articles.length; i++) if (DATA.articles[i].stem === stem) return DATA.articles[i];
    return null;
  }

  function byClaim(key) {
    for (var i = 0; i < DATA.claims.length; i++) if (DATA.claims[i].key === key) return DATA.claims[i];
    return null;
  }

  function parseRange(text) {
    var match = RANGE.exec(String(text));
    if (!match) return null;
    var first = parseInt(match[1], 10);
    return [first, match[2] ? parseInt(match[2], 10) : first];
  }

  function rangeText(span) {
    return span[0] === span[1] ? "¶" + span[0] : "¶" + span[0] + "–" + span[1];
  }

  function rangeValue(span) {
    return span[0] === span[1] ? String(span[0]) : span[0] + "-" + span[1];
  }

  function rangeAnchor(span) {
    return span[0] === span[1] ? "p" + span[0] : "p" + span[0] + "-p" + span[1];
  }

  /* What is wrong with ¶span of article, in words an instructor reads, or "". */
  function rangeProblem(article, span) {
    var count = article.paragraphs.length;
    var what = rangeText(span) + " of " + article.label;
    if (span[0] > span[1]) return what + " runs backwards: write " + span[1] + "–" + span[0] + ".";
    if (span[0] < 1 || span[1] > count) return what + " is past the end of the article, which has ¶1–" + count + ".";
    return "";
  }

  /* The same rule as timeline.in_period: dates compared at the precision written. */
  function inPeriod(date, start, end) {
    if (!date) return false;
    if (start && date.slice(0, start.length) < start) return false;
    return !(end && date.slice(0, end.length) > end);
  }

  function periodText(reading) {
    if (reading.from && reading.to) return "The timeline, " + reading.from + " to " + reading.to;
    if (reading.from) return "The timeline, from " + reading.from;
    if (reading.to) return "The timeline, to " + reading.to;
    return "The timeline";
  }

  /* Every problem of an assignment, as sentences; [] when the reader has all it names. */
  function problems(assignment) {
    var found = [];
    (assignment.readings || []).forEach(function (reading) {
      if (reading.article !== undefined) {
        var article = byStem(String(reading.article));
        if (!article) {
          found.push("This assignment names an article the reader does not have: “" + reading.article + "”.");
          return;
        }
        if (reading.paragraphs !== undefined && reading.paragraphs !== "") {
          var span = parseRange(reading.paragraphs);
          var problem = span ? rangeProblem(article, span)
            : "“" + reading.paragraphs + "” is not a paragraph number or a range such as 4–13.";
          if (problem) found.push(problem);
        }
      } else if (reading.claim !== undefined) {
        if (!byClaim(String(reading.claim))) found.push("This assignment names a claim the reader does not have: “" + reading.claim + "”.");
      } else if (reading.section === "timeline") {
        ["from", "to"].forEach(function (name) {
          if (reading[name] && !DATE.test(String(reading[name]))) {
            found.push("The timeline's “" + name + "” date “" + reading[name] + "” is not YYYY, YYYY-MM or YYYY-MM-DD.");
          }
        });
      } else {
        found.push("This assignment has a reading the reader does not understand.");
      }
    });
    return found;
  }

  // -- the share link ------------------------------------------------------------------------

  function toBase64url(bytes) {
    var text = "";
    for (var i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function fromBase64url(code) {
    var text = code.replace(/-/g, "+").replace(/_/g, "/");
    while (text.length % 4) text += "=";
    var raw = atob(text);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function through(bytes, stream) {
    return new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer()
      .then(function (buffer) { return new Uint8Array(buffer); });
  }

  function encode(assignment) {
    var bytes = new TextEncoder().encode(JSON.stringify(assignment));
    if (typeof CompressionStream === "undefined") return Promise.resolve("j" + toBase64url(bytes));
    return through(bytes, new CompressionStream("deflate-raw")).then(function (packed) { return "z" + toBase64url(packed); });
  }

  function decode(code) {
    return Promise.resolve().then(function () {
      var kind = code.charAt(0), bytes = fromBase64url(code.slice(1));
      if (kind === "j") return bytes;
      if (kind === "z" && typeof DecompressionStream !== "undefined") return through(bytes, new DecompressionStream("deflate-raw"));
      throw new Error("unknown code");
    }).then(function (bytes) {
      var value = JSON.parse(new TextDecoder().decode(bytes));
      if (!value || typeof value !== "object" || !Array.isArray(value.readings)) throw new Error("not an assignment");
      return value;
    });
  }

  function readingUrl(code) {
    return new URL(base + DATA.pages.reading + "#a=" + code, window.location.href).href;
  }

  // -- the YAML of corpus/assignments --------------------------------------------------------

  /* A JSON string is a valid YAML double-quoted scalar: the same escapes, and the rest as is. */
  function q(text) {
    return JSON.stringify(String(text));
  }

  function toYaml(assignment) {
    var lines = ["# Made with the assignment builder of the reader. Save it as corpus/assignments/" + fileName(assignment) + "."];
    lines.push("title: " + q(assignment.title || ""));
    ["audience", "due", "instructions"].forEach(function (name) {
      if (assignment[name]) lines.push(name + ": " + q(assignment[name]));
    });
    lines.push("readings:");
    assignment.readings.forEach(function (reading) {
      if (reading.article !== undefined) {
        lines.push("  - article: " + reading.article);
        if (reading.paragraphs) lines.push("    paragraphs: " + q(reading.paragraphs));
      } else if (reading.claim !== undefined) {
        lines.push("  - claim: " + reading.claim);
      } else {
        lines.push("  - section: timeline");
        if (reading.from) lines.push("    from: " + q(reading.from));
        if (reading.to) lines.push("    to: " + q(reading.to));
      }
      if (reading.note) lines.push("    note: " + q(reading.note));
    });
    if (assignment.questions.length) {
      lines.push("questions:");
      assignment.questions.forEach(function (question) { lines.push("  - " + q(question)); });
    }
    return lines.join("\n") + "\n";
  }

  function fileName(assignment) {
    var slug = String(assignment.title || "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
    return (slug || "assignment") + ".yml";
  }

  // -- the reading view ----------------------------------------------------------------------

  function alertBox(messages) {
    var box = el("div", { role: "alert", className: "glossator-assign-problem" });
    if (messages.length === 1) box.appendChild(el("p", { text: messages[0] }));
    else box.appendChild(el("ul", null, messages.map(function (m) { return el("li", { text: m }); })));
    return box;
  }

  function answerLines(count) {
    var box = el("div", { className: "glossator-answer", "aria-hidden": "true" });
    for (var i = 0; i < count; i++) box.appendChild(el("span", { className: "glossator-answer-line" }));
    return box;
  }

  function renderArticle(out, reading) {
    var article = byStem(String(reading.article));
    if (!article) return;
    var count = article.paragraphs.length;
    var span = reading.paragraphs ? parseRange(reading.paragraphs) : [1, count];
    if (!span || rangeProblem(article, span)) {
      // Show what exists of it: the link names paragraphs the article does not have.
      if (!span || span[0] > count || span[0] > span[1]) return;
      span = [Math.max(1, span[0]), Math.min(span[1], count)];
    }
    var page = base + article.page;
    var section = el("section", { className: "glossator-view-reading", "aria-label": article.label + ", " + rangeText(span) });
    section.appendChild(el("h2", { text: article.title + " (" + article.label + "), " + rangeText(span) }));
    if (reading.note) section.appendChild(el("p", null, [el("em", { text: reading.note })]));
    section.appendChild(el("p", { className: "glossator-assign-noprint" }, [
      el("a", { href: page + "#" + rangeAnchor(span), text: "Read " + rangeText(span) + " in the reader, with the notes and glossary" })]));
    var quote = el("blockquote", { className: "glossator-handout-text" });
    var terms = [], seen = {};
    for (var n = span[0]; n <= span[1]; n++) {
      quote.appendChild(el("p", { className: "glossator-view-para", "data-paragraph": n }, [
        el("a", { className: "glossator-view-pnum", href: page + "#p" + n, title: "¶" + n + " in the reader", text: "¶" + n }),
        " ", article.paragraphs[n - 1]]));
      // The editors' notes on this paragraph, after it (apparatus: not the article's words).
      ((article.notes || {})[n] || []).forEach(function (note) {
        quote.appendChild(el("aside", { className: "glossator-view-note glossator-apparatus", "aria-label": "Note on ¶" + n },
          [el("strong", { text: "Note on ¶" + n + ": " }), note]));
      });
      ((article.terms || {})[n] || []).forEach(function (term) {
        if (!seen[term[0]]) { seen[term[0]] = true; terms.push(term); }
      });
    }
    section.appendChild(quote);
    if (terms.length) {
      section.appendChild(el("h3", { text: "Glossary" }));
      section.appendChild(el("dl", { className: "glossator-view-terms glossator-apparatus" }, terms.reduce(function (items, term) {
        return items.concat([el("dt", { text: term[0] }), el("dd", { text: term[1] })]);
      }, [])));
    }
    if (article.url) section.appendChild(el("p", { className: "glossator-view-source" }, ["Source: ", el("a", { href: article.url, text: article.url })]));
    out.appendChild(section);
  }

  function renderTimeline(out, reading) {
    var section = el("section", { className: "glossator-view-reading", "aria-label": periodText(reading) });
    section.appendChild(el("h2", { text: periodText(reading) }));
    if (reading.note) section.appendChild(el("p", null, [el("em", { text: reading.note })]));
    var events = DATA.events.filter(function (e) { return inPeriod(e.date, reading.from, reading.to); });
    if (!events.length) section.appendChild(el("p", { text: "The timeline has no events in this period." }));
    var list = el("dl", { className: "glossator-handout-timeline" });
    events.forEach(function (event) {
      list.appendChild(el("dt", null, [el("strong", { text: event.when }), " — " + event.title]));
      list.appendChild(el("dd", { text: event.description }));
    });
    if (events.length) section.appendChild(list);
    section.appendChild(el("p", { className: "glossator-assign-noprint" }, [el("a", { href: base + DATA.pages.timeline, text: "The whole timeline, with sources" })]));
    out.appendChild(section);
  }

  function renderClaim(out, reading) {
    var claim = byClaim(String(reading.claim));
    if (!claim) return;
    var section = el("section", { className: "glossator-view-reading", "aria-label": "Claim: " + claim.title });
    section.appendChild(el("h2", { text: "Claim: " + claim.title }));
    if (reading.note) section.appendChild(el("p", null, [el("em", { text: reading.note })]));
    if (claim.question) section.appendChild(el("p", null, [el("strong", { text: "Question:" }), " " + claim.question]));
    section.appendChild(el("p", null, [el("strong", { text: "Thesis:" }), " " + claim.thesis]));
    var body = el("tbody");
    DATA.articles.forEach(function (article) {
      var position = claim.positions[article.stem] || {};
      var words = position.quote ? "“" + position.quote + "”" + (position.paragraph ? " (¶" + position.paragraph.replace("-", "–") + ")" : "")
        : (position.summary || "—");
      body.appendChild(el("tr", null, [el("th", { scope: "row", text: article.label }), el("td", { text: position.stance || "—" }), el("td", { text: words })]));
    });
    section.appendChild(el("table", { className: "glossator-view-claim" }, [
      el("thead", null, [el("tr", null, [el("th", { scope: "col", text: "Article" }), el("th", { scope: "col", text: "Stance" }), el("th", { scope: "col", text: "In its words" })])]),
      body]));
    out.appendChild(section);
  }

  function renderAssignment(assignment) {
    var out = el("div", { className: "glossator-view" });
    var found = problems(assignment);
    if (found.length) out.appendChild(alertBox(found));
    out.appendChild(el("p", { className: "glossator-assign-noprint" }, [
      el("button", { type: "button", className: "glossator-assign-print", text: "Print" })]));
    if (assignment.title) {
      out.appendChild(el("h2", { className: "glossator-view-title", text: assignment.title }));
      document.title = assignment.title;
    }
    out.appendChild(el("p", { className: "glossator-name-line", text: "Name: ________________________________________" }));
    if (assignment.audience) out.appendChild(el("p", null, [el("strong", { text: "For:" }), " " + assignment.audience]));
    if (assignment.due) out.appendChild(el("p", null, [el("strong", { text: "Due:" }), " " + assignment.due]));
    String(assignment.instructions || "").split(/\n\s*\n/).forEach(function (part) {
      if (part.trim()) out.appendChild(el("p", { className: "glossator-view-instructions", text: part.trim() }));
    });
    (assignment.readings || []).forEach(function (reading) {
      if (!reading || typeof reading !== "object") return;
      if (reading.article !== undefined) renderArticle(out, reading);
      else if (reading.claim !== undefined) renderClaim(out, reading);
      else if (reading.section === "timeline") renderTimeline(out, reading);
    });
    var questions = (assignment.questions || []).filter(function (x) { return String(x).trim(); });
    if (questions.length) {
      out.appendChild(el("h2", { text: "Questions" }));
      out.appendChild(el("ol", { className: "glossator-view-questions" }, questions.map(function (question) {
        return el("li", null, [el("p", { text: String(question) }), answerLines(6)]);
      })));
    }
    out.querySelector(".glossator-assign-print").addEventListener("click", function () { window.print(); });
    return out;
  }

  /* #r=stem:4-13,stem:2 (or a bare stem for the whole article) as an assignment. */
  function readingList(text) {
    var readings = text.split(",").filter(Boolean).map(function (part) {
      var at = part.indexOf(":");
      var reading = { article: at < 0 ? part : part.slice(0, at) };
      if (at >= 0) reading.paragraphs = part.slice(at + 1);
      return reading;
    });
    return { title: "Reading list", readings: readings, questions: [] };
  }

  function showReading() {
    clear(root);
    var hash = window.location.hash.replace(/^#/, "");
    var builder = el("a", { href: base + DATA.pages.builder, text: "the assignment builder" });
    if (!hash) {
      root.appendChild(el("p", null, ["This page shows an assignment from its link. Make one with ", builder, "."]));
      return;
    }
    var shown;
    if (hash.indexOf("r=") === 0) {
      var text;
      try { text = decodeURIComponent(hash.slice(2)); } catch (error) { text = hash.slice(2); }
      shown = Promise.resolve(readingList(text));
    } else if (hash.indexOf("a=") === 0) {
      shown = decode(hash.slice(2));
    } else {
      shown = Promise.reject(new Error("unknown link"));
    }
    shown.then(function (assignment) {
      clear(root);
      root.appendChild(renderAssignment(assignment));
    }, function () {
      clear(root);
      root.appendChild(alertBox(["This assignment link is damaged or incomplete: it may have been cut when it was copied. " +
        "Ask for the whole link, or make the assignment again."]));
      root.appendChild(el("p", null, ["Make an assignment with ", builder, "."]));
    });
  }

  // -- the builder ---------------------------------------------------------------------------

  function field(label, control, hint) {
    var id = control.id;
    var holder = el("p", { className: "glossator-assign-field" }, [el("label", { for: id, text: label })]);
    if (hint) {
      var hintId = id + "-hint";
      control.setAttribute("aria-describedby", hintId);
      holder.appendChild(el("span", { id: hintId, className: "glossator-assign-hint", text: hint }));
    }
    holder.appendChild(control);
    return holder;
  }

  function showBuilder() {
    clear(root);
    var state = { readings: [] };
    var form = el("form", { className: "glossator-assign-form", novalidate: true });
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    // About
    var title = el("input", { id: "ga-title", type: "text", autocomplete: "off" });
    var audience = el("input", { id: "ga-audience", type: "text", autocomplete: "off" });
    var due = el("input", { id: "ga-due", type: "text", autocomplete: "off", placeholder: "e.g. Before the seminar of week 3" });
    var instructions = el("textarea", { id: "ga-instructions", rows: "3" });
    form.appendChild(el("fieldset", null, [el("legend", { text: "About the assignment" }),
      field("Title", title), field("For (the students)", audience), field("Due", due),
      field("Instructions", instructions, "What to do with the reading. A blank line starts a new paragraph.")]));

    // Articles
    var articles = el("fieldset", null, [el("legend", { text: "Paragraphs of the articles" }),
      el("p", { className: "glossator-assign-hint", text: "Open an article, then click the first and the last ¶ number of a passage, or type a range such as 4–13, and add it." })]);
    DATA.articles.forEach(function (article, index) {
      var id = "ga-article-" + index;
      var input = el("input", { id: id, type: "text", inputmode: "numeric", autocomplete: "off", placeholder: "4–13", size: "8" });
      var message = el("p", { className: "glossator-assign-message", "aria-live": "polite" });
      var add = el("button", { type: "button", text: "Add paragraphs", "aria-label": "Add paragraphs of " + article.label });
      var list = el("ol", { className: "glossator-assign-paras" });
      var start = null;
      var picks = article.paragraphs.map(function (text, i) {
        var n = i + 1;
        var words = text.split(/\s+/);
        var pick = el("button", { type: "button", className: "glossator-assign-pick", "aria-pressed": "false",
          "aria-label": "¶" + n + " of " + article.label, text: "¶" + n });
        pick.addEventListener("click", function () {
          if (start === null) {
            start = n;
            input.value = String(n);
            mark([n, n]);
          } else {
            var span = [Math.min(start, n), Math.max(start, n)];
            start = null;
            input.value = span[0] === span[1] ? String(span[0]) : span[0] + "–" + span[1];
            mark(span);
          }
        });
        list.appendChild(el("li", null, [pick, " ", el("span", { className: "glossator-assign-excerpt",
          text: words.slice(0, 18).join(" ") + (words.length > 18 ? " …" : "") })]));
        return pick;
      });
      function mark(span) {
        picks.forEach(function (pick, i) { pick.setAttribute("aria-pressed", String(i + 1 >= span[0] && i + 1 <= span[1])); });
      }
      add.addEventListener("click", function () {
        var span = parseRange(input.value);
        var problem = span ? rangeProblem(article, span) : "Type a paragraph number or a range such as 4–13.";
        if (problem) {
          message.setAttribute("role", "alert");
          message.textContent = problem;
          input.setAttribute("aria-invalid", "true");
          return;
        }
        message.removeAttribute("role");
        input.removeAttribute("aria-invalid");
        message.textContent = "Added " + rangeText(span) + " of " + article.label + ".";
        state.readings.push({ article: article.stem, paragraphs: rangeValue(span) });
        input.value = "";
        start = null;
        mark([0, -1]);
        update();
      });
      articles.appendChild(el("details", { className: "glossator-assign-article" }, [
        el("summary", { text: article.title + " (" + article.label + "), ¶1–" + article.paragraphs.length }),
        field("Paragraphs of " + article.label, input), el("p", null, [add]), message, list]));
    });
    form.appendChild(articles);

    // Timeline
    var from = el("input", { id: "ga-from", type: "text", autocomplete: "off", placeholder: "2019", size: "10" });
    var to = el("input", { id: "ga-to", type: "text", autocomplete: "off", placeholder: "2019-12", size: "10" });
    var timelineMessage = el("p", { className: "glossator-assign-message", "aria-live": "polite" });
    var addPeriod = el("button", { type: "button", text: "Add timeline period" });
    addPeriod.addEventListener("click", function () {
      var start = from.value.trim(), end = to.value.trim();
      var bad = [start, end].filter(function (d) { return d && !DATE.test(d); });
      if (bad.length || (start && end && start > end)) {
        timelineMessage.setAttribute("role", "alert");
        timelineMessage.textContent = bad.length ? "Write dates as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2019 or 2019-04."
          : "The period ends before it begins.";
        return;
      }
      timelineMessage.removeAttribute("role");
      var reading = { section: "timeline" };
      if (start) reading.from = start;
      if (end) reading.to = end;
      var count = DATA.events.filter(function (e) { return inPeriod(e.date, start, end); }).length;
      timelineMessage.textContent = "Added " + periodText(reading).toLowerCase().replace(/^the/, "the") + ": " + count + " event" + (count === 1 ? "" : "s") + ".";
      state.readings.push(reading);
      from.value = to.value = "";
      update();
    });
    form.appendChild(el("fieldset", null, [el("legend", { text: "Timeline" }),
      el("p", { className: "glossator-assign-hint", text: "A period of the timeline: from and to a year (2019), a month (2019-04) or a day (2019-04-25). Leave one empty for no limit." }),
      field("From", from), field("To", to), el("p", null, [addPeriod]), timelineMessage]));

    // Claims
    var claims = el("fieldset", null, [el("legend", { text: "Claims to compare" })]);
    DATA.claims.forEach(function (claim, index) {
      var box = el("input", { type: "checkbox", id: "ga-claim-" + index });
      box.addEventListener("change", function () {
        if (box.checked) state.readings.push({ claim: claim.key });
        else state.readings = state.readings.filter(function (r) { return r.claim !== claim.key; });
        update();
      });
      claims.appendChild(el("p", { className: "glossator-assign-check" }, [box, " ", el("label", { for: box.id, text: claim.title })]));
    });
    form.appendChild(claims);

    // The readings so far
    var chosen = el("ol", { className: "glossator-assign-chosen" });
    var empty = el("p", { text: "No readings yet." });
    form.appendChild(el("section", { "aria-labelledby": "ga-chosen" }, [el("h2", { id: "ga-chosen", text: "Readings" }), empty, chosen]));

    // Questions
    var questionList = el("ol", { className: "glossator-assign-questions" });
    var addQuestion = el("button", { type: "button", text: "Add question" });
    function newQuestion() {
      var n = questionList.children.length + 1;
      var area = el("textarea", { id: "ga-question-" + n, rows: "2" });
      area.addEventListener("input", update);
      questionList.appendChild(el("li", null, [field("Question " + n, area)]));
      return area;
    }
    addQuestion.addEventListener("click", function () { newQuestion().focus(); update(); });
    newQuestion();
    form.appendChild(el("section", { "aria-labelledby": "ga-questions" }, [el("h2", { id: "ga-questions", text: "Questions" }),
      questionList, el("p", null, [addQuestion])]));

    // Outputs
    var problemsBox = el("div", { className: "glossator-assign-problems" });
    var link = el("input", { id: "ga-link", type: "text", readonly: true });
    var copy = el("button", { type: "button", text: "Copy link" });
    var copied = el("span", { className: "glossator-assign-message", "aria-live": "polite" });
    var open = el("a", { href: "#", className: "glossator-assign-open", target: "_blank", text: "Open the reading view (to read or print the handout)" });
    var yaml = el("textarea", { id: "ga-yaml", rows: "12", readonly: true, spellcheck: "false" });
    var name = el("code", { className: "glossator-assign-file" });
    var download = el("a", { href: "#", className: "glossator-assign-download", text: "Download the YAML file" });
    copy.addEventListener("click", function () {
      link.select();
      var done = function () { copied.textContent = "Link copied."; };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(link.value).then(done, function () { document.execCommand("copy"); done(); });
      else { document.execCommand("copy"); done(); }
    });
    form.appendChild(el("section", { "aria-labelledby": "ga-out" }, [el("h2", { id: "ga-out", text: "Share, print, contribute" }), problemsBox,
      field("Share link", link, "Anyone with the link sees exactly these paragraphs, the timeline period, the claims and the questions."),
      el("p", null, [copy, " ", copied]), el("p", null, [open]),
      field("YAML for corpus/assignments", yaml, "To add the assignment to the reader itself: save it as a file in corpus/assignments and propose it (see the instructor guide)."),
      el("p", null, ["File name: ", name, " · ", download])]));

    [title, audience, due, instructions].forEach(function (input) { input.addEventListener("input", update); });

    function current() {
      var questions = Array.prototype.map.call(questionList.querySelectorAll("textarea"), function (a) { return a.value.trim(); })
        .filter(Boolean);
      var assignment = { title: title.value.trim(), readings: state.readings.slice(), questions: questions };
      if (audience.value.trim()) assignment.audience = audience.value.trim();
      if (due.value.trim()) assignment.due = due.value.trim();
      if (instructions.value.trim()) assignment.instructions = instructions.value.trim();
      return assignment;
    }

    function describe(reading) {
      if (reading.article !== undefined) {
        var article = byStem(reading.article);
        return (article ? article.label : reading.article) + ", " + rangeText(parseRange(reading.paragraphs));
      }
      if (reading.claim !== undefined) return "Claim: " + (byClaim(reading.claim) || { title: reading.claim }).title;
      return periodText(reading);
    }

    function update() {
      clear(chosen);
      empty.hidden = state.readings.length > 0;
      state.readings.forEach(function (reading, index) {
        var remove = el("button", { type: "button", text: "Remove", "aria-label": "Remove " + describe(reading) });
        remove.addEventListener("click", function () {
          var gone = state.readings.splice(index, 1)[0];
          if (gone.claim !== undefined) {
            DATA.claims.forEach(function (claim, i) { if (claim.key === gone.claim) document.getElementById("ga-claim-" + i).checked = false; });
          }
          update();
        });
        chosen.appendChild(el("li", null, [describe(reading) + " ", remove]));
      });
      var assignment = current();
      var missing = [];
      if (!assignment.title) missing.push("Give the assignment a title.");
      if (!assignment.readings.length) missing.push("Add at least one reading.");
      clear(problemsBox);
      if (missing.length) problemsBox.appendChild(el("p", { className: "glossator-assign-todo", text: missing.join(" ") }));
      yaml.value = toYaml(assignment);
      name.textContent = "corpus/assignments/" + fileName(assignment);
      download.setAttribute("download", fileName(assignment));
      download.setAttribute("href", "data:text/yaml;charset=utf-8," + encodeURIComponent(yaml.value));
      encode(assignment).then(function (code) {
        var url = readingUrl(code);
        link.value = url;
        open.setAttribute("href", url);
        root.setAttribute("data-ready", String(!missing.length));
      });
    }

    root.appendChild(form);
    update();
  }

  if (!DATA) {
    clear(root);
    root.appendChild(alertBox(["The reader's data (_static/glossator-assign/reader-data.js) did not load: rebuild the reader."]));
    return;
  }
  if (root.getAttribute("data-kind") === "builder") {
    showBuilder();
  } else {
    showReading();
    window.addEventListener("hashchange", showReading);
  }
})();
