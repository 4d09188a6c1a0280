"""The Glossator domain: the one home of the build state that spans documents.

As Sphinx's own todo extension keeps its entries, the extension keeps in this domain's data
(``env.domaindata["glossator"]``, pickled with the environment) everything a page learns while
it is read that another page needs when it is written:

``anchors``
    target -> (docname, anchor id) for every teaching page and anchor (``timeline``,
    ``event:<id>``, ``claim:<id>``, ``assignment:<key>`` …), where :func:`page_xref` links go.
``links``
    docname -> the teaching targets that page links to, so that when a target moves (its
    directive is moved to another page, or its page is deleted) the pages that link to it are
    written again in an incremental build, not left pointing at the old place.

``clear_doc`` forgets what a document said when it is read again or deleted, and
``merge_domaindata`` takes what the parallel readers (``-j N``) found. ``data_version`` is
raised whenever the shape of the data changes, so a saved environment of the old shape is
read afresh; the extension's ``env_version`` (``ENV_VERSION``) does the same for the whole
environment.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

# Raise when what the extension keeps in the environment changes shape (setup() returns it).
ENV_VERSION = 1
TEACHING_REFTYPE = "teaching"


class GlossatorDomain(Domain):
    """Cross-document build state: teaching anchors and who links to them."""

    name = "glossator"
    label = "Glossator"
    data_version = 1
    initial_data: dict[str, Any] = {"anchors": {}, "links": {}}
    # The anchors as they stood before this build read anything; not saved (a plain attribute).
    anchors_before_read: dict[str, tuple[str, str]] | None = None

    @property
    def anchors(self) -> dict[str, tuple[str, str]]:
        return self.data.setdefault("anchors", {})

    @property
    def links(self) -> dict[str, list[str]]:
        return self.data.setdefault("links", {})

    def note_anchor(self, target: str, docname: str, anchor: str = "") -> None:
        """Record that ``docname`` holds ``target`` at ``#anchor`` (the page itself if empty)."""
        self.anchors[target] = (docname, anchor)

    def find_anchor(self, target: str) -> tuple[str, str] | None:
        return self.anchors.get(target)

    def clear_doc(self, docname: str) -> None:
        for target in [t for t, (doc, _) in self.anchors.items() if doc == docname]:
            del self.anchors[target]
        self.links.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self.anchors.update({t: v for t, v in otherdata.get("anchors", {}).items() if v[0] in docnames})
        self.links.update({d: v for d, v in otherdata.get("links", {}).items() if d in docnames})

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        targets = sorted({node["reftarget"] for node in document.findall(addnodes.pending_xref)
                          if node.get("reftype") == TEACHING_REFTYPE and not node.get("refdomain")})
        if targets:
            self.links[docname] = targets

    def linking_to(self, targets: Iterable[str]) -> set[str]:
        """The documents that link to any of ``targets``."""
        wanted = set(targets)
        return {doc for doc, linked in self.links.items() if wanted.intersection(linked)}

    def resolve_any_xref(self, env: BuildEnvironment, fromdocname: str, builder: Any, target: str,
                         node: addnodes.pending_xref, contnode: nodes.Element) -> list:
        return []  # teaching links are no ``{any}`` targets; xrefs.py resolves them


def glossator_domain(env: BuildEnvironment) -> GlossatorDomain:
    return env.domains["glossator"]  # type: ignore[return-value]


# -- incremental builds: rewrite the pages whose teaching links moved ------------------------

def _remember(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
              removed: set[str]) -> list[str]:
    # Before Sphinx purges the removed and changed documents.
    domain = glossator_domain(env)
    domain.anchors_before_read = dict(domain.anchors)
    return []


def _moved_targets_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = glossator_domain(env)
    before = domain.anchors_before_read or {}
    domain.anchors_before_read = None
    now = domain.anchors
    moved = {t for t in before.keys() | now.keys() if before.get(t) != now.get(t)}
    return sorted(doc for doc in domain.linking_to(moved) if doc in env.all_docs) if moved else []


def setup_domain(app: Sphinx) -> None:
    app.add_domain(GlossatorDomain)
    app.connect("env-get-outdated", _remember)
    app.connect("env-get-updated", _moved_targets_pages)
