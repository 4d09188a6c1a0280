"""What the reader does not render: remote images and mathematics.

``glossator check`` reports both (SEC505). The build must still never crash on them, never
fetch an image from the network (Sphinx's LaTeX and EPUB builders download remote images),
and never make a page load MathJax from a CDN. So a remote image becomes its alt text, with a
warning at its location, before Sphinx collects images; and mathematics is rendered as its
source text by a math renderer of our own, so ``sphinx.ext.mathjax`` adds no script.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)


class RemoteImages(SphinxTransform):
    """Replace each image with a network address by its alt text, and say so."""

    default_priority = 6  # while reading, before the image collector and any downloader

    def apply(self, **kwargs: Any) -> None:
        for image in list(self.document.findall(nodes.image)):
            uri = str(image.get("uri", ""))
            if "://" not in uri and not uri.startswith("//"):
                continue
            logger.warning(f"remote image '{uri[:80]}' is not shown: the reader loads nothing from off the site "
                           "(glossator check: SEC505)", location=image, type="glossator", subtype="unsupported")
            alt = str(image.get("alt", ""))
            image.replace_self(nodes.inline(alt, alt, classes=["glossator-missing-image"]) if alt else [])


def _math_source(self: Any, node: nodes.Element) -> None:
    logger.warning("mathematics is not rendered by the reader (glossator check: SEC505)",
                   location=node, type="glossator", subtype="unsupported")
    self.body.append(self.encode(node.astext()))
    raise nodes.SkipNode


def _no_mathjax(app: Sphinx, config: Any) -> None:
    config.html_math_renderer = "glossator-text"


def setup_unsupported(app: Sphinx) -> None:
    app.add_transform(RemoteImages)
    app.add_html_math_renderer("glossator-text", (_math_source, None), (_math_source, None))
    app.connect("config-inited", _no_mathjax)
