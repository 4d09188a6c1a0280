"""Tooltips: every internal link previews its target (a term, a paragraph, a record, a section).

The tips are built at build time from the HTML that Sphinx writes, so they show exactly what
the target shows. Each written page is parsed once with lxml; the elements a link can point
at (paragraphs, glossary entries, records, sections) are kept, cleaned of ids and links, in a
data file per page under the doctree folder, so that parallel writers and incremental
builds share them. When the build finishes, each page that was written, or that links to a
page that was, gets a script ``_static/glossator-tips/pages/<page>.js`` holding the tips of
the links it contains; ``glossator-tips.js`` attaches them with tippy.js (vendored, so no
page loads anything from the network). Tips open on hover, on keyboard focus and on a first
tap, can be hovered and followed to the full entry, close with Escape and open below (or
above) the line, never over it (WCAG 1.4.13); tippy sets ``aria-describedby`` while one is
shown.

This replaces sphinx-tippy, which did the same from BeautifulSoup's pure-Python parser: a
third of the build's time, growing with the size of every page (docs/performance.md).
"""

from __future__ import annotations

import copy
import json
import posixpath
import re
from pathlib import Path
from typing import Any

import lxml.html
from docutils import nodes
from lxml.etree import ParserError
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.fileutil import copy_asset

from .htmlbuild import HTML_BUILDERS, build_start
from .safe import html_element

logger = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
TIP_DIR = "glossator-tips"  # under the doctree folder (data) and under _static (scripts)
# Links that need no preview: a heading's own permalink, a card's stretched link, a ¶ mark.
SKIP_CLASSES = {"headerlink", "sd-stretched-link", "glossator-pnum"}
# What a tip leaves out of its target: the above, and the notes beside a paragraph.
DROP_CLASSES = SKIP_CLASSES | {"sidenote", "marginnote", "margin-toggle", "footnote-reference", "target"}
# Elements whose whole (cleaned) HTML is a tip when a link points at their id.
WHOLE_TAGS = {"p", "aside", "figure", "table", "blockquote"}
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
MAX_DD_PARAGRAPHS = 4
DROP_ATTRS = ("id", "title", "style")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def setup_tips(app: Sphinx) -> None:
    app.add_config_value("glossator_tips", True, "html", [bool])
    app.add_config_value("glossator_tips_skip_urls", (), "html", [list, tuple])
    app.add_config_value("glossator_tips_props", {}, "html", [dict])
    app.connect("builder-inited", _start)
    app.connect("html-page-context", _collect)
    app.connect("build-finished", _write_scripts)


def _enabled(app: Sphinx) -> bool:
    return bool(app.config.glossator_tips) and app.builder.name in HTML_BUILDERS


def _data_dir(app: Sphinx) -> Path:
    return Path(app.doctreedir) / TIP_DIR


def _start(app: Sphinx) -> None:
    if not _enabled(app):
        return
    # Copied here rather than added to html_static_path: changing the configuration after it
    # was read makes Sphinx see a changed configuration on every build and rewrite every page.
    copy_asset(STATIC / TIP_DIR, Path(app.outdir, "_static", TIP_DIR), force=True)
    for script in ("popper-2.11.8.min.js", "tippy-bundle-6.3.7.umd.min.js", "glossator-tips.js"):
        app.add_js_file(f"{TIP_DIR}/{script}", loading_method="defer")
    app.add_css_file(f"{TIP_DIR}/glossator-tips.css")
    # Below the line, or above it: a tip beside its link would cover the line being read.
    props = {"placement": "bottom-start", "maxWidth": 520, "delay": [150, 50], **app.config.glossator_tips_props}
    app.add_js_file(None, body=f"window.GLOSSATOR_TIP_PROPS = {json.dumps(props)};")


# -- Collecting: one parse per written page --------------------------------------------------


def _collect(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None) -> None:
    if doctree is None or not _enabled(app) or not context.get("body"):
        return
    try:
        body = lxml.html.fragment_fromstring(context["body"], create_parent="div")
    except (ParserError, ValueError) as exc:
        logger.warning(f"tooltips: cannot parse the page's HTML ({exc})", location=pagename, type="glossator", subtype="tips")
        return
    skip = [re.compile(rx) for rx in app.config.glossator_tips_skip_urls]
    links = _links(body, skip)
    data = {"links": sorted(links), "ids": _id_map(doctree), "tips": _tips(body)}
    path = _data_dir(app) / f"{pagename}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    if links:
        script = context["pathto"](f"_static/{TIP_DIR}/pages/{pagename}.js", 1)
        context["metatags"] = context.get("metatags", "") + "\n" + html_element("meta", name="glossator-tips", content=script)


def _links(body: Any, skip: list[re.Pattern[str]]) -> set[str]:
    """The hrefs on the page that may get a tip: internal ones, not to be skipped."""
    found = set()
    for anchor in body.iter("a"):
        # A quiet repeat of a term (quietterms.py) keeps its target aside until it is shown.
        href = anchor.get("href") or anchor.get("data-glossator-href")
        if not href or SCHEME.match(href) or SKIP_CLASSES & set(anchor.get("class", "").split()):
            continue
        if not any(rx.match(href) for rx in skip):
            found.add(href)
    return found


def _id_map(doctree: nodes.document) -> dict[str, str]:
    """Each node id to the id written on the element (docutils writes the others as spans)."""
    ids: dict[str, str] = {}
    for node in doctree.findall(nodes.Element):
        first, *rest = node.get("ids") or [None]
        if first:
            ids.update(dict.fromkeys(rest, first))
    return ids


