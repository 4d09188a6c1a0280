"""The primary sidebar's list of pages, one level deep, built in one pass per page.

Furo asks Sphinx for the whole site's toctree on every page (``context["toctree"](maxdepth=-1)``),
which deep-copies every listed page's table of contents, and then re-parses the result with
BeautifulSoup: pages × articles, the largest cost of a large build (docs/performance.md). A
sidebar that shows one level needs only the root document's toctrees, their captions, the page
titles and which entry holds the current page. Before Furo's own ``html-page-context`` handler
runs, this module replaces the page's ``toctree`` function with one that returns that list, in
the HTML Sphinx's toctree writes at ``maxdepth=1``, class for class; with
``glossator_sidebar = False`` the function is Sphinx's own, held to one level.

A part with more entries than ``glossator_sidebar_max_entries`` (a corpus of hundreds of
articles) lists only the current page's entry and a link to the home page, where every entry
is: otherwise every page would carry, and a phone would scroll past, the whole list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from .access import corpus_of
from .safe import html_element

_MEMO_KEY = "sidebar"  # in the corpus memo; made from the environment, so dropped when it changes


@dataclass(frozen=True)
class _Group:
    caption: str
    entries: tuple[tuple[str, str], ...]  # (docname, title as written in the toctree or "")


def setup_sidebar(app: Sphinx) -> None:
    app.add_config_value("glossator_sidebar", True, "html", [bool])
    app.add_config_value("glossator_sidebar_max_entries", 40, "html", [int])
    # Before the theme's handler (priority 500), which calls context["toctree"].
    app.connect("html-page-context", _offer, priority=400)
    app.connect("html-page-context", _caption_levels, priority=600)
    app.connect("env-updated", _forget)


def _offer(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    toctree = context.get("toctree")
    if toctree is None:
        return
    if app.config.glossator_sidebar:
        context["toctree"] = lambda **_: sidebar_html(app, pagename)
    else:
        context["toctree"] = lambda **options: toctree(**{**options, "maxdepth": 1})


# Sphinx writes a toctree's caption as role="heading" without the aria-level that role requires
# (axe-core: aria-required-attr, serious), in the sidebar and in a page's own toctrees.
_CAPTION = '<p class="caption" role="heading">'
_CAPTION_LEVEL = '<p class="caption" role="heading" aria-level="2">'


def _caption_levels(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    for key in ("body", "furo_navigation_tree"):
        if isinstance(context.get(key), str) and _CAPTION in context[key]:
            context[key] = context[key].replace(_CAPTION, _CAPTION_LEVEL)


def _forget(app: Sphinx, env: Any) -> None:
    corpus_of(app).memo.forget(_MEMO_KEY)


def sidebar_html(app: Sphinx, pagename: str) -> str:
    """The captions and one-level lists of the root document's toctrees, for ``pagename``."""
    groups, parents = _structure(app)
    top = _top_entry(pagename, parents, app.config.root_doc)
    out = []
    for group in groups:
        if group.caption:
            out.append(html_element("p", inner_html=html_element("span", group.caption, class_="caption-text"),
                                    class_="caption", role="heading"))
        docs = [doc for doc, _ in group.entries]
        entries = group.entries
        long = len(entries) > app.config.glossator_sidebar_max_entries
        if long:
            entries = tuple(entry for entry in entries if entry[0] == top)
        items = [_item(app, pagename, doc, title, current=doc == top) for doc, title in entries]
        if long:
            items.append(_all_item(app, pagename, group))
        out.append(html_element("ul", inner_html="\n" + "\n".join(items) + "\n",
                                class_="current" if top in docs else None))
    return "\n".join(out)


def _item(app: Sphinx, pagename: str, doc: str, title: str, current: bool) -> str:
    href = "#" if doc == pagename else app.builder.get_relative_uri(pagename, doc)
    li = "toctree-l1 current" if current else "toctree-l1"
    a = "current reference internal" if doc == pagename else "reference internal"
    return html_element("li", inner_html=html_element("a", title or _title(app, doc), class_=a, href=href), class_=li)


def _all_item(app: Sphinx, pagename: str, group: _Group) -> str:
    """The entry that stands for a long part's list: a link to the home page."""
    root = app.config.root_doc
    href = "#" if pagename == root else app.builder.get_relative_uri(pagename, root)
    what = group.caption.lower() if group.caption else "pages"
    link = html_element("a", f"All {len(group.entries)} {what}", class_="reference internal", href=href)
    return html_element("li", inner_html=link, class_="toctree-l1 glossator-sidebar-all")


def _title(app: Sphinx, doc: str) -> str:
    title = app.env.titles.get(doc)
    return title.astext() if title is not None else doc


def _top_entry(pagename: str, parents: dict[str, str], root: str) -> str | None:
    """The root toctree's entry that holds ``pagename``, directly or through its parents."""
    seen = set()
    doc = pagename
    while doc in parents and doc not in seen:
        seen.add(doc)
        if parents[doc] == root:
            return doc
        doc = parents[doc]
    return None


def _structure(app: Sphinx) -> tuple[list[_Group], dict[str, str]]:
    """The root's toctree groups and each document's parent, read once per build (after the
    environment is updated)."""
    return corpus_of(app).memo.get(_MEMO_KEY, lambda: _read_structure(app))


def _read_structure(app: Sphinx) -> tuple[list[_Group], dict[str, str]]:
    env = app.env
    root = env.get_doctree(app.config.root_doc)
    groups = [
        _Group(node.get("caption") or "", tuple((ref, title or "") for title, ref in node["entries"]
                                               if ref in env.all_docs))
        for node in root.findall(addnodes.toctree)
        if _included(app, node)
    ]
    parents: dict[str, str] = {}
    for parent, children in env.toctree_includes.items():
        for child in children:
            parents.setdefault(child, parent)
    return groups, parents


def _included(app: Sphinx, node: nodes.Element) -> bool:
    """False for a toctree inside an ``only`` block that this builder leaves out."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.only) and not app.tags.eval_condition(parent["expr"]):
            return False
        parent = parent.parent
    return True
