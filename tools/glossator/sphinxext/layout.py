"""The reader's layout on top of Furo: drawer buttons a keyboard can use, and a readable measure.

Furo opens its navigation and contents drawers with CSS alone: a hidden checkbox toggled by
``<label>`` elements, which a keyboard cannot reach and a screen reader cannot tell open from
closed. ``glossator-layout.js`` turns each label into a ``<button>`` with ``aria-expanded`` and
``aria-controls``, closes an open drawer on Escape (focus goes back to its button) or on a tap
beside it, and makes a closed drawer ``inert`` so that Tab does not walk through links that are
off the screen. ``glossator-layout.css`` styles those buttons and keeps body text at about 70
characters a line. Both are added only when the HTML theme is Furo, whose markup they expect.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset

from .htmlbuild import HTML_BUILDERS

STATIC = Path(__file__).parent / "static"
LAYOUT_DIR = "glossator-layout"
THEME = "furo"


def _start(app: Sphinx) -> None:
    if app.builder.name not in HTML_BUILDERS or app.config.html_theme != THEME:
        return
    copy_asset(STATIC / LAYOUT_DIR, Path(app.outdir, "_static", LAYOUT_DIR), force=True)
    app.add_css_file(f"{LAYOUT_DIR}/glossator-layout.css")
    app.add_js_file(f"{LAYOUT_DIR}/glossator-layout.js", loading_method="defer")


def setup_layout(app: Sphinx) -> None:
    app.connect("builder-inited", _start)
