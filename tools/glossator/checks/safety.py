"""SEC5xx: contributor content cannot inject HTML, scripts or raw output into the reader.

A pull request is untrusted input and the reader is published, so anything that would pass
markup straight through to the page is refused, wherever it is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..corpus import Corpus, inside
from ..diagnostics import Diagnostic, rule
from ..markdown import parse_document
from ..yamlio import LineDict, LineList
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
    path = corpus.rel(corpus.glossary_path)
    return corpus.memo.get("markdown_fields", lambda: [
        (path, entry.line_of("definition"), parse_document(entry["definition"]))
        for entry in corpus.glossary.values()
        if isinstance(entry, dict) and isinstance(entry.get("definition"), str)
        and _MARKUP_CHARS.search(entry["definition"])
    ])


def _documents(corpus: Corpus):
    for article in corpus.articles:
        yield article.rel, 0, article.doc
    for path, line, doc in _markdown_fields(corpus):
        yield path, line - 1, doc


@rule("SEC501", "raw HTML in contributor content")
def check_raw_html(corpus: Corpus) -> Iterator[Diagnostic]:
    """HTML tags are not allowed in articles, notes, definitions or any field of a data file.

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


    for path, line, value in _data_texts(corpus):
        match = _TAG.search(value)
        if match:
            yield Diagnostic(path, line, 1, "SEC501", f"raw HTML is not allowed in a data field: "
                             f"'{value[match.start():match.start() + 40]}'; write the text itself")


# An HTML tag, comment or declaration opens with one of these; a lone '<' in prose does not.
_TAG = re.compile(r"<[A-Za-z/!?]")


def _data_texts(corpus: Corpus) -> Iterator[tuple[str, int, str]]:
    """(path, line, text) for every text value of the data files and front matter that may
    hold a tag. Glossary definitions are MyST and are parsed instead (``_markdown_fields``)."""
    files = [(corpus.rel(corpus.sources_path), corpus.sources), (corpus.rel(corpus.timeline_path), corpus.timeline),
             (corpus.rel(corpus.claims_path), corpus.claims)]
    files += [(corpus.rel(corpus.assignment_path(k)), v) for k, v in corpus.assignments.items()]
    files += [(a.rel, a.meta) for a in corpus.articles]
    # The vocabulary's names (of scripts, note and source kinds) are shown to readers too.
    files.append((corpus.rel(corpus.vocabulary_path), corpus.vocabulary_table))
    for path, data in files:
        if data and (path.endswith(".md") or _may_hold_tag(corpus, path)):
            yield from _texts(path, data, data.line if hasattr(data, "line") else 1)
    glossary = corpus.rel(corpus.glossary_path)
    if not _may_hold_tag(corpus, glossary):
        return
    for name, entry in corpus.glossary.items():
        yield from _texts(glossary, str(name), corpus.glossary.line_of(name))  # the entry's key
        if isinstance(entry, LineDict):
            for key, value in entry.items():
                if key != "definition":
                    yield from _texts(glossary, value, entry.line_of(key))


# A '<' in a loaded string stands in the file as itself or as a YAML escape of it.
_LT_IN_SOURCE = re.compile(r"<|\\x3c|\\u003c|\\U0000003c", re.IGNORECASE)


def _may_hold_tag(corpus: Corpus, rel: str) -> bool:
    """Whether a data file's text could give a string holding '<': a regular-expression scan
    of the file is some twenty times cheaper than walking every value it loaded into."""
    try:
        text = (corpus.root / rel).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True
    return _LT_IN_SOURCE.search(text) is not None


def _texts(path: str, value: object, line: int) -> Iterator[tuple[str, int, str]]:
    if isinstance(value, str):
        if "<" in value:
            yield path, line, value
    elif isinstance(value, LineDict):
        for key, item in value.items():
            yield from _texts(path, str(key), value.line_of(key))
            yield from _texts(path, item, value.line_of(key))
    elif isinstance(value, LineList):
        for index, item in enumerate(value):
            yield from _texts(path, item, value.line_of(index))


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


def _escapes(corpus: Corpus, stem: str) -> bool:
    """Whether an article name, taken as a file in corpus/articles, resolves outside it.

    Memoised per corpus: the data files name the same few articles hundreds of times, and
    each answer resolves symlinks on disk (a third of the check's rule time before)."""
    cache = corpus.memo.table("escapes")
    if stem not in cache:
        folder = corpus.root / "corpus" / "articles"
        cache[stem] = not inside(folder / f"{stem}.md", folder)
    return cache[stem]


