"""The assignment builder and the focused reading view: two pages of the web reader that work
without a server, from ``file://`` too.

``{assignment-builder}`` marks the page where an instructor picks articles and ¶ ranges,
timeline periods and claims, and writes a title, instructions, questions and a due date;
``{assignment-reading}`` marks the page a share link opens (``read.html#a=…``, the whole
assignment in the fragment, or ``read.html#r=stem:4-13,stem:2``, a plain reading list). Both
are drawn by ``static/glossator-assign/assign.js`` from ``reader-data.js``, written when the
build finishes: a *script* assigning ``window.GLOSSATOR_READER`` (each article's title, label,
page and the words of its numbered paragraphs; the timeline; the claims), since a page opened
from ``file://`` may load a script but may not fetch a file. Only these two pages load them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .access import article_record, corpus_of
from .claims import STANCE_WORDS
from .corpusview import article_label, article_title, glossary_keys
from .doctree import items
from .htmlbuild import HTML_BUILDERS
from .records import human_date
from .timeline import sorted_events

FOLDER = "glossator-assign"  # under _static
DATA = "reader-data.js"


class assign_app(nodes.General, nodes.Element):
    """Where the builder or the reading view is drawn (``kind``: builder or reading)."""


NOSCRIPT = {
    "builder": "The assignment builder runs in the browser: turn on JavaScript to use it. Without it, an "
               "assignment can still be written as a file in corpus/assignments (see the instructor guide).",
    "reading": "This page shows an assignment from its link. Turn on JavaScript to see it.",
}


def visit_assign_app_html(self, node: assign_app) -> None:
    from .safe import html_element

    self.body.append(f'<div class="glossator-assign glossator-assign-{node["kind"]}" '
                     f'id="glossator-assign" data-kind="{node["kind"]}">')
    self.body.append(html_element("p", NOSCRIPT[node["kind"]], class_="glossator-assign-noscript"))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def visit_assign_app_other(self, node: assign_app) -> None:
    raise nodes.SkipNode  # the PDF and EPUB have no scripts: these pages are web-only


class _AppDirective(SphinxDirective):
    kind = ""

    def run(self) -> list[nodes.Node]:
        self.env.metadata[self.env.docname]["glossator-assign"] = self.kind
        return [assign_app("", kind=self.kind)]


class AssignmentBuilderDirective(_AppDirective):
    """The assignment builder."""

    kind = "builder"


class AssignmentReadingDirective(_AppDirective):
    """The focused reading view that a share link opens."""

    kind = "reading"


_ROLE = re.compile(r"\{(?P<role>[\w:-]+)\}`(?P<body>[^`]*)`")
_TITLED = re.compile(r"^(?P<title>.+?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)
_EMPHASIS = re.compile(r"(\*{1,3}|_{2})(?=\S)(.+?)(?<=\S)\1")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def plain_note(corpus: Any, raw: str) -> str:
    """A note's MyST source as the text a reader sees: a citation as its label ("Gray 2020",
    the build's citation style), a paragraph link as "Gray 2020, ¶4", a term or link as its
    words, emphasis dropped."""

    def role(match: re.Match) -> str:
        name, body = match["role"], match["body"]
        titled = _TITLED.match(body)
        if titled:
            return titled["title"]
        if name == "cite":
            return corpus.cite_labels.get(body) or body
        if name == "para":
            stem, _, number = body.partition("#")
            article = corpus.article(stem) if stem else None
            label = article_label(corpus, article) if article is not None else ""
            return f"{label}, ¶{number}".lstrip(", ")
        return body

    text = raw.split(":", 1)[1] if raw.startswith("[^") else raw
    text = _LINK.sub(r"\1", _ROLE.sub(role, text))
    return " ".join(_EMPHASIS.sub(r"\2", text).split())


def _apparatus(corpus: Any, article: Any) -> tuple[dict[str, list[str]], dict[str, list[list[str]]]]:
    """Each numbered paragraph's notes (as plain text) and glossary terms ([headword,
    definition]), keyed by the paragraph's number."""
    notes = {f.label: plain_note(corpus, f.raw) for f in article.doc.footnotes}
    by_note: dict[str, list[str]] = {}
    by_term: dict[str, list[list[str]]] = {}
    for block in article.paragraphs:
        labels = [r.name for r in block.refs if r.kind == "footnote" and r.name in notes]
        if labels:
            by_note[str(block.para)] = [notes[label] for label in labels]
        keys = glossary_keys(corpus, [r.target for r in block.refs if r.kind == "role" and r.name == "term"])
        if keys:
            by_term[str(block.para)] = [[str(corpus.glossary[k].get("term") or k), str(corpus.glossary[k].get("definition") or "")]
                                        for k in keys]
    return by_note, by_term


