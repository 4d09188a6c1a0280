"""Notes in the HTML reader: marked as apparatus, and shown beside the text where there is room.

The article's notes are MyST footnotes, which Sphinx writes as a numbered marker
(``a.footnote-reference``, ``role="doc-noteref"``) and a note (``aside.footnote``,
``role="doc-footnote"``) in the list at the end of the article, each linking to the other.
This module adds the class ``glossator-apparatus`` to both, so that copying a quotation and the
fidelity check can take them away.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

APPARATUS = "glossator-apparatus"


class MarkNotes(SphinxPostTransform):
    """Class every note and note marker as apparatus."""

    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for node in self.document.findall(lambda n: isinstance(n, (nodes.footnote, nodes.footnote_reference))):
            if APPARATUS not in node["classes"]:
                node["classes"].append(APPARATUS)


def setup_sidenotes(app: Sphinx) -> None:
    app.add_post_transform(MarkNotes)
