"""Assignments: the ``assignment``, ``assignment-handout`` and ``assignment-list``
directives, and one handout PDF per assignment in ``make pdf``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging, texescape
from sphinx.util.docutils import SphinxDirective

from ..corpus import Corpus
from ..ranges import parse_range, range_text
from ..yamlio import YamlError, load_yaml_file
from .access import article_record, corpus_of
from .anchors import register_anchor
from .claims import claims_table, stance_word
from .corpusview import article_label, article_title, use_articles
from .doctree import anchor_id, as_list, bullets, doc_xref, labelled, page_xref, para, para_xref
from .downloads import handout_downloads
from .htmlbuild import ship_static
from .pages import SAFE_ID, handout_name, hidden_toctree
from .records import human_date
from .summaries import summary, use_summary
from .timeline import events_in_period, sorted_events

logger = logging.getLogger(__name__)



def _first_event(corpus: Corpus, start: Any) -> str | None:
    """The first event dated in or after ``start`` (a year or date prefix)."""
    for key, event in sorted_events(corpus):
        if str(event.get("date") or "") >= str(start):
            return key
    return None


def assignment_of(directive: SphinxDirective, corpus: Corpus, key: str) -> dict | None:
    """Assignment ``key``, or None with a warning at the directive."""
    data = corpus.assignments.get(key)
    if not isinstance(data, dict):
        logger.warning(f"no assignment '{key}' in corpus/assignments", location=directive.get_location(),
                       type="glossator", subtype="teaching")
        return None
    return data


def _for_and_due(data: dict) -> list[nodes.paragraph]:
    """**For:** the audience, **Due:** the date, where the assignment gives them."""
    return [labelled(label, str(data[name])) for label, name in (("For:", "audience"), ("Due:", "due")) if data.get(name)]


def _instructions(data: dict) -> list[nodes.Node]:
    """The instructor's instructions, one paragraph per blank-line-separated part."""
    text = str(data.get("instructions") or "").strip()
    return [para(part.strip()) for part in text.split("\n\n") if part.strip()]


def _questions(data: dict, answer_lines: int = 0) -> list[nodes.Node]:
    """The assignment's questions under a rubric, numbered; nothing when it has none. With
    ``answer_lines``, each question is followed by that many ruled lines to write on."""
    questions: list[nodes.Node] = []
    for question in as_list(data.get("questions")):
        if answer_lines:
            questions.append(answered_question("", para(str(question)), answer_space(lines=answer_lines)))
        else:
            questions.append(para(str(question)))
    return [nodes.rubric("Questions", "Questions"), bullets(questions, True)] if questions else []


class answer_space(nodes.General, nodes.Element):
    """Ruled lines to write an answer on, in a printed handout."""


class answered_question(nodes.General, nodes.Element):
    """A question and its answer space, kept on one page in print."""


def visit_answered_html(self, node: answered_question) -> None:
    self.body.append('<div class="glossator-answered">')


def depart_answered_html(self, node: answered_question) -> None:
    self.body.append("</div>\n")


def visit_answered_latex(self, node: answered_question) -> None:
    # Room for the question and its lines, or a new page: the lines never end a handout alone.
    self.body.append("\n\\needspace{14\\baselineskip}\n")


def _pass(self, node: nodes.Element) -> None:
    pass


def visit_answer_space_html(self, node: answer_space) -> None:
    lines = "".join('<span class="glossator-answer-line"></span>' for _ in range(node["lines"]))
    self.body.append(f'<div class="glossator-answer" aria-hidden="true">{lines}</div>\n')
    raise nodes.SkipNode


def visit_answer_space_latex(self, node: answer_space) -> None:
    rule = "\\par\\nopagebreak\\vspace{1.4em}\\noindent\\rule{\\linewidth}{0.4pt}"
    self.body.append("\n" + rule * node["lines"] + "\\par\\medskip\n")
    raise nodes.SkipNode


def visit_answer_space_text(self, node: answer_space) -> None:
    self.add_text("\n" + "\n".join("_" * 60 for _ in range(node["lines"])) + "\n")
    raise nodes.SkipNode


NAME_LINE = "Name: " + "_" * 40


