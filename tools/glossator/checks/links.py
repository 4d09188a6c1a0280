"""LNK1xx: every cross-reference resolves, and every external URL is well-formed and clean."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl

from ..corpus import Corpus
from ..diagnostics import Diagnostic, rule
from ..markdown import parse_document
from ..ranges import parse_range, range_problem
from .common import all_refs, record_urls, roles, split_url
from .safety import UNSAFE_ROLES

TRACKING = ("utm_", "fbclid", "gclid", "dclid", "mc_cid", "mc_eid", "yclid", "_hsenc", "_hsmi", "igshid", "ocid")
# ``\s`` is what str.isspace() calls whitespace, found without a call per character.
_SPACE = re.compile(r"\s")
KNOWN_ROLES = {"term", "cite", "para", "ref", "doc", "abbr", "sub", "sup", "numref", "math"}


def _docs_dir(corpus: Corpus) -> Path:
    return corpus.root / "docs"


# A MyST target is a line ``(label)=``; a page without such a line defines no label.
_TARGET_LINE = re.compile(r"^[ \t]*\(.+\)=[ \t]*$", re.MULTILINE)


def _doc_labels(corpus: Corpus) -> frozenset[tuple[str, str, int]]:
    """Labels ``(label)=`` defined in the docs pages (articles are read from the corpus), read
    once per loaded corpus: LNK103 and LNK104 both ask. Not per process: a page edited between
    two checks in one process (a test, an editor's server) must be read again."""
    return corpus.memo.get("doc_labels", lambda: _read_doc_labels(_docs_dir(corpus)))


def _read_doc_labels(docs: Path) -> frozenset[tuple[str, str, int]]:
    found = []
    for path in sorted(docs.rglob("*.md")):
        if "_build" in path.parts or (docs / "articles") in path.parents:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if not _TARGET_LINE.search(text):
            continue  # no line can be a target: skip the parse (most pages; it was most of the check's time)
        parsed = parse_document(text)
        found += [(label, path.relative_to(docs.parent).as_posix(), line) for label, line in parsed.targets]
    return frozenset(found)


def _all_labels(corpus: Corpus) -> list[tuple[str, str, int]]:
    labels = [(label, a.rel, line) for a in corpus.articles for label, line in a.doc.targets]
    return labels + sorted(_doc_labels(corpus))


def _doc_exists(corpus: Corpus, docname: str) -> bool:
    if docname.startswith("articles/"):
        return corpus.article(docname.removeprefix("articles/")) is not None or (
            corpus.root / "corpus" / f"{docname}.md"
        ).exists()
    return any((_docs_dir(corpus) / f"{docname}{ext}").exists() for ext in (".md", ".rst"))


def _resolve_doc(current: str, target: str) -> str:
    target = target.removesuffix(".md")
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(current), target))


def _urls(corpus: Corpus) -> Iterator[tuple[str, int, int, str, bool]]:
    """(path, line, col, url, has_http_reason) for article links and source record URLs."""
    for loc in all_refs(corpus):
        if loc.ref.kind == "link" and "://" in loc.ref.name:
            yield loc.article.rel, loc.ref.line, loc.ref.col, loc.ref.name, False
    for entry in record_urls(corpus):
        yield entry.path, entry.line, 1, entry.url, bool(entry.record.get("http_reason"))


@rule("LNK101", "a paragraph reference points at no paragraph")
def check_para_refs(corpus: Corpus) -> Iterator[Diagnostic]:
    """``{para}`` targets name an article and a paragraph number it has, or a range ``N-M``
    of its paragraphs, in order.

    Bad:  {para}`2020-04-gray-vladivostok-visit#40`, {para}`2020-04-gray-vladivostok-visit#6-2`
    Good: {para}`2020-04-gray-vladivostok-visit#4`, {para}`2020-04-gray-vladivostok-visit#2-6`
    """
    for loc in roles(corpus, "para"):
        stem, _, number = loc.ref.target.partition("#")
        article = corpus.article(stem) if stem else loc.article
        if article is None:
            yield Diagnostic(loc.article.rel, loc.ref.line, loc.ref.col, "LNK101",
                             f"no article '{stem}' in corpus/articles (paragraph reference '{loc.ref.target}')")
        else:
            span = parse_range(number) if "-" in number or "–" in number else (
                (int(number), int(number)) if number.isdigit() else None)
            problem = range_problem(span, len(article.paragraphs)) if span else "is not N or N-M"
            if problem:
                yield Diagnostic(loc.article.rel, loc.ref.line, loc.ref.col, "LNK101",
                                 f"'{loc.ref.target}': the paragraph {problem} ({article.stem} has "
                                 f"paragraphs 1-{len(article.paragraphs)})")


@rule("LNK102", "a document reference points at no page")
def check_doc_refs(corpus: Corpus) -> Iterator[Diagnostic]:
    """``{doc}`` targets and relative ``.md`` links name a page that exists.

    Bad:  {doc}`/glosary`
    Good: {doc}`/glossary`
    """
    for loc in all_refs(corpus):
        ref = loc.ref
        if ref.kind == "role" and ref.name == "doc":
            target = ref.target
        elif ref.kind == "link" and ref.name.endswith(".md") and "://" not in ref.name:
            target = ref.name
        else:
            continue
        docname = _resolve_doc(loc.article.docname, target)
        if not _doc_exists(corpus, docname):
            yield Diagnostic(loc.article.rel, ref.line, ref.col, "LNK102", f"no page '{docname}' for '{target}'")


