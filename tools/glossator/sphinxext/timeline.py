"""The ``timeline`` directive: every event of ``corpus/timeline.yml`` by date, with its
sources and the paragraphs that discuss it."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..corpus import Corpus
from .access import corpus_of
from .anchors import register_anchor
from .corpusview import use_articles
from .doctree import anchor_id, as_list, cite_xref, items, joined, labelled, para, para_xref
from .records import human_date


def sorted_events(corpus: Corpus) -> list[tuple[str, dict]]:
    """Events by date; within one date, as the file lists them. Undated events last."""
    events = items(corpus.timeline)
    return sorted(events, key=lambda kv: str(kv[1].get("date") or "9999"))


def in_period(date: Any, start: Any = None, end: Any = None) -> bool:
    """Whether an event dated ``date`` falls in the period ``start``–``end`` (each YYYY,
    YYYY-MM or YYYY-MM-DD, either may be absent), compared at the precision written:
    from "2017" to "2019" takes every event of 2017, 2018 and 2019. The builder's script
    (static/glossator-assign/assign.js) applies the same rule."""
    text = str(date or "")
    if not text:
        return False
    if start and text[:len(str(start))] < str(start):
        return False
    return not (end and text[:len(str(end))] > str(end))


def events_in_period(corpus: Corpus, start: Any = None, end: Any = None) -> list[tuple[str, dict]]:
    """The dated events of the period, by date."""
    return [(k, e) for k, e in sorted_events(corpus) if in_period(e.get("date"), start, end)]


def _paragraph_links(values: Any, fromdoc: str) -> list[nodes.Node]:
    links = []
    for value in as_list(values):
        stem, _, number = str(value).strip().partition("#")
        if number.isdigit():
            links.append(para_xref(stem, int(number), fromdoc))
    return links


class TimelineDirective(SphinxDirective):
    """Every event of ``corpus/timeline.yml`` by date: what happened, sources, paragraphs."""

    def run(self) -> list[nodes.Node]:
        corpus = corpus_of(self.env.app)
        self.env.note_dependency(str(corpus.timeline_path))
        use_articles(self.env)  # its {para} links are labelled and checked against the articles
        register_anchor(self.env, "timeline")
        events = sorted_events(corpus)
        if not events:
            return [para("No events have been added to the timeline yet.")]
        listing = nodes.definition_list(classes=["glossator-timeline"])
        for key, event in events:
            listing += self._event(key, event)
        return [listing]

    def _event(self, key: str, event: dict) -> nodes.definition_list_item:
        ident = anchor_id("event", key)
        register_anchor(self.env, f"event:{key}", ident)
        item = nodes.definition_list_item()
        term = nodes.term(ids=[ident])
        date = human_date(event.get("date")) if event.get("date") else "Undated"
        term += nodes.strong(date, date)
        term += nodes.Text(f" — {event.get('title') or key}")
        item += term
        definition = nodes.definition()
        if event.get("description"):
            definition += para(str(event["description"]))
        docname = self.env.docname
        sources = [cite_xref(str(s), docname) for s in as_list(event.get("sources"))]
        definition += labelled("Sources:", *joined(sources, "; ")) if sources else para("No source is recorded yet.")
        links = _paragraph_links(event.get("paragraphs"), docname)
        if links:
            definition += labelled("In the articles:", *joined(links, "; "))
        item += definition
        return item


def setup_timeline(app: Sphinx) -> None:
    app.add_directive("timeline", TimelineDirective)
