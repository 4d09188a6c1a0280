"""What the teaching pages show of the corpus's articles and glossary: labels and titles,
reading time, the terms an article marks."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from sphinx.environment import BuildEnvironment

from ..corpus import Article, Corpus
from ..vocabulary import WORDS_PER_MINUTE
from .access import article_record
from .records import display_title
from .summaries import summary, use_summary


def article_label(corpus: Corpus, article: Article) -> str:
    """The article's label in the build's citation style ("Gray 2020"); its stem outside a build."""
    return corpus.cite_labels.get(str(article.meta.get("source"))) or article.stem


def article_title(corpus: Corpus, article: Article) -> str:
    record = article_record(corpus, article)
    return display_title(record) if record.get("title") else article.stem


@summary("articles")
def article_summaries(corpus: Corpus) -> list[dict[str, Any]]:
    """What the teaching pages show of each article: its page, label and title, and how many
    paragraphs it has (their ``{para}`` links are checked and labelled when the page is written)."""
    return [{"stem": a.stem, "docname": a.docname, "label": article_label(corpus, a), "title": article_title(corpus, a),
             "paragraphs": len(a.paragraphs)} for a in corpus.articles]


def use_articles(env: BuildEnvironment) -> dict[str, dict[str, Any]]:
    """The article summaries by stem, in corpus order; the current page now depends on them."""
    return {a["stem"]: a for a in use_summary(env, "articles")}


def reading_minutes(article: Article, words_per_minute: int = WORDS_PER_MINUTE) -> int:
    """Words of the numbered paragraphs at the vocabulary's reading speed (230 words a minute
    by default), rounded up (at least 1)."""
    words = sum(len(block.text.split()) for block in article.paragraphs)
    return max(1, math.ceil(words / words_per_minute))


def glossary_keys(corpus: Corpus, names: Iterable[str]) -> list[str]:
    """The glossary entries that ``{term}`` targets name, once each, in glossary order."""
    from ..checks.common import glossary_names

    index = glossary_names(corpus)
    wanted = {key for name in names for key in index.get(name.strip().lower(), ())}
    return [str(k) for k in corpus.glossary if str(k) in wanted and isinstance(corpus.glossary[k], dict)]


def article_terms(article: Article) -> list[str]:
    """Every ``{term}`` target of an article, its text and its notes."""
    refs = [ref for block in article.doc.blocks for ref in block.refs]
    refs += [ref for note in article.doc.footnotes for ref in note.refs]
    return [ref.target for ref in refs if ref.kind == "role" and ref.name == "term"]


def headword(corpus: Corpus, key: str) -> str:
    return str(corpus.glossary[key].get("term") or key)

