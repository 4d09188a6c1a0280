"""The index of people, places and organisations: the glossary entries of one category, each
with links to the paragraphs that use it (``people-places-index``)."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..corpus import Corpus
from ..seedroles import SEED_ROLES
from .access import corpus_of
from .corpusview import headword, use_articles
from .doctree import doc_xref, items, joined, para, para_xref, term_xref
from .summaries import summary, use_summary

PLACE_WORDS = {**{name: role.place for name, role in SEED_ROLES.items() if role.place}, "note": "a note"}


@summary("term-uses")
def term_use_summary(corpus: Corpus) -> dict[str, dict[str, list[int | str]]]:
    """:func:`term_uses` in order: the ¶ numbers, then the other places by name."""
    return {key: {stem: sorted(places, key=lambda p: (isinstance(p, str), p)) for stem, places in found.items()}
            for key, found in term_uses(corpus).items()}


def term_uses(corpus: Corpus) -> dict[str, dict[str, set[int | str]]]:
    """entry key -> article stem -> the ¶ numbers whose text, or whose notes, mark the term; a
    use outside the numbered paragraphs is the role of its block ("dek", "caption", "note" …)."""
    from ..checks.common import glossary_names

    names = glossary_names(corpus)
    uses: dict[str, dict[str, set[int | str]]] = {}
    for article in corpus.articles:
        note_para: dict[str, int | str] = {}
        places: list[tuple[str, int | str]] = []
        for block in article.doc.blocks:
            for ref in block.refs:
                if ref.kind == "footnote":
                    note_para.setdefault(ref.name, block.para or "note")
                elif ref.kind == "role" and ref.name == "term":
                    places.append((ref.target, block.para or block.role))
        for note in article.doc.footnotes:
            places += [(ref.target, note_para.get(note.label, "note"))
                       for ref in note.refs if ref.kind == "role" and ref.name == "term"]
        for target, number in places:
            for key in names.get(target.strip().lower(), ()):
                uses.setdefault(key, {}).setdefault(article.stem, set()).add(number)
    return uses


class PeoplePlacesIndex(SphinxDirective):
    """The glossary entries of one category, each with links to the paragraphs that use it."""

    option_spec = {"category": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        corpus = corpus_of(self.env.app)
        self.env.note_dependency(str(corpus.glossary_path))
        # The articles only through their summaries: a note's wording does not re-read this page.
        articles, uses = use_articles(self.env), use_summary(self.env, "term-uses")
        category = self.options.get("category", "")
        entries = sorted(((k, e) for k, e in items(corpus.glossary) if e.get("category") == category),
                         key=lambda kv: headword(corpus, kv[0]).casefold())
        if not entries:
            return [para(f"The glossary has no entries of the category '{category}' yet.")]
        listing = nodes.definition_list(classes=["glossator-name-index"])
        for key, _ in entries:
            term = nodes.term("", "", term_xref(headword(corpus, key), self.env.docname))
            listing += nodes.definition_list_item("", term, self._uses(articles, uses.get(key, {})))
        return [listing]

    def _uses(self, articles: dict[str, dict], found: dict[str, list[int | str]]) -> nodes.definition:
        definition = nodes.definition()
        lines: list[nodes.Node] = []
        for stem, article in articles.items():
            places = found.get(stem, [])
            numbers = [p for p in places if isinstance(p, int)]
            links: list[nodes.Node] = [para_xref(stem, n, self.env.docname, f"¶{n}") for n in numbers]
            others = [PLACE_WORDS.get(p, p) for p in places if isinstance(p, str)]
            if others:
                links.append(doc_xref(article["docname"], " and ".join(others), self.env.docname))
            if links:
                lines.append(para(nodes.strong("", article["label"]), ": ", *joined(links)))
        definition += lines or [para("Not yet marked in any article.")]
        return definition


def setup_nameindex(app: Sphinx) -> None:
    app.add_directive("people-places-index", PeoplePlacesIndex)
