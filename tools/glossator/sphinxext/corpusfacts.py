"""Facts about the corpus that pages and titles state without hard-coding them: how many
articles there are, and the years they span.

On a page: ``{corpus}`articles``` ("five"), ``{corpus}`Articles``` ("Five"),
``{corpus}`article-count``` ("5") and ``{corpus}`years``` ("2019–2023"). In ``conf.py``,
``project``, ``html_title``, ``epub_title`` and the titles of ``latex_documents`` may hold
``{years}``, ``{articles}`` or ``{article_count}``, filled in when the configuration loads.
The role is refused in an article: an article's words are its seed's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from ..corpus import Corpus
from .access import ARTICLE_PREFIX, corpus_of
from .summaries import summary, use_summary

logger = logging.getLogger(__name__)

_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_TITLE_SETTINGS = ("project", "html_title", "epub_title")


def count_words(count: int) -> str:
    """'five' for 5; digits from 13 on, as house style has it."""
    return _WORDS[count] if 0 <= count < len(_WORDS) else str(count)


def year_span(years: Sequence[int]) -> str:
    """'2019–2023'; one year alone; '' when no article is dated."""
    if not years:
        return ""
    first, last = min(years), max(years)
    return str(first) if first == last else f"{first}–{last}"


@summary("facts")
def corpus_facts(corpus: Corpus) -> dict[str, str]:
    """Each fact by name, as the role and the title settings show it."""
    years = []
    for article in corpus.articles:
        record = corpus.record_of(article)
        date = str(record.get("date") or "") if record is not None else ""
        if date[:4].isdigit():
            years.append(int(date[:4]))
    count = len(corpus.articles)
    words = count_words(count)
    return {"articles": words, "Articles": words[:1].upper() + words[1:], "article-count": str(count),
            "years": year_span(years)}


class CorpusFactRole(SphinxRole):
    """``{corpus}`name```: the fact's text, kept current by the page's dependency on it."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        name = self.text.strip()
        if self.env.docname.startswith(ARTICLE_PREFIX):
            logger.warning("the {corpus} role cannot be used in an article: its words are the seed's",
                           location=self.get_location(), type="glossator", subtype="facts")
            return [nodes.Text(self.text)], []
        facts = use_summary(self.env, "facts")
        if name not in facts:
            logger.warning(f"no corpus fact '{name}'; the facts are: {', '.join(facts)}",
                           location=self.get_location(), type="glossator", subtype="facts")
            return [nodes.Text(self.text)], []
        return [nodes.Text(facts[name])], []


def fill_titles(app: Sphinx, config: Config) -> None:
    """Put the corpus facts into the title settings that ask for them."""
    wanted = [getattr(config, name, None) for name in _TITLE_SETTINGS]
    wanted += [entry[2] for entry in config.latex_documents]
    if not any(isinstance(value, str) and "{" in value for value in wanted):
        return  # the corpus is not loaded early for a project that does not ask
    facts = corpus_facts(corpus_of(app))
    values = {"years": facts["years"], "articles": facts["articles"], "article_count": facts["article-count"]}

    def fill(text: Any) -> Any:
        if not isinstance(text, str) or "{" not in text:
            return text
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError) as error:
            logger.warning(f"conf.py: cannot fill '{text}' ({error!r}); the placeholders are "
                           f"{', '.join('{' + k + '}' for k in values)}", type="glossator", subtype="facts")
            return text

    for name in _TITLE_SETTINGS:
        setattr(config, name, fill(getattr(config, name, None)))
    config.latex_documents = [(e[0], e[1], fill(e[2]), *e[3:]) for e in config.latex_documents]


def setup_corpusfacts(app: Sphinx) -> None:
    app.add_role("corpus", CorpusFactRole())
    # After conf.py's values are read, before Sphinx and the builders derive anything from them.
    app.connect("config-inited", fill_titles, priority=400)