def _named_articles(corpus: Corpus) -> Iterator[tuple[str, int, int, str, str]]:
    """(path, line, col, field, name) for every article name written in the data files."""
    from .teaching import _items, _line, _list, _readings

    for path, key, reading in _readings(corpus):
        if isinstance(reading.get("article"), str):
            yield path, _line(reading, "article"), 1, f"assignment '{key}': reading 'article'", reading["article"]
    timeline = corpus.rel(corpus.timeline_path)
    for key, event in _items(corpus.timeline):
        links = event.get("paragraphs")
        for index, link in enumerate(_list(links)):
            stem = str(link).partition("#")[0].strip()
            yield timeline, links.line_of(index), links.col_of(index), f"event '{key}': 'paragraphs'", stem
    claims = corpus.rel(corpus.claims_path)
    for key, claim in _items(corpus.claims):
        positions = claim.get("positions")
        if isinstance(positions, dict):
            for stem in positions:
                yield claims, _line(positions, stem), 1, f"claim '{key}': 'positions'", str(stem)


@rule("SEC504", "a path or name that leads outside the project")
def check_paths_inside(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every file named in the corpus, with links and ``..`` resolved, stays inside the project:
    seeds in seeds/, articles in corpus/articles, pages in the reader. Article files and data
    files that are links to somewhere outside are refused too.

    Bad:  ``seed: ../../etc/passwd``, ``article: ../../README``, {doc}`../../README`
    Good: ``seed: 003_84890aa3cb1da3a0.txt``, ``article: 2020-04-gray-vladivostok-visit``
    """
    from .links import _resolve_doc

    yield from (d for d in corpus.findings if d.code == "SEC504")
    for path, line, col, field, name in _named_articles(corpus):
        if _escapes(corpus, name):
            yield Diagnostic(path, line, col, "SEC504",
                             f"{field}: '{name}' leads outside corpus/articles; name an article by its file name")
    # (file, line offset, the page the text is shown on, a reference): the articles' own, and
    # those in MyST written in data fields (glossary definitions, shown on a top-level page).
    located = [(loc.article.rel, 0, loc.article.docname, loc.ref) for loc in all_refs(corpus)]
    for path, line, doc in _markdown_fields(corpus):
        located += [(path, line - 1, "glossary", ref) for part in (*doc.blocks, *doc.footnotes) for ref in part.refs]
    for path, offset, docname, ref in located:
        if ref.kind == "role" and ref.name in ("para", "doc") or ref.kind == "link" and ref.name.endswith(".md"):
            target = ref.target if ref.kind == "role" else ref.name
            if "://" in target:
                continue
            if ref.name == "para":
                if _escapes(corpus, target.partition("#")[0].strip()):
                    yield Diagnostic(path, ref.line + offset, ref.col, "SEC504",
                                     f"{{para}} target '{target}' leads outside corpus/articles")
            elif _resolve_doc(docname, target).split("/")[0] == "..":
                yield Diagnostic(path, ref.line + offset, ref.col, "SEC504",
                                 f"'{target}' leads outside the reader's pages; link to a page of the reader")


UNSUPPORTED_ROLES = {"math", "eq"}
UNSUPPORTED_DIRECTIVES = {"math", "image", "figure"}


@rule("SEC505", "a remote resource, or a role or directive the reader does not support")
def check_unsupported(corpus: Corpus) -> Iterator[Diagnostic]:
    """The reader loads nothing from off the site and renders no mathematics: a remote image
    would be fetched by every reader (and by the PDF build), and ``{math}`` needs MathJax.

    Bad:  ``![map](https://example.org/map.png)``, {math}`x^2`
    Good: the image described in a note, with its source cited; the formula in words
    """
    for path, offset, doc in _documents(corpus):
        lines = None
        for block_refs in [b.refs for b in doc.blocks] + [n.refs for n in doc.footnotes]:
            for ref in block_refs:
                if ref.kind == "role" and ref.name in UNSUPPORTED_ROLES:
                    yield Diagnostic(path, ref.line + offset, ref.col, "SEC505",
                                     f"role {{{ref.name}}} is not supported: the reader renders no mathematics; "
                                     "write it in words")
                elif ref.kind == "link" and split_url(corpus, ref.name.strip()).netloc:
                    if lines is None:
                        text = next((a.text for a in corpus.articles if a.rel == path), "")
                        lines = text.split("\n")
                    at = lines[ref.line - 1][ref.col - 1:ref.col + 1] if 0 < ref.line <= len(lines) else ""
                    if at == "![":
                        yield Diagnostic(path, ref.line + offset, ref.col, "SEC505",
                                         f"remote image '{ref.name[:60]}' is not allowed: the reader loads nothing "
                                         "from off the site; describe it in a note and cite its source")
        for directive in doc.directives:
            if directive.name in UNSUPPORTED_DIRECTIVES:
                yield Diagnostic(path, directive.line + offset, 1, "SEC505",
                                 f"directive {{{directive.name}}} is not supported in contributor content")