@rule("LNK103", "a label reference points at no label")
def check_label_refs(corpus: Corpus) -> Iterator[Diagnostic]:
    """``{ref}`` targets are labels defined with ``(label)=`` somewhere in the reader.

    Bad:  {ref}`timeline-2019` with no ``(timeline-2019)=``
    Good: the label defined once, above its heading
    """
    known = {label for label, _, _ in _all_labels(corpus)}
    for loc in roles(corpus, "ref"):
        if loc.ref.target not in known:
            yield Diagnostic(loc.article.rel, loc.ref.line, loc.ref.col, "LNK103", f"no label '{loc.ref.target}'")


@rule("LNK104", "a label is defined twice")
def check_duplicate_labels(corpus: Corpus) -> Iterator[Diagnostic]:
    """Labels are global to the reader: each is defined once.

    Bad:  ``(summit)=`` in two articles
    Good: ``(summit-2019)=`` and ``(summit-2023)=``
    """
    first: dict[str, tuple[str, int]] = {}
    for label, path, line in _all_labels(corpus):
        if label in first:
            where = first[label]
            yield Diagnostic(path, line, 1, "LNK104", f"label '{label}' is already defined at {where[0]}:{where[1]}")
        else:
            first[label] = (path, line)


@rule("LNK105", "an external URL is malformed")
def check_url_form(corpus: Corpus) -> Iterator[Diagnostic]:
    """URLs have a scheme, a host and no spaces.

    Bad:  url: thediplomat.com/2020/04/...
    Good: url: https://thediplomat.com/2020/04/...
    """
    for path, line, col, url, _ in _urls(corpus):
        parts = split_url(corpus, url)
        if parts.scheme not in {"http", "https"} or not parts.netloc or _SPACE.search(url):
            yield Diagnostic(path, line, col, "LNK105", f"malformed URL '{url}': give a full http(s) address")


@rule("LNK106", "an external URL uses http without a recorded reason")
def check_https(corpus: Corpus) -> Iterator[Diagnostic]:
    """URLs use https; a site that has no https is recorded with ``http_reason``.

    Bad:  url: http://example.org/page
    Good: url: https://example.org/page
    """
    for path, line, col, url, has_reason in _urls(corpus):
        if split_url(corpus, url).scheme == "http" and not has_reason:
            yield Diagnostic(path, line, col, "LNK106",
                             f"'{url}' is not https; use https or record why in 'http_reason'")


@rule("LNK107", "an external URL carries tracking parameters")
def check_tracking(corpus: Corpus) -> Iterator[Diagnostic]:
    """Tracking parameters (utm_*, fbclid, gclid …) are removed from URLs.

    Bad:  https://example.org/a?utm_source=twitter
    Good: https://example.org/a
    """
    for path, line, col, url, _ in _urls(corpus):
        query = split_url(corpus, url).query
        if not query:
            continue
        names = [name for name, _ in parse_qsl(query, keep_blank_values=True)]
        tracking = [n for n in names if n.lower().startswith(TRACKING)]
        if tracking:
            yield Diagnostic(path, line, col, "LNK107", f"remove tracking parameters {', '.join(tracking)} from '{url}'")


@rule("LNK108", "an article's source key is not in the bibliography")
def check_article_source(corpus: Corpus) -> Iterator[Diagnostic]:
    """The front matter's ``source`` names a record of ``corpus/sources.yml``.

    Bad:  source: gray-2020
    Good: source: gray-2020-diplomat
    """
    if not corpus.loaded(corpus.sources_path):
        return
    for article in corpus.articles:
        key = article.meta.get("source")
        if key is not None and key not in corpus.sources:
            yield Diagnostic(article.rel, article.meta_line("source"), 1, "LNK108",
                             f"source '{key}' is not a key of corpus/sources.yml")


@rule("LNK109", "an unknown role")
def check_unknown_roles(corpus: Corpus) -> Iterator[Diagnostic]:
    """Roles are the reader's: term, cite, para, ref, doc (and abbr, sub, sup).

    Bad:  {trem}`Kim Jong Un`
    Good: {term}`Kim Jong Un`
    """
    from difflib import get_close_matches

    for loc in all_refs(corpus):
        if loc.ref.kind == "role" and loc.ref.name not in KNOWN_ROLES | UNSAFE_ROLES:
            close = get_close_matches(loc.ref.name, sorted(KNOWN_ROLES), n=1)
            hint = f"; did you mean {{{close[0]}}}?" if close else ""
            yield Diagnostic(loc.article.rel, loc.ref.line, loc.ref.col, "LNK109",
                             f"unknown role {{{loc.ref.name}}}{hint}")


@rule("LNK190", "an external URL is broken (online mode only)")
def check_online_results(corpus: Corpus) -> Iterator[Diagnostic]:
    """With ``--online``, Sphinx's linkcheck builder asks every URL; broken ones are reported
    where they are written. Without ``--online`` nothing touches the network.

    Bad:  url: https://example.org/page-that-was-removed
    Good: the URL of the live page, or an ``archive_url``
    """
    yield from (d for d in corpus.findings if d.code == "LNK190")
