"""Where the teaching directives put their anchors (``timeline``, ``event:<id>``,
``claim:<id>`` …), so that ``page_xref`` links resolve, and warn, as the roles' links do. The
anchors are kept in the Glossator domain (domain.py), which purges and merges them for
incremental and parallel builds."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from .domain import TEACHING_REFTYPE, glossator_domain
from .xrefs import register_resolver

logger = logging.getLogger(__name__)


def register_anchor(env: BuildEnvironment, target: str, anchor: str = "") -> None:
    """The page being read holds ``target`` at ``#anchor`` (the page itself if empty)."""
    glossator_domain(env).note_anchor(target, env.docname, anchor)


def _resolve(app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: nodes.Element):
    if node.get("reftype") != TEACHING_REFTYPE:
        return None
    found = glossator_domain(env).find_anchor(node["reftarget"])
    if found is None:
        logger.warning(f"no teaching page holds '{node['reftarget']}': is its directive on a page?",
                       location=node, type="glossator", subtype="teaching")
        return contnode
    return make_refnode(app.builder, node["refdoc"], found[0], found[1], contnode)


def setup_anchors(app: Sphinx) -> None:
    register_resolver(TEACHING_REFTYPE, _resolve)
