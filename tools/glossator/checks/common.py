"""Helpers shared by several check families: walking every inline reference of the corpus."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from ..corpus import Article, Corpus
from ..markdown import Footnote, InlineRef


@dataclass
class Located:
    """An inline reference with the article it stands in and, if in a note, the note."""

    article: Article
    ref: InlineRef
    note: Footnote | None


def all_refs(corpus: Corpus) -> Iterator[Located]:
    for article in corpus.articles:
        for block in article.doc.blocks:
            for ref in block.refs:
                yield Located(article, ref, None)
        for note in article.doc.footnotes:
            for ref in note.refs:
                yield Located(article, ref, note)


def roles(corpus: Corpus, *names: str) -> Iterator[Located]:
    return (loc for loc in all_refs(corpus) if loc.ref.kind == "role" and loc.ref.name in names)


def glossary_names(corpus: Corpus) -> dict[str, set[str]]:
    """Every term and alias, lower-cased, with the entry keys it names (built once per corpus:
    the Sphinx transforms ask for it on every page)."""
    return corpus.memo.get("glossary_names", lambda: _glossary_names(corpus))


def _glossary_names(corpus: Corpus) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for key, entry in corpus.glossary.items():
        if not isinstance(entry, dict):
            continue
        aliases = entry.get("aliases") if isinstance(entry.get("aliases"), list) else []
        for name in [entry.get("term"), *aliases]:
            if name:
                names.setdefault(str(name).strip().lower(), set()).add(str(key))
    return names


@dataclass
class RecordURL:
    """A URL field of a bibliography record, with where it is written."""

    path: str
    line: int
    key: str
    field: str
    url: str
    record: dict


def record_urls(corpus: Corpus) -> Iterator[RecordURL]:
    """Every ``url``, ``archive_url`` and ``via`` URL of ``corpus/sources.yml``."""
    path = corpus.rel(corpus.sources_path)
    for key, record in corpus.sources.items():
        if not isinstance(record, dict):
            continue
        for name in ("url", "archive_url"):
            value = record.get(name)
            if isinstance(value, str):
                yield RecordURL(path, record.line_of(name), str(key), name, value, record)
        via = record.get("via")
        if isinstance(via, dict) and isinstance(via.get("url"), str):
            yield RecordURL(path, via.line_of("url"), str(key), "via.url", via["url"], record)


def split_url(corpus: Corpus, url: str) -> SplitResult:
    """``urlsplit(url)``, computed once per URL and corpus: the URL rules (LNK105–LNK107,
    SEC503, CIT211) each read the parts of every record URL."""
    cache = corpus.memo.table("url_parts")
    parts = cache.get(url)
    if parts is None:
        try:
            parts = urlsplit(url)
        except ValueError:  # e.g. an unclosed IPv6 bracket; LNK105 reports it as malformed
            parts = SplitResult("", "", "", "", "")
        cache[url] = parts
    return parts
