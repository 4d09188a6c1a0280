"""Search that lands on the paragraph: a passage index for the search page.

Each written page is parsed once (lxml, from the page's own body, so no theme text can get
in) into *passages*: an article's numbered paragraphs (``#pN``), its notes, each glossary
entry (all its names and its definition), each timeline event, each claim and each article's
position on it, and, elsewhere, a section's paragraphs. Apparatus (``.glossator-apparatus``:
¶ marks, note markers) is left out of a paragraph's text, so a snippet quotes the article's
own words. The passages of each page go to a data file under the doctree folder (so
incremental and parallel builds share them); when the build finishes they are made into a
chunked index (``searchindex.py``) under ``_static/glossator-search/``: a header that only
``search.html`` loads, and shards, scripts (not JSON: a page opened from ``file://`` may load
a script but not fetch a file) that a query loads as it needs them. ``search.js`` ranks the
passages itself (``Search.query`` is replaced), with the build's stems, glossary aliases and
a spelling fallback; see docs/contributing/search-quality.md.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import lxml.html
from docutils import nodes
from lxml.etree import ParserError
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.fileutil import copy_asset

from .htmlbuild import HTML_BUILDERS
from .searchindex import build_index

logger = logging.getLogger(__name__)

FOLDER = "glossator-search"  # under the doctree folder (data) and under _static (scripts)
PARAGRAPH_ID = re.compile(r"^p\d+$")
# Left out of a passage's text: apparatus, permalinks, note back-links and labels.
DROP_CLASSES = {"glossator-apparatus", "headerlink", "footnote-reference", "label", "glossator-appears"}
# Pages a student never searches for (they still have Sphinx's own entry in searchindex.js).
SKIP_PAGES = {"search", "genindex"}
SPACE = re.compile(r"\s+")
TEMPLATES = Path(__file__).parent / "templates" / "search"
TEMPLATE = "glossator-search.html"  # search.html without searchindex.js


def setup_search(app: Sphinx) -> None:
    app.connect("builder-inited", _start)
    app.connect("html-page-context", _collect)
    app.connect("build-finished", _write_index)


def _enabled(app: Sphinx) -> bool:
    return app.builder.name in HTML_BUILDERS and app.builder.name != "epub"


def _data_dir(app: Sphinx) -> Path:
    return Path(app.doctreedir) / FOLDER


def _start(app: Sphinx) -> None:
    if not _enabled(app):
        return
    copy_asset(Path(__file__).parent / "static" / FOLDER, Path(app.outdir, "_static", FOLDER), force=True)
    # Our search page template, found after the theme's (it extends the theme's search.html).
    # Added to the loader, not templates_path: changing the configuration after it was read
    # makes Sphinx see a changed configuration on every build and rewrite every page.
    from sphinx.jinja2glue import SphinxFileSystemLoader

    app.builder.templates.loaders.append(SphinxFileSystemLoader(str(TEMPLATES)))
    # Every page: the paragraph a result links to is highlighted on arrival (:target).
    app.add_css_file(f"{FOLDER}/target.css")


def _collect(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None) -> str | None:
    if not _enabled(app):
        return None
    if pagename == "search":
        # This page only (Sphinx resets per-page files after rendering it).
        app.add_js_file(f"{FOLDER}/index.js", loading_method="defer")
        app.add_js_file(f"{FOLDER}/search.js", loading_method="defer")
        app.add_css_file(f"{FOLDER}/search.css")
        return TEMPLATE
    if doctree is None or pagename in SKIP_PAGES or not context.get("body"):
        return None
    try:
        body = lxml.html.fragment_fromstring(context["body"], create_parent="div")
    except (ParserError, ValueError) as exc:
        logger.warning(f"search: cannot parse the page's HTML ({exc})", location=pagename, type="glossator", subtype="search")
        return None
    title = _text(next(body.iter("h1"), None)) or str(context.get("title") or pagename)
    data = {"doc": pagename, "title": title, "passages": passages(body)}
    path = _data_dir(app) / f"{pagename}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return None


def _text(element: Any) -> str:
    """An element's words, without apparatus, permalinks or note labels, whitespace folded."""
    if element is None:
        return ""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if DROP_CLASSES & set((node.get("class") or "").split()):
            if node.tail:
                parts.append(node.tail)
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            elif child.tail:
                parts.append(child.tail)
        if node is not element and node.tail:
            parts.append(node.tail)

    walk(element)
    return SPACE.sub(" ", "".join(parts)).strip()


