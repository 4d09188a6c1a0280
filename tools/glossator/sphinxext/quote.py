"""Quote: copying text from the reader gives the article's words, without the apparatus.

Everything the editors add to a page carries the class ``glossator-apparatus``;
``static/glossator-quote/quote.js`` drops those elements from a copied selection.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .htmlbuild import ship_static


def setup_quote(app: Sphinx) -> None:
    app.connect("builder-inited", lambda app: ship_static(app, "glossator-quote", ("quote.js",), ("quote.css",)))
