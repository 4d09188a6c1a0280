"""The teaching apparatus on each article page: a "Before you read" box under the header
(context, reading time, objectives, key terms) and, at the end, the discussion questions and
how to cite the article."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from ..corpus import Article, Corpus
from . import howtocite
from .access import article_of, article_record, corpus_of
from .corpusview import article_terms, glossary_keys, headword, reading_minutes
from .doctree import apparatus_section, as_list, bullets, joined, labelled, para, term_xref


def _runs(runs: howtocite.Runs) -> nodes.paragraph:
    para = nodes.paragraph(classes=["glossator-citation"])
    for style, text in runs:
        if style == "em":
            para += nodes.emphasis(text, text)
        elif style == "url":
            para += nodes.reference(text, text, refuri=text)
        else:
            para += nodes.Text(text)
    return para


def _minutes_text(minutes: int) -> str:
    return f"about {minutes} minute{'s' * (minutes != 1)}"


def before_you_read(corpus: Corpus, article: Article, fromdoc: str) -> nodes.admonition:
    """The box under the header: context, reading time, objectives, key terms."""
    box = nodes.admonition(classes=["glossator-before-you-read", "glossator-apparatus"])
    box += nodes.title("Before you read", "Before you read")
    context = article.meta.get("before_you_read")
    if isinstance(context, str) and context.strip():
        box += para(" ".join(context.split()))
    box += labelled("Reading time:", _minutes_text(reading_minutes(article, corpus.vocabulary.words_per_minute)))
    objectives = [str(o) for o in as_list(article.meta.get("objectives"))]
    if objectives:
        box += labelled("After reading, you should be able to:")
        box += bullets(para(o) for o in objectives)
    keys = sorted(glossary_keys(corpus, article_terms(article)), key=lambda k: headword(corpus, k).casefold())
    if keys:
        box += labelled("Key terms:", *joined(term_xref(headword(corpus, k), fromdoc) for k in keys))
    return box


def questions_section(article: Article) -> nodes.section | None:
    questions = [str(q) for q in as_list(article.meta.get("questions"))]
    if not questions:
        return None
    return apparatus_section("glossator-questions", "Questions for discussion", bullets((para(q) for q in questions), True))


def how_to_cite_section(corpus: Corpus, article: Article) -> nodes.section | None:
    """Chicago and APA forms of the article, and of one of its paragraphs, from its record."""
    record = article_record(corpus, article)
    if not record:
        return None
    body: list[nodes.Node] = [
        labelled("Chicago (bibliography):"), _runs(howtocite.chicago_bibliography(record)),
        labelled("APA (reference list):"), _runs(howtocite.apa_reference(record)),
    ]
    if article.paragraphs:
        number = 1
        body += [
            para(f"To cite one paragraph, give its number in this edition (the original is not numbered); "
                  f"for ¶{number}:"),
            labelled("Chicago (note):"), _runs(howtocite.chicago_note(record, number)),
            labelled("APA (in the text):", howtocite.apa_in_text(record, number)),
        ]
    notes = howtocite.caveats(record)
    if notes:
        body.append(para(" ".join(notes), classes=["glossator-unverified"]))
    return apparatus_section("glossator-how-to-cite", "How to cite this article", *body)


class ArticleApparatus(SphinxTransform):
    """Add the teaching apparatus to an article page, after the header and at the end."""

    default_priority = 530  # after the header (500), the ¶ numbers (510) and the term index (520)

    def apply(self, **kwargs: Any) -> None:
        article = article_of(self.app, self.env.docname)
        section = next(iter(self.document.findall(nodes.section)), None)
        if article is None or section is None:
            return
        corpus = corpus_of(self.app)
        for path in (corpus.sources_path, corpus.glossary_path):
            self.env.note_dependency(str(path))
        header = [i for i, child in enumerate(section.children)
                  if "glossator-article-header" in child.get("classes", [])]
        section.insert(header[0] + 1 if header else 1, before_you_read(corpus, article, self.env.docname))
        for extra in (questions_section(article), how_to_cite_section(corpus, article)):
            if extra is not None:
                section += extra


def setup_apparatus(app: Sphinx) -> None:
    app.add_transform(ArticleApparatus)
