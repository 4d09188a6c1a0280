"""The one safe path for contributor strings into the output.

A contributor's string (any YAML field, a title, a seed line) becomes a docutils ``Text`` node,
which every Sphinx writer escapes for its format, or an escaped template value. Three tools:

- :class:`TextSlots` lets a directive write a MyST *skeleton* (a grid of cards, a table) and
  put contributor strings into it as text: the skeleton holds opaque tokens, and after the
  parse each token is replaced by a ``Text`` node of the string. Markdown never sees the string,
  so no escaping rule can be forgotten.
- :func:`html_element` is the only place the extension writes HTML as a string; every part is
  escaped.
- :class:`ForbidRawContent` refuses ``raw`` nodes in any document (a ``{raw}`` role, an HTML
  block, a ``<script>`` in a definition): the build reports them with their location and shows
  their source as text. Only the fixed markup MyST itself writes for line breaks passes.

At the templates, :func:`escape_plain_title` and the safe ``striptags`` filter close the two
ways a theme can turn an escaped title back into markup.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

# Raw output MyST writes itself (hard line breaks, strike-through), never from contributors.
PARSER_RAW = {("html", "<br />\n"), ("latex", "\\\\\n"), ("html", "<s>"), ("html", "</s>")}

_counter = itertools.count()


class TextSlots:
    """Tokens standing for contributor strings in a MyST skeleton, filled in as ``Text`` after the parse."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self._prefix = f"GLOSSATORSLOT{next(_counter)}X"

    def __call__(self, value: Any) -> str:
        """The token to write in the skeleton in place of ``value``, which is kept verbatim."""
        token = f"{self._prefix}{len(self.values)}X"
        self.values[token] = str(value)
        return token

    def parse(self, directive: SphinxDirective, lines: list[str], source: str, into: nodes.Element) -> nodes.Element:
        """Parse the skeleton into ``into``, then put each string in place of its token."""
        directive.state.nested_parse(StringList(lines, source=source), directive.content_offset, into)
        self.fill(into)
        return into

    def fill(self, tree: nodes.Element) -> None:
        if not self.values:
            return
        pattern = re.compile("(" + "|".join(re.escape(t) for t in self.values) + ")")
        for text in list(tree.findall(nodes.Text)):
            parts = pattern.split(str(text))
            if len(parts) == 1:
                continue
            replacement = [nodes.Text(self.values.get(part, part)) for part in parts if part]
            parent = text.parent
            index = parent.index(text)
            parent[index:index + 1] = replacement
        for element in tree.findall(nodes.Element):
            for key, value in element.attributes.items():
                if isinstance(value, str) and self._prefix in value:
                    element[key] = pattern.sub(lambda m: self.values[m[1]], value)


_VOID = {"meta", "link", "img", "br", "hr", "input"}


def html_element(tag: str, text: str = "", inner_html: str = "", **attrs: Any) -> str:
    """``<tag attr="…">text</tag>``, every attribute and the text escaped.

    ``inner_html`` is markup already made by this function; ``class_`` stands for ``class``.
    """
    parts = [tag]
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        parts.append(f'{name.rstrip("_").replace("_", "-")}="{html.escape(str(value), quote=True)}"')
    if tag in _VOID:
        return f"<{' '.join(parts)}>"
    return f"<{' '.join(parts)}>{html.escape(text, quote=False)}{inner_html}</{tag}>"


class ForbidRawContent(SphinxTransform):
    """No contributor content may hold raw output: its markup would reach the page unescaped.

    Contributor content is every article, every page generated from the data files, and
    every node a directive parsed from a data field (its source is not the page's file). A
    maintainer's own ``{raw}`` in a hand-written page of ``docs/`` is theirs to write.
    """

    default_priority = 5  # first: later transforms and the writers only see text

    def apply(self, **kwargs: Any) -> None:
        own_source = self.document.get("source", "")
        contributed = self.env.docname.startswith("articles/") or _generated(self.env)
        forbid_raw(self.document, lambda raw: not contributed and raw.source == own_source)


def forbid_raw(tree: nodes.Element, allowed: Callable[[nodes.raw], bool] = lambda raw: False) -> None:
    """Report every raw node of ``tree`` not ``allowed`` (with its location) and show its source
    as text instead. Directives that parse MyST written in a data field call it on the result."""
    for raw in list(tree.findall(nodes.raw)):
        formats = raw.get("format", "")
        text = raw.astext()
        if (formats, text) in PARSER_RAW or allowed(raw):
            continue
        shown = " ".join(text.split())[:60]
        logger.warning(f"raw {formats or 'output'} is not allowed in contributor content, shown as text: "
                       f"{shown!r}; write it as MyST (glossator check: SEC501, SEC502)",
                       location=raw, type="glossator", subtype="unsafe")
        raw.replace_self(nodes.literal(text, text))


def _generated(env: Any) -> bool:
    """Whether the page being read is one Glossator writes from the data files."""
    path = env.doc2path(env.docname)
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read(32).startswith("% Generated by glossator")
    except OSError:
        return False


def escape_plain_title(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Escape any context value that is the page title as plain text (``title.astext()``).

    Themes put the plain title in their own context keys (sphinx-book-theme's print ``<h1>``
    uses ``pagetitle``) and Sphinx's templates do not autoescape, so a title that shows
    ``<img onerror=…>`` as text would become that element. Runs after the theme's handler.
    """
    if doctree is None:
        return
    title = next(iter(doctree.findall(nodes.title)), None)
    if title is None:
        return
    plain = title.astext()
    if html.escape(plain, quote=False) == plain:
        return
    for key, value in list(context.items()):
        if key != "title" and type(value) is str and value == plain:
            context[key] = html.escape(plain)


def _safe_striptags(value: Any) -> Markup:
    """Jinja's ``striptags`` unescapes entities, so ``{{ title|striptags }}`` turns an escaped
    ``&lt;script&gt;`` into a script. This one returns the stripped text escaped again."""
    return Markup.escape(Markup(str(value)).striptags())


def install_template_guards(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is not None:
        environment.filters["striptags"] = _safe_striptags


def setup_safe(app: Sphinx) -> None:
    app.add_transform(ForbidRawContent)
    app.connect("builder-inited", install_template_guards)
    app.connect("html-page-context", escape_plain_title, priority=900)
