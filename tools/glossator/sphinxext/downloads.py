"""Downloads: article pages link to the reader's PDF and EPUB, assignments to their handout PDF.

The files come from the other builders (``make pdf`` into ``_build/latex``, ``make epub`` into
``_build/epub``); ``make downloads`` (part of ``make reader``) copies them into the web
reader's ``downloads/`` folder. The links are relative, so they work from ``file://`` as well
as over http. Their names are the ones those builders write: each PDF is named by its entry in
``latex_documents``, the EPUB by ``epub_basename``.

Only the web builders write the links: the PDF need not link to itself, and an EPUB may not
point at files outside it.
"""

from __future__ import annotations

import posixpath
from html import escape
from pathlib import PurePosixPath

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from .htmlbuild import HTML_BUILDERS

CLASSES = "glossator-downloads glossator-apparatus"


class downloads(nodes.General, nodes.Element):
    """A line of download links: ``links`` is a list of (label, file name in the folder)."""


def visit_downloads_html(self, node: downloads) -> None:
    if self.builder.name not in HTML_BUILDERS or not node["links"]:
        raise nodes.SkipNode
    folder = self.builder.config.glossator_downloads_folder
    here = posixpath.dirname(self.builder.get_target_uri(self.builder.current_docname))
    links = []
    for label, name in node["links"]:
        # Not Sphinx's "reference download" classes: the theme puts an icon-font glyph on those.
        href = posixpath.relpath(f"{folder}/{name}", here or ".")
        links.append(f'<a class="glossator-download" href="{escape(href)}">{escape(label)}</a>')
    self.body.append(f'<p class="{CLASSES}">{escape(node["lead"])} ' + " · ".join(links) + "</p>\n")
    raise nodes.SkipNode


def skip(self, node: downloads) -> None:
    raise nodes.SkipNode


def pdf_of(config, docname: str) -> str | None:
    """The PDF that ``make pdf`` writes for the LaTeX document starting at ``docname``."""
    for entry in config.latex_documents:
        if entry[0] == docname:
            return str(PurePosixPath(entry[1]).with_suffix(".pdf"))
    return None


def epub_name(config) -> str:
    return f"{config.epub_basename}.epub"


def reader_downloads(config) -> downloads:
    """The links to the whole reader: its PDF (the root document's) and its EPUB."""
    links = []
    pdf = pdf_of(config, config.root_doc)
    if pdf:
        links.append(("PDF of the whole reader", pdf))
    links.append(("EPUB for e-readers", epub_name(config)))
    return downloads(lead="Download:", links=links)


def handout_downloads(config, handout_doc: str) -> list[downloads]:
    """The link to an assignment's handout PDF, when ``make pdf`` builds one."""
    pdf = pdf_of(config, handout_doc)
    return [downloads(lead="Print:", links=[("Handout as PDF", pdf)])] if pdf else []


class ArticleDownloads(SphinxTransform):
    """Add the download line to an article's header (articles.py's ``ArticleHeader``)."""

    default_priority = 505  # after the header is in place (500)

    def apply(self, **kwargs) -> None:
        if not self.env.docname.startswith("articles/"):
            return
        for header in self.document.findall(nodes.container):
            if "glossator-article-header" in header["classes"]:
                header += reader_downloads(self.config)
                return


def setup_downloads(app: Sphinx) -> None:
    app.add_config_value("glossator_downloads_folder", "downloads", "html", [str])
    app.add_node(
        downloads,
        html=(visit_downloads_html, None),
        latex=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    app.add_transform(ArticleDownloads)
