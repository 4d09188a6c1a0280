"""Where the teaching directives put their anchors (``timeline``, ``event:<id>``,
``claim:<id>`` …), so that ``page_xref`` links resolve, and warn, as the roles' links do. The
registry is purged and merged for incremental and parallel builds."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from .xrefs import register_resolver

logger = logging.getLogger(__name__)

_REGISTRY = "glossator-teaching"


def _registry(env: BuildEnvironment) -> dict[str, tuple[str, str]]:
    """target -> (docname, anchor) for every teaching page and anchor read so far."""
    return env.domaindata.setdefault(_REGISTRY, {})


def register_anchor(env: BuildEnvironment, target: str, anchor: str = "") -> None:
    _registry(env)[target] = (env.docname, anchor)


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    registry = _registry(env)
    for target in [t for t, (doc, _) in registry.items() if doc == docname]:
        del registry[target]


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    _registry(env).update({t: v for t, v in _registry(other).items() if v[0] in docnames})


def _resolve(app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: nodes.Element):
    if node.get("reftype") != "teaching":
        return None
    found = _registry(env).get(node["reftarget"])
    if found is None:
        logger.warning(f"no teaching page holds '{node['reftarget']}': is its directive on a page?",
                       location=node, type="glossator", subtype="teaching")
        return contnode
    return make_refnode(app.builder, node["refdoc"], found[0], found[1], contnode)


def setup_anchors(app: Sphinx) -> None:
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    register_resolver("teaching", _resolve)
