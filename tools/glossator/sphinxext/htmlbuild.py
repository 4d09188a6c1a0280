"""What the HTML-only features share: which builders write the web pages, and when this
build started, so that a feature can tell the files this build wrote from older ones."""

from __future__ import annotations

import time

from sphinx.application import Sphinx

HTML_BUILDERS = {"html", "dirhtml"}


def setup_htmlbuild(app: Sphinx) -> None:
    app.connect("builder-inited", _start, priority=100)  # before the features' own handlers


def _start(app: Sphinx) -> None:
    app._glossator_build_start = time.time_ns()  # type: ignore[attr-defined]


def build_start(app: Sphinx) -> int:
    """When this build started (ns since the epoch); files modified since are this build's."""
    return getattr(app, "_glossator_build_start", 0)


def ship_static(app: Sphinx, folder: str, scripts: tuple[str, ...] = (), styles: tuple[str, ...] = (),
                epub: bool = False) -> None:
    """Copy ``sphinxext/static/<folder>`` into the output's ``_static`` and add its files to
    every page, for the web builders only (the EPUB has no scripts to run), or, with ``epub``,
    for the EPUB too (a stylesheet the book needs).

    Call it from a ``builder-inited`` handler. The files are copied rather than added to
    ``html_static_path``: changing the configuration after it was read makes Sphinx see a
    changed configuration on every build and rewrite every page.
    """
    from pathlib import Path

    from sphinx.util.fileutil import copy_asset

    if app.builder.name not in HTML_BUILDERS | ({"epub"} if epub else set()):
        return
    copy_asset(Path(__file__).parent / "static" / folder, Path(app.outdir, "_static", folder), force=True)
    for name in styles:
        app.add_css_file(f"{folder}/{name}")
    for name in scripts:
        app.add_js_file(f"{folder}/{name}", loading_method="defer")
