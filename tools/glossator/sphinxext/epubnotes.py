"""The reader on an e-reader: EPUB 3 notes, the book's metadata, and only the student's pages.

- **Notes.** Docutils writes a note reference as ``<a role="doc-noteref">[2]</a>`` (brackets in
  spans) and Sphinx's ``epub.css`` adds brackets again to ``a.brackets``: e-readers showed
  "[[2]]" and a plain link. The translator here writes what EPUB 3 reading systems turn into
  pop-up notes: ``<a epub:type="noteref">`` in a superscript, pointing at an
  ``<aside epub:type="footnote">``, with the ARIA roles kept for screen readers.
- **Metadata.** Sphinx's OPF says "unknown" for the contributor and the description. The
  builder here names the editors as the creator (MARC relator ``edt``) and each article's
  authors, from the bibliography, as contributors (``aut``). The date is Sphinx's, which
  honours ``SOURCE_DATE_EPOCH``.
- **Pages.** The EPUB holds the pages the root toctree reaches in this build: the contributor
  guides and the performance page sit in a toctree for the web only (docs/index.md), so they
  are neither written nor packed, and nothing in the book links to them.
"""

from __future__ import annotations

import html
from collections.abc import Set
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.writers.html5 import HTML5Translator

from .access import corpus_of

TEMPLATES = Path(__file__).parent / "templates" / "epub3"
EPUB_TYPE = "epub:type"
# The class every piece of the editors' apparatus carries (copy-as-quote, output fidelity).
APPARATUS = "glossator-apparatus"


class EpubNotesTranslator(HTML5Translator):
    """Sphinx's HTML5 translator, with footnotes as EPUB 3 notes."""

    def visit_footnote_reference(self, node: nodes.footnote_reference) -> None:
        self.body.append(f'<sup class="{APPARATUS}">')
        self.body.append(self.starttag(node, "a", suffix="", classes=["footnote-reference"],
                                       href="#" + node["refid"], role="doc-noteref", **{EPUB_TYPE: "noteref"}))

    def depart_footnote_reference(self, node: nodes.footnote_reference) -> None:
        self.body.append("</a></sup>")

    def visit_footnote(self, node: nodes.footnote) -> None:
        if not isinstance(node.previous_sibling(), type(node)):
            self.body.append(f'<div class="footnote-list {APPARATUS}">\n')
        self.body.append(self.starttag(node, "aside", classes=["footnote"], role="doc-footnote",
                                       **{EPUB_TYPE: "footnote"}))

    def depart_footnote(self, node: nodes.footnote) -> None:
        self.body.append("</aside>\n")
        if not isinstance(node.next_node(descend=False, siblings=True), type(node)):
            self.body.append("</div>\n")

    def visit_label(self, node: nodes.label) -> None:
        if not isinstance(node.parent, nodes.footnote):
            super().visit_label(node)
            return
        # The note's number, linking back to the (first) reference; no brackets.
        backrefs = node.parent.get("backrefs", [])
        self.body.append('<span class="label">')
        if backrefs:
            self.body.append(f'<a role="doc-backlink" href="#{html.escape(backrefs[0])}">')

    def depart_label(self, node: nodes.label) -> None:
        if not isinstance(node.parent, nodes.footnote):
            super().depart_label(node)
            return
        self.body.append("</a>" if node.parent.get("backrefs") else "")
        self.body.append(".</span>\n")


def contributors(app: Sphinx) -> list[str]:
    """The articles' authors (or, for an unsigned article, its organisation), each once."""
    from .records import creator

    corpus = corpus_of(app)
    names: list[str] = []
    for article in corpus.articles:
        record = corpus.record_of(article)
        if not record is not None:
            continue
        people = [f"{given.strip()} {family.strip()}".strip()
                  for family, _, given in (str(a).partition(",") for a in record.get("authors") or [])]
        organisation = record.get("organisation") or record.get("outlet")
        for name in people or ([creator(record)] if organisation else []):
            if name not in names:
                names.append(name)
    return names


class ReaderEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder with named people in the OPF and only the student's pages."""

    # The builder's own default, not app.set_translator: a translator in Sphinx's registry makes
    # pydata-sphinx-theme wrap only the registered ones, and the HTML pages lose its markup.
    default_translator_class = EpubNotesTranslator

    def content_metadata(self) -> dict[str, Any]:
        metadata = super().content_metadata()
        metadata["glossator_contributors"] = [html.escape(name) for name in contributors(self._app)]
        return metadata

    def build_content(self) -> None:
        # Sphinx renders content.opf from self.template_dir; ours adds the people's roles.
        sphinx_templates = self.template_dir
        self.template_dir = TEMPLATES
        try:
            super().build_content()
        finally:
            self.template_dir = sphinx_templates

    def web_only(self) -> set[str]:
        """Documents that the root toctree, as resolved for this builder, does not reach."""
        doctree = self.env.get_and_resolve_doctree(self.config.root_doc, self, prune_toctrees=False,
                                                   includehidden=True)
        reached = {self.config.root_doc}
        for refnode in self.get_refnodes(doctree, []):
            uri = refnode["refuri"].split("#")[0]
            if uri.endswith(self.out_suffix):
                reached.add(uri.removesuffix(self.out_suffix))
        return set(self.env.found_docs) - reached

    def write_documents(self, docnames: Set[str]) -> None:
        left_out = self.web_only()
        for docname in left_out:  # an older build's page of the web must not reach the book
            (self.outdir / f"{docname}{self.out_suffix}").unlink(missing_ok=True)
        super().write_documents(set(docnames) - left_out)


def setup_epubnotes(app: Sphinx) -> None:
    app.add_builder(ReaderEpubBuilder, override=True)
