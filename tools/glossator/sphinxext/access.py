"""The build's corpus, for every feature: loaded once per build from ``glossator_root``, with
the article of a page and an article's bibliography record."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ..corpus import Article, Corpus, load_corpus

logger = logging.getLogger(__name__)

ARTICLE_PREFIX = "articles/"


def corpus_of(app: Sphinx) -> Corpus:
    """The corpus, loaded once per build from ``glossator_root``; its findings are warnings.

    This attribute is the only thing the extension keeps on the Sphinx application: every value
    derived from the corpus lives in ``corpus.memo`` (memo.py) and so lives exactly as long as
    this build's corpus. Build state that outlives a build is in the Glossator domain (domain.py).
    """
    corpus = getattr(app, "_glossator_corpus", None)
    if corpus is None:
        root = Path(app.confdir, app.config.glossator_root).resolve()
        corpus = load_corpus(root)
        for finding in corpus.findings:
            logger.warning(finding.text(), type="glossator", subtype="data")
        app._glossator_corpus = corpus  # type: ignore[attr-defined]
    return corpus


def article_of(app: Sphinx, docname: str) -> Article | None:
    """The article a page renders; None for every other page."""
    if not docname.startswith(ARTICLE_PREFIX):
        return None
    return corpus_of(app).article(docname[len(ARTICLE_PREFIX):])


def article_record(corpus: Corpus, article: Article) -> dict:
    """The article's bibliography record; empty when it has none (:meth:`Corpus.record_of`)."""
    return corpus.record_of(article) or {}
