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


def _drop_unused_design_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Leave sphinx-design's files off a page whose body has none of its components."""
    body = context.get("body")
    if not isinstance(body, str) or _DESIGN_CLASS.search(body):
        return
    for key in ("css_files", "script_files"):
        files = context.get(key)
        if isinstance(files, list):
            context[key] = [f for f in files if Path(str(getattr(f, "filename", f))).name not in DESIGN_ASSETS]


def setup_layout(app: Sphinx) -> None:
    app.connect("builder-inited", _start)
    app.connect("html-page-context", _drop_unused_design_assets)
