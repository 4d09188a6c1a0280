"""Notes in the HTML reader: marked as apparatus, and shown beside the text where there is room.

The article's notes are MyST footnotes, which Sphinx writes as a numbered marker
(``a.footnote-reference``, ``role="doc-noteref"``) and a note (``aside.footnote``,
``role="doc-footnote"``) in the list at the end of the article, each linking to the other.
This module adds the class ``glossator-apparatus`` to both, so that copying a quotation and the
fidelity check can take them away, and ships ``glossator-notes.js``, which on a wide screen sets
each note in the margin level with its marker (or just below the note before it), and on a
narrow one makes each marker a button that opens its note after the paragraph. Without
JavaScript, and in print, the notes stay numbered at the end of the article.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.fileutil import copy_asset

from .htmlbuild import HTML_BUILDERS

STATIC = Path(__file__).parent / "static"
NOTES_DIR = "glossator-notes"
APPARATUS = "glossator-apparatus"


class MarkNotes(SphinxPostTransform):
    """Class every note and note marker as apparatus."""

    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for node in self.document.findall(lambda n: isinstance(n, (nodes.footnote, nodes.footnote_reference))):
            if APPARATUS not in node["classes"]:
                node["classes"].append(APPARATUS)


def _start(app: Sphinx) -> None:
    if app.builder.name not in HTML_BUILDERS:
        return
    # Copied rather than added to html_static_path, as in tips.py: a configuration changed after
    # it was read makes Sphinx rewrite every page on every build.
    copy_asset(STATIC / NOTES_DIR, Path(app.outdir, "_static", NOTES_DIR), force=True)
    app.add_css_file(f"{NOTES_DIR}/glossator-notes.css")
    app.add_js_file(f"{NOTES_DIR}/glossator-notes.js", loading_method="defer")


def setup_sidenotes(app: Sphinx) -> None:
    app.add_post_transform(MarkNotes)
    app.connect("builder-inited", _start)
