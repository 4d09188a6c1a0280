"""The bibliography page from ``corpus/sources.yml``, and the ``cite`` role that links to it."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from .access import corpus_of
from .anchors import register_anchor
from .citations import citation_para, citations_of, export_links, markup_nodes
from .doctree import para as paragraph
from .xrefs import register_resolver

logger = logging.getLogger(__name__)

def source_anchor(key: str) -> str:
    return f"src-{key}"


def entry_nodes(key: str, record: dict, markup: str, via_accessed: str = "") -> nodes.paragraph:
    """One bibliography entry: the record in the configured CSL style (``markup``), then the
    copy read when it is not the original ("Accessed via …", on ``via_accessed``, a date the
    style's locale wrote) and the editors' caveat."""
    para = citation_para(markup, ("glossator-source",))
    para["ids"] = [source_anchor(key)]
    via = record.get("via")
    if isinstance(via, dict) and via.get("url"):
        # The copy actually read, when it is not the original: a student can find both.
        para += nodes.Text(f" Accessed via {via.get('outlet') or 'a copy'}, ")
        para += nodes.reference("", str(via["url"]), refuri=str(via["url"]))
        para += nodes.Text(f", {via_accessed}." if via_accessed else ".")
    if record.get("archive_url"):
        para += nodes.Text(" Archived copy: ")
        para += nodes.reference("", str(record["archive_url"]), refuri=str(record["archive_url"]))
        para += nodes.Text(".")
    if record.get("unverified"):
        para += nodes.Text(" ")
        para += nodes.inline("", f"Editors’ note: {record['unverified']}", classes=["glossator-unverified"])
    return para


class Bibliography(SphinxDirective):
    """Every record of ``corpus/sources.yml`` in the default citation style and in the
    style's order, each with an anchor."""

    def run(self) -> list[nodes.Node]:
        corpus = corpus_of(self.env.app)
        self.env.note_dependency(str(corpus.sources_path))
        citations = citations_of(self.env.app)
        style = citations.styles.default
        container = nodes.container(classes=["glossator-bibliography"])
        container += paragraph(f"Entries in {citations.label(style)} (CSL).")
        container += export_links("bibliography", "The whole bibliography")
        # In the style's own order (by author, then date, as the style sorts).
        for key, rendered in citations.formatter.bibliography(style).items():
            record = corpus.sources[key]
            # A style that lists some works in notes only (Chicago, reference works): the note.
            markup = rendered.html or citations.formatter.cite(style, citations.original(key)).html
            via = record.get("via")
            when = citations.formatter.date(style, via.get("accessed")) if isinstance(via, dict) else ""
            container += entry_nodes(str(key), record, markup, when)
        register_anchor(self.env, "bibliography")  # in the Glossator domain, purged and merged
        return [container]


def _resolve_cite(app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode):
    if node.get("reftype") != "cite":
        return None
    key = node["reftarget"]
    record = corpus_of(app).sources.get(key)
    if not isinstance(record, dict):
        logger.warning(f"citation key '{key}' is not in corpus/sources.yml",
                       location=node, type="glossator", subtype="cite")
        return contnode
    if not node.get("refexplicit"):
        # The default style's own citation of the record, as HTML, PDF and EPUB all print it.
        label = citations_of(app).cite_label(key)
        contnode = nodes.inline("", "", *markup_nodes(label.html if label else key), classes=["glossator-cite"])
    target_doc = app.config.glossator_bibliography
    return make_refnode(app.builder, node["refdoc"], target_doc, source_anchor(key), contnode, key)


class CitationsDependOnSources(SphinxTransform):
    """A page that cites depends on corpus/sources.yml: a citation's label (creator, year) is
    taken from its record when the page is written, so a changed record must rewrite it."""

    default_priority = 900

    def apply(self, **kwargs) -> None:
        for node in self.document.findall(addnodes.pending_xref):
            if node.get("reftype") == "cite":
                self.env.note_dependency(str(corpus_of(self.app).sources_path))
                return


class LatexSourceAnchors(SphinxPostTransform):
    """Give bibliography entries anchors LaTeX keeps: its writer drops a paragraph's ids, so
    every citation link in the PDF would be dead. HTML keeps the ids on the paragraph, where
    the tooltips look for them."""

    default_priority = 20
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for para in list(self.document.findall(nodes.paragraph)):
            if "glossator-source" in para["classes"] and para["ids"]:
                ids, para["ids"] = para["ids"], []
                para.insert(0, nodes.target("", "", ids=ids))


def setup_bibliography(app: Sphinx) -> None:
    app.add_post_transform(LatexSourceAnchors)
    app.add_transform(CitationsDependOnSources)
    app.add_config_value("glossator_bibliography", "bibliography", "env", [str])
    app.add_directive("bibliography", Bibliography)
    app.add_role("cite", XRefRole(innernodeclass=nodes.inline, warn_dangling=True))
    register_resolver("cite", _resolve_cite)
