"""Repair the doctree after sphinx-book-theme turns footnotes into sidenotes.

The theme's transform (priority 1) moves a note's children into new nodes by assigning the
``children`` list directly, so those children keep their old ``parent``. Sphinx's reference
resolver (priority 10) then replaces cross-references inside notes on the detached old
parent, and they reach the writer unresolved. Re-linking every child to its real parent in
between fixes citations and paragraph links inside sidenotes.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform


class RelinkParents(SphinxPostTransform):
    default_priority = 2
    formats = ("html",)

    def run(self, **kwargs) -> None:
        stack: list[nodes.Node] = [self.document]
        while stack:
            node = stack.pop()
            for child in getattr(node, "children", ()):
                child.parent = node
                stack.append(child)
            # The theme's note and its marker are the editors' apparatus, not the article's words.
            if isinstance(node, nodes.Element) and (type(node).__name__ == "SideNoteNode"
                                                    or {"sidenote", "marginnote"} & set(node.get("classes", ()))):
                node["classes"].append("glossator-apparatus")


def setup_sidenotes(app: Sphinx) -> None:
    app.add_post_transform(RelinkParents)
