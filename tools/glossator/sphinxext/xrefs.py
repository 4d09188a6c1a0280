"""Resolve Glossator's own cross-references ({cite}, {para}, teaching links) directly.

Sphinx's reference resolver hands a reference of no domain to the ``missing-reference``
event, whose every emission builds a debug log record and the ``repr`` of its arguments: at
10× that was about a tenth of the HTML build for the tens of thousands of citations and
paragraph links. This post-transform runs just before the resolver and settles the
references whose type a feature has registered, with the same resolver functions, so the
event is left to what no one resolves.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform

Resolver = Callable[[Sphinx, BuildEnvironment, addnodes.pending_xref, nodes.Element], nodes.Node | None]
RESOLVERS: dict[str, Resolver] = {}


def register_resolver(reftype: str, resolver: Resolver) -> None:
    """Resolve references of ``reftype`` (and no domain) with ``resolver(app, env, node, contnode)``."""
    RESOLVERS[reftype] = resolver


class ResolveGlossatorRefs(SphinxPostTransform):
    """Replace each registered reference with what its resolver returns, or its text."""

    # Before Sphinx's ReferencesResolver (10).
    default_priority = 5

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(addnodes.pending_xref)):
            resolver = None if node.get("refdomain") else RESOLVERS.get(node.get("reftype", ""))
            if resolver is None:
                continue
            node.setdefault("refdoc", self.env.docname)
            contnode = node[0].deepcopy()
            try:
                resolved = resolver(self.app, self.env, node, contnode)
            except NoUri:
                resolved = None
            node.replace_self(resolved if resolved is not None else contnode)


def setup_xrefs(app: Sphinx) -> None:
    app.add_post_transform(ResolveGlossatorRefs)