def _tips(body: Any) -> dict[str, str]:
    """Tip HTML for every element a link can point at, keyed by id ('' is the page itself)."""
    tips: dict[str, str] = {}
    heading = next(body.iter(*HEADINGS), None)
    if heading is not None:
        tips[""] = _heading_tip(heading)
    for element in body.iterfind(".//*[@id]"):
        tag, ident = element.tag, element.get("id")
        if tag in WHOLE_TAGS or (tag == "div" and "admonition" in element.get("class", "")):
            tips[ident] = _clean(element)
        elif tag == "dt":
            tips[ident] = _clean(element) + _definition(_next_dd(element))
        elif tag == "section":
            inner = next(element.iter(*HEADINGS), None)
            if inner is not None:
                tips[ident] = _heading_tip(inner)
    return tips


def _next_dd(dt: Any) -> Any:
    """The definition of a term: the first <dd> after it, past the <dt>s of its other names."""
    for sibling in dt.itersiblings():
        if sibling.tag != "dt":
            return sibling if sibling.tag == "dd" else None
    return None


def _definition(dd: Any) -> str:
    """A glossary definition: its first paragraphs, without the 'Appears in' list."""
    if dd is None or dd.tag != "dd":
        return ""
    kept = [p for p in dd if p.tag == "p" and "glossator-appears" not in p.get("class", "")]
    return "<dd>" + "".join(_clean(p) for p in kept[:MAX_DD_PARAGRAPHS]) + "</dd>"


def _heading_tip(heading: Any) -> str:
    """A section's heading and the paragraph or two that follow it."""
    parts = [_clean(heading)]
    for sibling in heading.itersiblings():
        if sibling.tag == "p":
            parts.append(_clean(sibling))
            if len(parts) == 3:
                break
        elif sibling.tag == "section":
            break
    return "".join(parts)


def _clean(element: Any) -> str:
    """The element's HTML for a tip: no permalinks, no ids (the page has them), links as text."""
    tip = copy.deepcopy(element)
    tip.tail = None
    for child in list(tip.iter()):
        if child is not tip and DROP_CLASSES & set(child.get("class", "").split()):
            child.drop_tree()
            continue
        for attr in DROP_ATTRS:
            child.attrib.pop(attr, None)
        for attr in [a for a in child.attrib if a.startswith("data-")]:
            del child.attrib[attr]
    # A tip is not interactive: its links could not be followed, so they become their text.
    for anchor in list(tip.iter("a")):
        if anchor is not tip:
            anchor.drop_tag()
    return lxml.html.tostring(tip, encoding="unicode")


# -- Writing: one script per page, once every page is known ----------------------------------


def _write_scripts(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not _enabled(app):
        return
    data_dir = _data_dir(app)
    modified = {}
    for name in app.env.all_docs:
        try:
            modified[name] = (data_dir / f"{name}.json").stat().st_mtime_ns
        except OSError:
            continue  # a page with no tips data: not an HTML page with a body
    pages = set(modified)
    written = {name for name, when in modified.items() if when >= build_start(app)}
    store = _Store(data_dir)
    out = Path(app.outdir, "_static", TIP_DIR, "pages")
    count = 0
    for name in sorted(pages):
        links = store.get(name)["links"]
        if not links:
            continue
        targets = {_target(name, href)[0] for href in links}
        if name not in written and not (targets & written):
            continue  # neither the page nor anything it previews changed
        tips = _page_tips(name, links, store, pages)
        path = out / f"{name}.js"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"glossatorTips({json.dumps(tips, ensure_ascii=False, sort_keys=True)});\n", encoding="utf-8")
        count += 1
    logger.info(f"tooltips: wrote the tips of {count} page(s)")


class _Store:
    """The pages' tip data, read from disk once each and only when needed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.loaded: dict[str, dict[str, Any]] = {}

    def get(self, page: str) -> dict[str, Any]:
        if page not in self.loaded:
            self.loaded[page] = json.loads((self.folder / f"{page}.json").read_text(encoding="utf-8"))
        return self.loaded[page]


def _target(page: str, href: str) -> tuple[str, str]:
    """The (page, id) an href on ``page`` points at; id '' means the page itself."""
    path, _, fragment = href.partition("#")
    if not path:
        return page, fragment
    if not path.endswith(".html"):
        return "", fragment
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path[: -len(".html")])), fragment


def _page_tips(page: str, links: list[str], store: _Store, pages: set[str]) -> dict[str, str]:
    tips = {}
    folder = posixpath.dirname(page)
    for href in links:
        target, fragment = _target(page, href)
        if target not in pages:
            continue
        data = store.get(target)
        html = data["tips"].get(data["ids"].get(fragment, fragment)) if fragment else data["tips"].get("")
        if html:
            tips[href] = _relocate(html, posixpath.dirname(target), folder)
    return tips


def _relocate(html: str, source: str, dest: str) -> str:
    """Image paths in a tip taken from a page in ``source`` shown on a page in ``dest``."""
    if source == dest or "<img" not in html:
        return html
    # A page's tip is several elements (its title and first paragraphs): parse them under one
    # holder and write back its contents, not the holder.
    tip = lxml.html.fragment_fromstring(html, create_parent="div")
    for img in tip.iter("img"):
        src = img.get("src", "")
        if src and not SCHEME.match(src) and not src.startswith("/"):
            joined = posixpath.normpath(posixpath.join(source, src))
            img.set("src", posixpath.relpath(joined, dest or "."))
    return (tip.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in tip)
