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