def passages(body: Any) -> list[list[str]]:
    """The page's passages, in page order, as [anchor, label, text] (and [names] for a
    glossary entry or event with more than one name)."""
    found: list[list[str]] = []
    taken: set[Any] = set()

    def add(anchor: str, label: str, *elements: Any, names: list[str] | None = None) -> None:
        text = " ".join(t for t in (_text(e) for e in elements) if t)
        for element in elements:
            taken.update(element.iter())
        if text:
            found.append([anchor, label, text, *([names] if names else [])])

    for element in body.iter():
        if not isinstance(element.tag, str) or element in taken:
            continue
        ident = element.get("id") or ""
        classes = set((element.get("class") or "").split())
        if element.tag in ("p", "li") and PARAGRAPH_ID.match(ident):
            add(ident, f"¶{ident[1:]}", element)
        elif element.tag == "aside" and "footnote" in classes and ident:
            mark = next((s for s in element.iter("span") if "label" in (s.get("class") or "").split()), None)
            number = re.sub(r"[\[\]\s]", "", mark.text_content()) if mark is not None else ""
            add(ident, f"Note {number}".strip(), *[c for c in element if c.tag != "span"])
        elif element.tag == "dt" and ident:
            names = [element]
            for sibling in element.itersiblings():
                if sibling.tag != "dt":
                    break
                names.append(sibling)
            dd = names[-1].getnext()
            definition = [dd] if dd is not None and dd.tag == "dd" else []
            # A glossary entry's names are its aliases: the search page matches a query to them.
            add(ident, _text(element), *names, *definition, names=[_text(n) for n in names] if len(names) > 1 else None)
        elif "glossator-claim" in classes and ident:
            own = [c for c in element if c.tag == "p" and "rubric" not in (c.get("class") or "")]
            add(ident, "Claim", *own)
            taken.update(own)
        elif element.tag == "section" and ident.startswith("glossator-"):
            taken.update(element.iter())  # apparatus sections (how to cite, before you read)
        elif element.tag == "section" and ident:
            heading = next((c for c in element if c.tag in ("h1", "h2", "h3", "h4", "h5", "h6")), None)
            own = [c for c in element if c.tag in ("p", "ul", "ol", "blockquote") and c not in taken
                   and not any(PARAGRAPH_ID.match(d.get("id") or "") for d in c.iter() if isinstance(d.tag, str))]
            if own:
                add(ident, _text(heading) or "Section", *own)
    return found


def _stemmer(app: Sphinx) -> Any:
    """The stemmer of the language Sphinx's search uses (its language_data.js, which search.js
    stems queries with, is the same algorithm)."""
    lang = getattr(getattr(app.builder, "indexer", None), "lang", None)
    if lang is None:
        from sphinx.search.en import SearchEnglish

        lang = SearchEnglish({})
    return lang.stem


def _write_index(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not _enabled(app):
        return
    docs = []
    for docname in sorted(app.env.found_docs):
        path = _data_dir(app) / f"{docname}.json"
        if docname in SKIP_PAGES or not path.is_file():
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        docs.append((docname, app.builder.get_target_uri(docname), data["title"], data["passages"]))
    folder = Path(app.outdir, "_static", FOLDER)
    # A fresh set of shards each build: none of an earlier build's may linger.
    shutil.rmtree(folder / "index", ignore_errors=True)
    (folder / "passages.js").unlink(missing_ok=True)  # the unchunked index of earlier builds
    (folder / "index").mkdir(parents=True, exist_ok=True)
    for name, text in build_index(docs, _stemmer(app)).items():
        (folder / name).write_text(text, encoding="utf-8")