class AssignmentDirective(SphinxDirective):
    """One assignment: audience, due date, readings linked to their paragraphs, questions."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        corpus = corpus_of(self.env.app)
        key = self.arguments[0]
        for path in (corpus.assignment_path(key), corpus.claims_path, corpus.timeline_path):
            self.env.note_dependency(str(path))
        articles = use_articles(self.env)
        data = assignment_of(self, corpus, key)
        if data is None:
            return []
        ident = anchor_id("assignment", key)
        register_anchor(self.env, f"assignment:{key}", ident)
        container = nodes.container(ids=[ident], classes=["glossator-assignment"])
        container += _for_and_due(data)
        container += _instructions(data)
        readings = [self._reading(corpus, articles, r) for r in as_list(data.get("readings")) if isinstance(r, dict)]
        container += nodes.rubric("Readings", "Readings")
        container += bullets(readings, True) if readings else para("No readings are set yet.")
        container += _questions(data)
        return [container, *self._handout(key)]

    def _handout(self, key: str) -> list[nodes.Node]:
        """A link to the assignment's handout page, which the web and EPUB list under this one;
        the PDF reader leaves it out (its paragraphs are in the chapters), and ``make pdf``
        builds it as a PDF of its own."""
        handout = f"{self.env.app.config.glossator_assignment_pages}/{handout_name(key)}"
        if handout not in self.env.found_docs:
            return []
        only = addnodes.only(expr="html")
        only += para(nodes.strong("Handout:", "Handout:"), " ",
                      doc_xref(handout, "the readings with the assigned paragraphs in full, and the questions, to print",
                               self.env.docname), ".")
        only += handout_downloads(self.env.app.config, handout)
        only += hidden_toctree(self, self.env.app.config.glossator_assignment_pages, [handout_name(key)])
        return [only]

    def _reading(self, corpus: Corpus, articles: dict[str, dict], reading: dict) -> nodes.Element:
        docname = self.env.docname
        if "article" in reading:
            line = self._article(articles, reading)
        elif "claim" in reading:
            claim = corpus.claims.get(reading["claim"])
            title = str(claim.get("title")) if isinstance(claim, dict) and claim.get("title") else str(reading["claim"])
            line = para("Claim: ", page_xref(f"claim:{reading['claim']}", title, docname))
        else:
            line = self._section(corpus, reading)
        holder = nodes.container("", line)
        if reading.get("note"):
            holder += para(nodes.emphasis("", str(reading["note"])))
        return holder

    def _article(self, articles: dict[str, dict], reading: dict) -> nodes.paragraph:
        docname = self.env.docname
        stem = str(reading["article"])
        article = articles.get(stem)
        if article is None:
            return para(stem)
        line = para(doc_xref(article["docname"], article["title"], docname), f" ({article['label']})")
        span = parse_range(reading.get("paragraphs", ""))
        if span:
            target = f"{span[0]}" if span[0] == span[1] else f"{span[0]}-{span[1]}"
            line += [nodes.Text(", "), para_xref(stem, target, docname, range_text(*span))]
        else:
            line += nodes.Text(", the whole article")
        return line

    def _section(self, corpus: Corpus, reading: dict) -> nodes.paragraph:
        docname = self.env.docname
        section = str(reading.get("section"))
        if section == "glossary":
            return para(doc_xref(self.env.app.config.glossator_glossary, "The glossary", docname))
        if section == "claims":
            return para(page_xref("claims", "The claims compared", docname))
        start, end = reading.get("from"), reading.get("to")
        span = f", {start} to {end}" if start and end else f", from {start}" if start else f", to {end}" if end else ""
        first = _first_event(corpus, start) if start else None
        target = f"event:{first}" if first else "timeline"
        return para(page_xref(target, f"The timeline{span}", docname))


@summary("handout-texts")
def handout_texts(corpus: Corpus) -> dict[str, dict[str, Any]]:
    """What the handouts quote of each assigned article: title, label, address and the words
    of every paragraph (the seed's, without annotation), so that a note edit rebuilds none."""
    assigned = {str(r["article"]) for a in corpus.assignments.values() if isinstance(a, dict)
                for r in as_list(a.get("readings")) if isinstance(r, dict) and "article" in r}
    return {a.stem: {"title": article_title(corpus, a), "label": article_label(corpus, a),
                     "url": str(article_record(corpus, a).get("url") or ""),
                     "paragraphs": [p.text for p in a.paragraphs]}
            for a in corpus.articles if a.stem in assigned}


class AssignmentHandoutDirective(SphinxDirective):
    """A handout: everything the assignment names, for print (``make pdf`` builds one PDF per
    assignment): a name line; the words of every assigned paragraph, numbered as in the
    reader; the timeline events of each named period; each named claim's thesis, its row of
    the claims matrix and the articles' quotes; the questions, each with lines to answer on."""

    required_arguments = 1
    ANSWER_LINES = 6

    def run(self) -> list[nodes.Node]:
        corpus = corpus_of(self.env.app)
        key = self.arguments[0]
        for path in (corpus.assignment_path(key), corpus.claims_path, corpus.timeline_path):
            self.env.note_dependency(str(path))
        data = assignment_of(self, corpus, key)
        if data is None:
            return []
        container = nodes.container(classes=["glossator-handout"])
        container += para(NAME_LINE, classes=["glossator-name-line"])
        container += para(nodes.emphasis("", "The assigned paragraphs in the articles' own words, numbered as in the "
                                              "reader, without the editors' notes and glossary."))
        container += _for_and_due(data)
        container += _instructions(data)
        texts = use_summary(self.env, "handout-texts")
        articles = use_articles(self.env)
        for reading in as_list(data.get("readings")):
            if isinstance(reading, dict):
                container += self._reading(corpus, texts, articles, reading)
        container += _questions(data, self.ANSWER_LINES)
        return [container]

    def _reading(self, corpus: Corpus, texts: dict[str, dict[str, Any]], articles: dict[str, dict],
                 reading: dict) -> list[nodes.Node]:
        note = [para(nodes.emphasis("", str(reading["note"])))] if reading.get("note") else []
        if "claim" in reading:
            return self._claim(corpus, articles, str(reading["claim"]), note)
        if "section" in reading:
            return self._section(corpus, reading, note)
        article = texts.get(str(reading.get("article")))
        if article is None:
            return note
        paragraphs = article["paragraphs"]
        span = parse_range(reading.get("paragraphs", "")) or (1, len(paragraphs))
        title = f"{article['title']} ({article['label']}), {range_text(*span)}"
        out: list[nodes.Node] = [nodes.rubric(title, title), *note]
        if article["url"]:
            out.append(para("Source: ", nodes.reference(article["url"], article["url"], refuri=article["url"])))
        quote = nodes.block_quote(classes=["glossator-handout-text"])
        for number in range(span[0], min(span[1], len(paragraphs)) + 1):
            mark = f"¶{number} "
            quote += para(nodes.strong(mark, mark), paragraphs[number - 1])
        return [*out, quote]

    def _section(self, corpus: Corpus, reading: dict, note: list[nodes.Node]) -> list[nodes.Node]:
        section = str(reading.get("section"))
        if section != "timeline":
            what = "The glossary" if section == "glossary" else "The claims compared"
            return [nodes.rubric(what, what), *note, para("In the reader.")]
        start, end = reading.get("from"), reading.get("to")
        span = f", {start} to {end}" if start and end else f", from {start}" if start else f", to {end}" if end else ""
        title = f"The timeline{span}"
        events = events_in_period(corpus, start, end)
        listing = nodes.definition_list(classes=["glossator-handout-timeline"])
        for _key, event in events:
            date = human_date(event.get("date"))
            term = nodes.term("", "", nodes.strong(date, date), nodes.Text(f" — {event.get('title') or _key}"))
            definition = nodes.definition("", para(str(event.get("description") or "")))
            listing += nodes.definition_list_item("", term, definition)
        body = [listing] if events else [para("The timeline has no events in this period.")]
        return [nodes.rubric(title, title), *note, *body]

    def _claim(self, corpus: Corpus, articles: dict[str, dict], key: str, note: list[nodes.Node]) -> list[nodes.Node]:
        claim = corpus.claims.get(key)
        if not isinstance(claim, dict):
            return note
        title = f"Claim: {claim.get('title') or key}"
        out: list[nodes.Node] = [nodes.rubric(title, title), *note]
        if claim.get("question"):
            out.append(labelled("Question:", str(claim["question"])))
        out.append(labelled("Thesis:", str(claim.get("thesis") or "")))
        positions = claim.get("positions") if isinstance(claim.get("positions"), dict) else {}
        rows = []
        for stem, article in articles.items():
            position = positions.get(stem)
            words: list[nodes.Node] = []
            if isinstance(position, dict) and position.get("quote"):
                words.append(nodes.Text(f"“{position['quote']}”"))
                span = parse_range(position.get("paragraph")) if position.get("paragraph") is not None else None
                if span:
                    words.append(nodes.Text(f" ({range_text(*span)})"))
            elif isinstance(position, dict) and position.get("summary"):
                words.append(nodes.emphasis("", str(position["summary"])))
            rows.append([[nodes.Text(article["label"])], [nodes.Text(stance_word(position))], words or [nodes.Text("—")]])
        header = [[nodes.Text("Article")], [nodes.Text("Stance")], [nodes.Text("In its words")]]
        out.append(claims_table([20, 14, 66], header, rows))
        return out


@summary("assignment-keys")
def assignment_keys(corpus: Corpus) -> list[str]:
    """Which assignments there are: the list's page is read again when one comes or goes."""
    return sorted(corpus.assignments)


class AssignmentListDirective(SphinxDirective):
    """Every assignment: its title linked to its page, audience and due date."""

    def run(self) -> list[nodes.Node]:
        corpus = corpus_of(self.env.app)
        # Each file is a dependency; the set of files is one too, or a first assignment added
        # after a build with none is a page that no toctree lists until `make clean`.
        use_summary(self.env, "assignment-keys")
        assignments = [(k, v) for k, v in sorted(corpus.assignments.items()) if isinstance(v, dict)]
        for key, _ in assignments:
            self.env.note_dependency(str(corpus.assignment_path(key)))
        if not assignments:
            return [para("No assignments have been written yet.")]
        listing = nodes.definition_list(classes=["glossator-assignments"])
        for key, data in assignments:
            term = nodes.term("", "", page_xref(f"assignment:{key}", str(data.get("title") or key), self.env.docname))
            definition = nodes.definition("", *_for_and_due(data))
            readings = len(as_list(data.get("readings")))
            definition += para(f"{readings} reading{'s' * (readings != 1)}, "
                                f"{len(as_list(data.get('questions')))} questions.")
            listing += nodes.definition_list_item("", term, definition)
        folder = self.env.app.config.glossator_assignment_pages
        return [listing, *hidden_toctree(self, folder, (k for k, _ in assignments))]


def add_handout_pdfs(app: Sphinx, config: Any) -> None:
    """``make pdf`` also builds each assignment's handout as a short PDF of its own."""
    if not config.glossator_handout_pdfs:
        return
    root = Path(app.confdir, config.glossator_root).resolve()
    for path in sorted((root / "corpus" / "assignments").glob("*.yml")):
        if not SAFE_ID.match(path.stem):
            continue
        doc = f"{config.glossator_assignment_pages}/{handout_name(path.stem)}"
        if all(entry[0] != doc for entry in config.latex_documents):
            try:
                data = load_yaml_file(path)
            except YamlError:
                continue  # glossator check and the page's own warning say what is wrong
            title = f"Handout: {data.get('title') or path.stem}" if isinstance(data, dict) else path.stem
            # latex_documents titles are LaTeX markup: the assignment's title must be text.
            texescape.init()  # the LaTeX builder does this later; it only fills the tables
            title = texescape.escape(" ".join(str(title).split()), config.latex_engine)
            config.latex_documents.append((doc, f"handout-{path.stem}.tex", title, config.author, "howto"))


def setup_assignments(app: Sphinx) -> None:
    app.add_node(answer_space, html=(visit_answer_space_html, None), latex=(visit_answer_space_latex, None),
                 text=(visit_answer_space_text, None), man=(visit_answer_space_text, None),
                 texinfo=(visit_answer_space_text, None))
    app.add_node(answered_question, html=(visit_answered_html, depart_answered_html),
                 latex=(visit_answered_latex, _pass), text=(_pass, _pass), man=(_pass, _pass), texinfo=(_pass, _pass))
    app.connect("builder-inited", lambda app: ship_static(app, "glossator-assign", (), ("handout.css",)))
    app.add_config_value("glossator_handout_pdfs", True, "env", [bool])
    app.connect("config-inited", add_handout_pdfs)
    app.add_directive("assignment", AssignmentDirective)
    app.add_directive("assignment-list", AssignmentListDirective)
    app.add_directive("assignment-handout", AssignmentHandoutDirective)
