"""The Sphinx extension: renders a Glossator corpus as a reader.

Add ``"glossator.sphinxext"`` to ``extensions`` and set ``glossator_root`` to the project
folder (the one holding ``corpus/`` and ``seeds/``; default ``..``, the folder above conf.py).
Nothing else is needed: the extension loads MyST-Parser and sphinx-design, applies the
settings it relies on (``settings.py``) and ships its own stylesheets, scripts, templates and
LaTeX macros. One module per feature exposes ``setup_<feature>(app)``.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .. import __version__
from .access import corpus_of
from .anchors import setup_anchors
from .apparatus import setup_apparatus
from .articles import setup_articles
from .assignbuilder import setup_assignbuilder
from .assignments import setup_assignments
from .audit import setup_audit
from .bibliography import setup_bibliography
from .checks_table import setup_checks_table
from .citations import setup_citations
from .claims import setup_claims
from .corpusfacts import setup_corpusfacts
from .domain import ENV_VERSION, setup_domain
from .downloads import setup_downloads
from .epubnotes import setup_epubnotes
from .glossary import setup_glossary
from .htmlbuild import setup_htmlbuild, ship_static
from .latexlayout import setup_latexlayout
from .layout import setup_layout
from .nameindex import setup_nameindex
from .notebook import setup_notebook
from .outputcheck import setup_outputcheck
from .pages import setup_pages
from .paragraphs import setup_paragraphs
from .quietterms import setup_quietterms
from .quote import setup_quote
from .reproducible import setup_reproducible
from .safe import setup_safe
from .search import setup_search
from .searchentries import setup_searchentries
from .settings import setup_settings
from .sidebar import setup_sidebar
from .sidenotes import setup_sidenotes
from .summaries import setup_summaries
from .timeline import setup_timeline
from .tips import setup_tips
from .unsupported import setup_unsupported
from .xrefs import setup_xrefs


def _load(app: Sphinx) -> None:
    corpus_of(app)


def _reader_style(app: Sphinx) -> None:
    # The reader's own sheet (¶ numbers, seed blocks, teaching boxes), in the EPUB too; added
    # before the features' sheets, which refine it.
    ship_static(app, "glossator-reader", styles=("glossator.css",), epub=True)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("glossator_root", "..", "env", [str])
    setup_settings(app)
    app.connect("builder-inited", _load)
    app.connect("builder-inited", _reader_style, priority=150)
    setup_htmlbuild(app)
    setup_safe(app)
    setup_audit(app)
    setup_unsupported(app)
    setup_reproducible(app)
    setup_summaries(app)
    setup_xrefs(app)
    setup_articles(app)
    setup_citations(app)
    setup_paragraphs(app)
    setup_sidenotes(app)
    setup_bibliography(app)
    setup_glossary(app)
    setup_checks_table(app)
    setup_corpusfacts(app)
    setup_pages(app)
    setup_domain(app)
    setup_anchors(app)
    setup_apparatus(app)
    setup_timeline(app)
    setup_claims(app)
    setup_assignments(app)
    setup_assignbuilder(app)
    setup_nameindex(app)
    setup_tips(app)
    setup_quietterms(app)
    setup_quote(app)
    setup_notebook(app)
    setup_downloads(app)
    setup_sidebar(app)
    setup_layout(app)
    setup_searchentries(app)
    setup_search(app)
    setup_latexlayout(app)
    setup_epubnotes(app)
    setup_outputcheck(app)
    return {"version": __version__, "env_version": ENV_VERSION,
            "parallel_read_safe": True, "parallel_write_safe": True}
