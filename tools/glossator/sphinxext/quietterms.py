"""Quiet terms: in an article's text only the first use of each glossary entry is marked.

A paragraph can name nine glossary terms; nine underlined links make it hard to read. On the
web, the first use of an entry in an article's text stays a link (with its tooltip); every
later use is written as ``<a class="glossator-term-repeat" data-glossator-href="…">``, an
anchor without ``href``: plain text to the eye, to the keyboard and to a screen reader, with
the target kept as a hook. The editors mark a term once, at its first use; the later mentions
of its names in the text of the numbered paragraphs become such hooks at build time. A reader
switch (``static/glossator-terms/terms.js``) gives those anchors their ``href`` back to mark
every term, and remembers the choice.

Uses are counted per glossary entry, so an alias ("Kim Jong-un") after the headword ("Kim Jong
Un") is a repeat, and in reading order: a note counts where its marker is. The links that stay
are marked quietly (``glossator-term``: the text's colour, a dotted underline). The PDF and the
EPUB, which have no switch, are left as they were.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..corpus import Corpus
from .htmlbuild import HTML_BUILDERS, ship_static
from .summaries import summary, use_summary

REPEAT = "glossator-term-repeat"
TERM = "glossator-term"


class quiet_term(nodes.Inline, nodes.TextElement):
    """A later use of a glossary term: a link only when the reader asks for every term."""


def visit_quiet_term_html(self, node: quiet_term) -> None:
    self.body.append(f'<a class="reference internal {TERM} {REPEAT}" data-glossator-href="{escape(node["href"])}">')


def depart_quiet_term_html(self, node: quiet_term) -> None:
    self.body.append("</a>")


def _reading_order(document: nodes.document) -> Iterator[nodes.Node]:
    """The document's nodes as a reader meets them: a note where its marker is, not at the end."""
    notes: dict[str, nodes.footnote] = {}
    for note in document.findall(nodes.footnote):
        for key in (*note["ids"], *note["names"]):
            notes.setdefault(key, note)

    def walk(node: nodes.Element) -> Iterator[nodes.Node]:
        for child in node.children:
            if isinstance(child, nodes.footnote):
                continue
            yield child
            if isinstance(child, nodes.footnote_reference):
                note = notes.pop(child.get("refid") or child.get("refname", ""), None)
                if note is not None:  # read once, at its first marker
                    yield from walk(note)
            elif isinstance(child, nodes.Element):
                yield from walk(child)

    return walk(document)


class MarkRepeatedTerms(SphinxTransform):
    """In reading order, keep each glossary entry's first use in an article a link, and make
    every later use (one the editors marked, or the same name in the text of a numbered
    paragraph) a repeat."""

    default_priority = 525  # after the index of term uses (520): these xrefs are not index entries

    def apply(self, **kwargs) -> None:
        if self.app.builder.name not in HTML_BUILDERS or not self.env.docname.startswith("articles/"):
            return
        # The names alone, as a summary: a definition's wording does not re-read the articles.
        named: dict[str, list[str]] = use_summary(self.env, "glossary-names")
        keys: dict[str, set[str]] = {}
        for key, names in named.items():
            for name in names:
                keys.setdefault(name.lower(), set()).add(key)
        seen: list[str] = []
        pattern: re.Pattern[str] | None = None
        for node in list(_reading_order(self.document)):
            if isinstance(node, addnodes.pending_xref) and node.get("reftype") == "term" and node.children:
                target = str(node.get("reftarget", "")).strip().lower()
                found = keys.get(target) or {target}
                entry = next(iter(found)) if len(found) == 1 else target
                inner = node.children[0]
                if isinstance(inner, nodes.Element):
                    inner["classes"].append(REPEAT if entry in seen else TERM)
                if entry not in seen:
                    seen.append(entry)
                    pattern = _names_pattern([n for key in seen for n in named.get(key, ())])
            elif isinstance(node, nodes.Text) and pattern is not None and _plain_body_text(node):
                _hook_names(node, pattern, self.env.docname)


@summary("glossary-names")
def glossary_names_summary(corpus: Corpus) -> dict[str, list[str]]:
    """Each glossary entry's headword and aliases, by key."""
    from .glossary import entry_names

    return {str(key): entry_names(entry, str(key)) for key, entry in sorted(corpus.glossary.items())
            if isinstance(entry, dict)}


def _names_pattern(names: list[str]) -> re.Pattern[str] | None:
    """The names as whole words, longest first, so "Kim Jong Un" wins over "Kim"."""
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _plain_body_text(text: nodes.Text) -> bool:
    """Text of a numbered paragraph that is not already in a link, a literal or a note."""
    parent = text.parent
    while parent is not None and not isinstance(parent, nodes.paragraph):
        if isinstance(parent, (nodes.reference, addnodes.pending_xref, nodes.literal, nodes.footnote_reference,
                               nodes.target, nodes.raw)):
            return False
        parent = parent.parent
    return parent is not None and "glossator-para" in parent["classes"] and not isinstance(parent.parent, nodes.footnote)


def _hook_names(text: nodes.Text, pattern: re.Pattern[str], docname: str) -> None:
    """Replace ``text`` with its pieces, each later mention of a term a quiet cross-reference."""
    source = str(text)
    pieces: list[nodes.Node] = []
    last = 0
    for match in pattern.finditer(source):
        if match.start() > last:
            pieces.append(nodes.Text(source[last:match.start()]))
        xref = addnodes.pending_xref("", refdomain="std", reftype="term", reftarget=match.group(0),
                                     refexplicit=True, refwarn=True, refdoc=docname)
        xref += nodes.inline(match.group(0), match.group(0), classes=["xref", "std", "std-term", REPEAT])
        pieces.append(xref)
        last = match.end()
    if pieces:
        if last < len(source):
            pieces.append(nodes.Text(source[last:]))
        parent = text.parent
        # By identity: Text nodes are strings, and equal ones (", ") would match by value.
        index = next(i for i, child in enumerate(parent.children) if child is text)
        parent[index:index + 1] = pieces


class QuietRepeatedTerms(SphinxPostTransform):
    """Write each resolved repeat as a ``quiet_term``: the link's target kept, its ``href`` not."""

    default_priority = 20  # after Sphinx resolved the references (10)
    formats = ("html",)

    def run(self, **kwargs) -> None:
        if self.app.builder.name not in HTML_BUILDERS:
            return
        for ref in list(self.document.findall(nodes.reference)):
            if not ref.get("refuri") or len(ref.children) != 1:
                continue
            inner = ref.children[0]
            if not isinstance(inner, nodes.Element):
                continue
            if REPEAT in inner["classes"]:
                quiet = quiet_term("", "", href=ref["refuri"])
                quiet += inner.deepcopy()
                ref.replace_self(quiet)
            elif TERM in inner["classes"]:
                ref["classes"].append(TERM)  # the link itself, for the quiet style


def _ship(app: Sphinx) -> None:
    ship_static(app, "glossator-terms", scripts=("terms.js",), styles=("terms.css",))


def setup_quietterms(app: Sphinx) -> None:
    app.add_node(quiet_term, html=(visit_quiet_term_html, depart_quiet_term_html))
    app.add_transform(MarkRepeatedTerms)
    app.add_post_transform(QuietRepeatedTerms)
    app.connect("builder-inited", _ship)
