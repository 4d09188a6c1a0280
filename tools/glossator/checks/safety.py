"""SEC5xx: contributor content cannot inject HTML, scripts or raw output into the reader.

A pull request is untrusted input and the reader is published, so anything that would pass
markup straight through to the page is refused, wherever it is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..corpus import Corpus
from ..diagnostics import Diagnostic, rule
from ..markdown import parse_document
from .common import all_refs, record_urls, split_url

UNSAFE_DIRECTIVES = {"raw", "eval-rst", "include", "literalinclude", "csv-table", "iframe", "script",
                     "html", "meta", "ifconfig", "jupyter-execute", "exec"}
UNSAFE_ROLES = {"raw", "raw-html", "raw-latex"}
UNSAFE_SCHEMES = {"javascript", "data", "vbscript", "file"}
# markdown-it refuses to make links of these schemes and leaves them as text, so the parsed
# tokens never show them; the source is searched too, to tell the contributor.
UNSAFE_LINK_TEXT = re.compile(r"(?:\]\(|<)\s*(javascript|data|vbscript|file):", re.IGNORECASE)


# Without one of these characters a text holds no HTML, directive, role or link at all.
_MARKUP_CHARS = re.compile(r"[<`{\[:]")


def _markdown_fields(corpus: Corpus) -> list:
    """Markdown written inside data files (glossary definitions), parsed like an article,
    once per check run; plain prose is not parsed."""
    cached = corpus.__dict__.get("_markdown_fields")
    if cached is None:
        path = corpus.rel(corpus.glossary_path)
        cached = corpus.__dict__["_markdown_fields"] = [
            (path, entry.line_of("definition"), parse_document(entry["definition"]))
            for entry in corpus.glossary.values()
            if isinstance(entry, dict) and isinstance(entry.get("definition"), str)
            and _MARKUP_CHARS.search(entry["definition"])
        ]
    return cached


def _documents(corpus: Corpus):
    for article in corpus.articles:
        yield article.rel, 0, article.doc
    for path, line, doc in _markdown_fields(corpus):
        yield path, line - 1, doc


@rule("SEC501", "raw HTML in contributor content")
def check_raw_html(corpus: Corpus) -> Iterator[Diagnostic]:
    """HTML tags are not allowed in articles, notes or definitions.

    Bad:  <span style="color:red">Pyongyang</span>
    Good: {term}`Pyongyang`
    """
    for path, offset, doc in _documents(corpus):
        for line, content in doc.html_blocks:
            yield Diagnostic(path, line + offset, 1, "SEC501", f"raw HTML is not allowed: '{content.strip()[:40]}'")
        inline = [ref for block in doc.blocks for ref in block.refs]
        inline += [ref for note in doc.footnotes for ref in note.refs]
        for ref in inline:
            if ref.kind == "html":
                yield Diagnostic(path, ref.line + offset, ref.col, "SEC501", f"raw HTML is not allowed: '{ref.name[:40]}'")


@rule("SEC502", "a directive or role that passes raw content through")
def check_unsafe_directives(corpus: Corpus) -> Iterator[Diagnostic]:
    """``raw``, ``eval-rst``, ``include`` and the like are refused: they bypass every check.

    Bad:  ```{raw} html
    Good: the content written as MyST
    """
    for path, offset, doc in _documents(corpus):
        for directive in doc.directives:
            if directive.name in UNSAFE_DIRECTIVES:
                yield Diagnostic(path, directive.line + offset, 1, "SEC502",
                                 f"directive {{{directive.name}}} is not allowed in contributor content")
        inline = [ref for block in doc.blocks for ref in block.refs]
        inline += [ref for note in doc.footnotes for ref in note.refs]
        for ref in inline:
            if ref.kind == "role" and ref.name in UNSAFE_ROLES:
                yield Diagnostic(path, ref.line + offset, ref.col, "SEC502", f"role {{{ref.name}}} is not allowed")


@rule("SEC503", "a javascript:, data: or file: link")
def check_link_schemes(corpus: Corpus) -> Iterator[Diagnostic]:
    """Links and record URLs use http(s) or point inside the reader.

    Bad:  [click](javascript:alert(1))
    Good: [the Kremlin transcript](https://en.kremlin.ru/events/president/news/60370)
    """
    for loc in all_refs(corpus):
        if loc.ref.kind != "link":
            continue
        scheme = split_url(corpus, loc.ref.name.strip()).scheme
        if scheme.lower() in UNSAFE_SCHEMES:
            yield Diagnostic(loc.article.rel, loc.ref.line, loc.ref.col, "SEC503",
                             f"link scheme '{scheme}:' is not allowed")
    for article in corpus.articles:
        if not UNSAFE_LINK_TEXT.search(article.text):  # over the whole text: a superset of the lines' matches
            continue
        for number, line in enumerate(article.text.split("\n"), start=1):
            for match in UNSAFE_LINK_TEXT.finditer(line):
                yield Diagnostic(article.rel, number, match.start() + 1, "SEC503",
                                 f"link scheme '{match.group(1)}:' is not allowed")
    for entry in record_urls(corpus):
        if split_url(corpus, entry.url.strip()).scheme.lower() in UNSAFE_SCHEMES:
            yield Diagnostic(entry.path, entry.line, 1, "SEC503",
                             f"record '{entry.key}': {entry.field} scheme is not allowed")
