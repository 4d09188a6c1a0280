"""The teaching apparatus on each article page: a "Before you read" box under the header
(context, reading time, objectives, key terms) and, at the end, the discussion questions and
how to cite the article."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from ..corpus import Article, Corpus
from .access import article_of, article_record, corpus_of
from .citations import LOCAL_NOTE, article_page, citation_para, citations_of, cite_data_node, export_links
from .corpusview import article_terms, glossary_keys, headword, reading_minutes
from .doctree import apparatus_section, as_list, bullets, joined, labelled, para, term_xref


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


def caveats(record: dict) -> list[str]:
    """What a reader citing this record should know is missing from it."""
    notes = []
    if not record.get("url"):
        notes.append("No URL is given: the editors could not locate the published page.")
    if not record.get("date"):
        notes.append("“n.d.”: the date of publication is not known.")
    elif len(str(record["date"])) < 10:
        notes.append("The date is as precise as the editors could verify it.")
    if record.get("unverified"):
        notes.append(f"Editors’ note on this record: {record['unverified']}")
    return notes


def how_to_cite_section(app: Sphinx, corpus: Corpus, article: Article) -> nodes.section | None:
    """The article in every configured style (its reference or note, its in-text citation) and
    ¶1 as reprinted in this edition; the page's script offers a menu of the styles."""
    record = article_record(corpus, article)
    key = article.meta.get("source")
    if not record:
        return None
    citations = citations_of(app)
    forms = citations.article_forms(key, article_page(article), 1 if article.paragraphs else None)
    body: list[nodes.Node] = [para("Each style below is the form its manual prescribes; in the web reader a menu "
                                   "shows one at a time and remembers your choice.")]
    for name in citations.styles.names:
        form = forms[name]
        box = nodes.container(classes=["glossator-cite-style", f"glossator-cite-style-{name}"])
        box += nodes.rubric(form["label"], form["label"])
        if form["note"]:
            box += labelled("Note:")
            box += citation_para(form["cite_html"])
            if form["reference_html"]:
                box += labelled("Bibliography:")
                box += citation_para(form["reference_html"])
        else:
            box += labelled("Reference list:")
            box += citation_para(form["reference_html"])
            box += labelled("In the text:", *citation_para(form["cite_html"]).children)
        if article.paragraphs:
            box += labelled("¶1 of this edition (the original is not numbered):")
            if form["note"]:
                box += citation_para(form["paragraph_cite_html"])
            else:
                box += citation_para(form["paragraph_reference_html"])
                box += labelled("In the text:", *citation_para(form["paragraph_cite_html"]).children)
        body.append(box)
    if not citations.edition.base_url:
        body.append(para(LOCAL_NOTE, classes=["glossator-cite-local"]))
    notes = caveats(record)
    if notes:
        body.append(para(" ".join(notes), classes=["glossator-unverified"]))
    body.append(export_links(article.stem, "This article’s references"))
    body.append(cite_data_node(citations, citations.article_forms(key, article_page(article))))
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
        for extra in (questions_section(article), how_to_cite_section(self.app, corpus, article)):
            if extra is not None:
                section += extra


def setup_apparatus(app: Sphinx) -> None:
    app.add_transform(ArticleApparatus)
