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




class WholeNotes(SphinxPostTransform):
    """Keep every paragraph of a note: the theme's sidenote transform (priority 1) keeps only
    the note's first paragraph, so a note of several is made one paragraph first, each of its
    paragraphs an inline block (``glossator-note-para``), in HTML and EPUB alike."""

    default_priority = 0
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for note in list(self.document.findall(nodes.footnote)):
            body = [child for child in note.children if not isinstance(child, nodes.label)]
            if len(body) < 2:
                continue
            merged = nodes.paragraph(classes=["glossator-note"])
            for child in body:
                part = nodes.inline(classes=["glossator-note-para"])
                if isinstance(child, nodes.paragraph):
                    part.extend(child.children)
                else:
                    part += child
                merged += part
                note.remove(child)
            note += merged


class MarkSidenotes(SphinxPostTransform):
    """The theme's sidenote nodes (the marker and the note it moves inline) are apparatus."""

    default_priority = 3
    formats = ("html",)

    def run(self, **kwargs) -> None:
        from .outputcheck import apparatus

        for node in self.document.findall(nodes.Element):
            if type(node).__name__ == "SideNoteNode" or {"sidenote", "marginnote"} & set(node["classes"]):
                apparatus(node)


def _tight_labels(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The theme closes a sidenote marker with ``</span>\\n\\n</label>``: a space the reader
    sees between the marked word and the next ("25) —a"), found by the output check."""
    body = context.get("body")
    if body and "</span>\n\n</label>" in body:
        context["body"] = body.replace("</span>\n\n</label>", "</span></label>")


def setup_sidenotes(app: Sphinx) -> None:
    app.connect("html-page-context", _tight_labels, priority=400)  # before the tips read the body
    app.add_post_transform(WholeNotes)
    app.add_post_transform(RelinkParents)
    app.add_post_transform(MarkSidenotes)