def reader_data(app: Sphinx) -> dict[str, Any]:
    """What the builder and the reading view know of the reader: every article with the words
    of its numbered paragraphs (the seed's, as the handouts print them), every dated event,
    every claim with its positions, and where the pages are (relative to the site's root)."""
    corpus = corpus_of(app)
    uri = app.builder.get_target_uri
    articles = []
    for article in corpus.articles:
        record = article_record(corpus, article)
        notes, terms = _apparatus(corpus, article)
        articles.append({"stem": article.stem, "title": article_title(corpus, article),
                         "label": article_label(corpus, article), "page": uri(article.docname),
                         "url": str(record.get("url") or ""), "paragraphs": [p.text for p in article.paragraphs],
                         "notes": notes, "terms": terms})
    events = [{"key": key, "date": str(e.get("date") or ""), "when": human_date(e.get("date")) if e.get("date") else "",
               "title": str(e.get("title") or key), "description": str(e.get("description") or "")}
              for key, e in sorted_events(corpus) if e.get("date")]
    claims = []
    for key, claim in items(corpus.claims):
        positions = claim.get("positions") if isinstance(claim.get("positions"), dict) else {}
        claims.append({"key": key, "title": str(claim.get("title") or key), "question": str(claim.get("question") or ""),
                       "thesis": str(claim.get("thesis") or ""),
                       "positions": {str(stem): {"stance": STANCE_WORDS.get(str(p.get("stance")), str(p.get("stance") or "")),
                                                 "paragraph": str(p.get("paragraph") or ""),
                                                 "quote": str(p.get("quote") or ""),
                                                 "summary": str(p.get("summary") or "")}
                                     for stem, p in positions.items() if isinstance(p, dict)}})
    config = app.config
    return {"articles": articles, "events": events, "claims": claims,
            "pages": {"reading": uri(config.glossator_reading_page), "builder": uri(config.glossator_builder_page),
                      "timeline": uri("timeline"), "claims": uri(f"{config.glossator_claim_pages}/index")}}


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if app.builder.name not in HTML_BUILDERS:
        return
    if app.env.metadata.get(pagename, {}).get("glossator-assign"):
        # This page only (Sphinx resets per-page files after rendering it).
        app.add_js_file(f"{FOLDER}/{DATA}", loading_method="defer")
        app.add_js_file(f"{FOLDER}/assign.js", loading_method="defer")
        app.add_css_file(f"{FOLDER}/assign.css")


def _write_data(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    payload = json.dumps(reader_data(app), ensure_ascii=False, separators=(",", ":"))
    # "</" cannot end a script early: the file is a script, never inlined, but stay safe.
    payload = payload.replace("</", "<\\/")
    out = Path(app.outdir, "_static", FOLDER, DATA)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(f"window.GLOSSATOR_READER={payload};\n", encoding="utf-8")


def setup_assignbuilder(app: Sphinx) -> None:
    app.add_config_value("glossator_builder_page", "assignments/builder", "env", [str])
    app.add_config_value("glossator_reading_page", "assignments/read", "env", [str])
    app.add_node(assign_app, html=(visit_assign_app_html, None), latex=(visit_assign_app_other, None),
                 text=(visit_assign_app_other, None), man=(visit_assign_app_other, None),
                 texinfo=(visit_assign_app_other, None))
    app.add_directive("assignment-builder", AssignmentBuilderDirective)
    app.add_directive("assignment-reading", AssignmentReadingDirective)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _write_data)
