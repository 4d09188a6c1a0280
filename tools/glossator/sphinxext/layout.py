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

import re
from pathlib import Path
from typing import Any

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


# sphinx-design adds its stylesheet and tab script to every page; an article uses none of its
# components, and the 62 KiB they weigh are a sixth of the article page's 400 KiB budget.
DESIGN_ASSETS = {"sphinx-design.min.css", "design-tabs.js"}
_DESIGN_CLASS = re.compile(r'class="[^"]*\bsd-')
# Sphinx's highlighting sheet (19 KiB, Furo's dark-mode colours with it) styles highlighted code
# only, which no article has: the Kireeva-Zakharova page was 394 KiB with it.
PYGMENTS_ASSETS = {"pygments.css"}
_HIGHLIGHT_CLASS = re.compile(r'class="[^"]*\bhighlight')
# Each set of files, and what in a page's body uses them.
OPTIONAL_ASSETS = [(DESIGN_ASSETS, _DESIGN_CLASS), (PYGMENTS_ASSETS, _HIGHLIGHT_CLASS)]


def _drop_unused_design_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Leave sphinx-design's files, and Pygments' sheet, off a page whose body does not use them."""
    body = context.get("body")
    if not isinstance(body, str):
        return
    unused = {name for assets, used in OPTIONAL_ASSETS if not used.search(body) for name in assets}
    if not unused:
        return
    for key in ("css_files", "script_files"):
        files = context.get(key)
        if isinstance(files, list):
            context[key] = [f for f in files if Path(str(getattr(f, "filename", f))).name not in unused]


def setup_layout(app: Sphinx) -> None:
    app.connect("builder-inited", _start)
    app.connect("html-page-context", _drop_unused_design_assets)
