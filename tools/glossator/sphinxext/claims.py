"""The ``claims-matrix`` and ``claim`` directives: claims × articles, each article's stance
with its words, and what independent sources say."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..ranges import parse_range, range_text
from .access import corpus_of
from .anchors import register_anchor
from .corpusview import use_articles
from .doctree import anchor_id, as_list, cite_xref, doc_xref, items, joined, labelled, page_xref, para, para_xref
from .pages import hidden_toctree

logger = logging.getLogger(__name__)

STANCE_WORDS = {"supports": "Supports", "contradicts": "Contradicts", "qualifies": "Qualifies", "omits": "Omits"}


STANCE_MEANINGS = {
    "supports": "the article's words back the thesis",
    "contradicts": "they go against it",
    "qualifies": "they agree in part, with limits or conditions",
    "omits": "the article does not address it",
}


def stance_word(position: Any) -> str:
    """Supports, Contradicts, Qualifies, Omits, or — when no position is recorded."""
    stance = position.get("stance") if isinstance(position, dict) else None
    return STANCE_WORDS.get(str(stance), str(stance)) if stance else "—"


def claims_table(widths: list[int], header: list[list[nodes.Node]], rows: list[list[list[nodes.Node]]]) -> nodes.table:
    # 'colwidths-given': LaTeX sets the columns at these widths instead of guessing (tabulary).
    table = nodes.table(classes=["glossator-claims-matrix", "colwidths-given"])
    group = nodes.tgroup(cols=len(widths))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)

    def row(cells: list[list[nodes.Node]]) -> nodes.row:
        result = nodes.row()
        for cell in cells:
            result += nodes.entry("", para(*cell))
        return result

    group += nodes.thead("", row(header))
    body = nodes.tbody()
    for cells in rows:
        body += row(cells)
    group += body
    return table


class ClaimsMatrixDirective(SphinxDirective):
    """A table of claims × articles; each cell is the article's stance, linked to the claim page."""

    def run(self) -> list[nodes.Node]:
        corpus = corpus_of(self.env.app)
        self.env.note_dependency(str(corpus.claims_path))
        register_anchor(self.env, "claims")
        articles = list(use_articles(self.env).values())
        claims = items(corpus.claims)
        if not claims:
            return [para("No claims have been compared yet.")]
        docname = self.env.docname
        header = [[nodes.Text("Claim")]] + [[doc_xref(a["docname"], a["label"], docname)] for a in articles]
        rows = []
        for key, claim in claims:
            positions = claim.get("positions") if isinstance(claim.get("positions"), dict) else {}
            cells = [[page_xref(f"claim:{key}", str(claim.get("title") or key), docname)]]
            for article in articles:
                stance = stance_word(positions.get(article["stem"]))
                cells.append([page_xref(f"claim:{key}/{article['stem']}", stance, docname)])
            rows.append(cells)
        # Relative widths: 25 for the claim, 75 shared by the articles (at least 1 each, or
        # docutils rejects the table once there are more than 75 articles).
        widths = [25 * max(1, len(articles) // 75)] + [max(1, 75 // max(1, len(articles)))] * len(articles)
        legend = para("Stances are relative to each claim's thesis, stated on its page: "
                       + "; ".join(f"{STANCE_WORDS[s].lower()}, {m}" for s, m in STANCE_MEANINGS.items()) + ".")
        folder = self.env.app.config.glossator_claim_pages
        return [legend, claims_table(widths, header, rows), *hidden_toctree(self, folder, (k for k, _ in claims))]


class ClaimDirective(SphinxDirective):
    """One claim: its question and thesis, each article's stance with its words, and what
    independent sources say."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        corpus = corpus_of(self.env.app)
        self.env.note_dependency(str(corpus.claims_path))
        key = self.arguments[0]
        claim = corpus.claims.get(key)
        if not isinstance(claim, dict):
            logger.warning(f"no claim '{key}' in corpus/claims.yml", location=self.get_location(),
                           type="glossator", subtype="teaching")
            return []
        ident = anchor_id("claim", key)
        register_anchor(self.env, f"claim:{key}", ident)
        container = nodes.container(ids=[ident], classes=["glossator-claim"])
        if claim.get("question"):
            container += labelled("Question:", str(claim["question"]))
        container += labelled("Thesis:", str(claim.get("thesis") or ""))
        container += nodes.rubric("What each article says", "What each article says")
        container += self._positions(use_articles(self.env), key, claim)
        container += nodes.rubric("What independent sources say", "What independent sources say")
        container += self._independent(claim)
        return [container]

    def _positions(self, articles: dict[str, dict], key: str, claim: dict) -> nodes.definition_list:
        positions = claim.get("positions") if isinstance(claim.get("positions"), dict) else {}
        listing = nodes.definition_list(classes=["glossator-positions"])
        for stem, article in articles.items():
            position = positions.get(stem)
            ident = anchor_id("claim", key, stem)
            register_anchor(self.env, f"claim:{key}/{stem}", ident)
            term = nodes.term(ids=[ident])
            term += doc_xref(article["docname"], article["label"], self.env.docname)
            term += nodes.Text(f": {stance_word(position)}")
            listing += nodes.definition_list_item("", term, self._position(stem, position))
        return listing

    def _position(self, stem: str, position: Any) -> nodes.definition:
        definition = nodes.definition()
        if not isinstance(position, dict):
            definition += para("The editors have not recorded this article's position.")
            return definition
        number = position.get("paragraph")
        if position.get("quote"):
            definition += nodes.block_quote("", para(f"“{position['quote']}”"))
        summary = [str(position["summary"])] if position.get("summary") else []
        span = parse_range(number) if isinstance(number, (int, str)) and not isinstance(number, bool) else None
        if span:
            summary += [" (", para_xref(stem, number, self.env.docname, range_text(*span)), ")"]
        if summary:
            definition += para(*summary)
        return definition

    def _independent(self, claim: dict) -> list[nodes.Node]:
        independent = claim.get("independent") if isinstance(claim.get("independent"), dict) else {}
        result: list[nodes.Node] = []
        if independent.get("summary"):
            result.append(para(str(independent["summary"])))
        sources = [cite_xref(str(s), self.env.docname) for s in as_list(independent.get("sources"))]
        if sources:
            result.append(labelled("Sources:", *joined(sources, "; ")))
        return result or [para("The editors have not yet summarised independent sources on this claim.")]


def setup_claims(app: Sphinx) -> None:
    app.add_directive("claims-matrix", ClaimsMatrixDirective)
    app.add_directive("claim", ClaimDirective)
