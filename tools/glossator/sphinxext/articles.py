"""Articles: the structural directives that hold seed text, the article header, and the cards.

The directives ``dek``, ``caption``, ``byline`` and ``bio`` wrap seed lines that are not body
text, so that the reader shows them for what they are. The header (byline, outlet, date, link
to the original) is generated from ``corpus/sources.yml``: it is apparatus, not seed text.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from ..corpus import Corpus
from ..seedroles import DROPPED_ROLE, EXTENSION_DIRECTIVES
from ..vocabulary import DEFAULT as DEFAULT_VOCABULARY
from ..vocabulary import Vocabulary
from .access import article_of, article_record, corpus_of
from .records import creator, display_title, human_date
from .safe import TextSlots
from .summaries import summary, use_summary

# What a reader sees above a caption whose image the edition does not carry.
_CAPTION_LABEL = "Image caption (the image is not reproduced in this edition)"


class SeedBlockDirective(SphinxDirective):
    """A block of seed text with a role other than body: dek, caption, byline or bio."""

    has_content = True
    role = ""

    def run(self) -> list[nodes.Node]:
        container = nodes.container(classes=["glossator-seedblock", f"glossator-{self.role}"])
        self.set_source_info(container)
        if self.role == "caption":
            container += nodes.paragraph("", _CAPTION_LABEL, classes=["glossator-caption-label", "glossator-apparatus"])
        self.state.nested_parse(self.content, self.content_offset, container)
        return [container]


def _seed_directive(role: str) -> type[SeedBlockDirective]:
    return type(f"{role.title()}Directive", (SeedBlockDirective,), {"role": role})


def apparatus_summary(article, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> str:
    """What the editors added to this article, counted from its source: the note kinds marked
    ``counted`` in the vocabulary by kind, the rest as notes only."""
    terms = {ref.target.lower() for block in article.doc.blocks for ref in block.refs
             if ref.kind == "role" and ref.name == "term"}
    kinds: dict[str, int] = {}
    for note in article.doc.footnotes:
        kind = vocabulary.note_kind(note.raw)
        if kind.counted:
            kinds[kind.name] = kinds.get(kind.name, 0) + 1
    detail = ", ".join(f"{n} {name}{'s' * (n != 1)}" for name, n in kinds.items())
    notes = len(article.doc.footnotes)
    text = (f"In this edition: {len(article.paragraphs)} numbered paragraphs, "
            f"{len(terms)} glossary terms, {notes} note{'s' * (notes != 1)}")
    return text + (f" ({detail})." if detail else ".")


class ArticleHeader(SphinxTransform):
    """Insert the byline, outlet, date and link to the original under an article's title."""

    default_priority = 500

    def apply(self, **kwargs) -> None:
        article = article_of(self.app, self.env.docname)
        if article is None:
            return
        corpus = corpus_of(self.app)
        if corpus.vocabulary_path.is_file():  # its note kinds and reading speed shape the page
            self.env.note_dependency(str(corpus.vocabulary_path))
        record = article_record(corpus, article) or None
        section = next(iter(self.document.findall(nodes.section)), None)
        if record is None or section is None or not section.children:
            return
        header = nodes.container(classes=["glossator-article-header", "glossator-apparatus"])
        header += nodes.paragraph("", creator(record), classes=["glossator-byline-authors"])
        where = nodes.paragraph(classes=["glossator-byline-outlet"])
        where += nodes.emphasis("", str(record.get("outlet", "")))
        where += nodes.Text(f", {human_date(record.get('date'))}")
        header += where
        link = nodes.paragraph(classes=["glossator-byline-link"])
        url = record.get("url")
        if url:
            link += nodes.Text("Original: ")
            link += nodes.reference("", str(url), refuri=str(url))
        elif isinstance(record.get("via"), dict) and record["via"].get("url"):
            via = record["via"]
            link += nodes.Text(f"Original: not seen. The copy read: {via.get('outlet') or 'a copy'}, ")
            link += nodes.reference("", str(via["url"]), refuri=str(via["url"]))
        else:
            link += nodes.Text("Original: the published page could not be located; see the bibliography.")
        header += link
        header += nodes.paragraph("", apparatus_summary(article, corpus_of(self.app).vocabulary), classes=["glossator-apparatus"])
        if record.get("title_supplied") and not any(c.role == "title" for c in article.classes):
            # The seed has no title and the published one was not seen: the heading is the editors'.
            title = section.next_node(nodes.title)
            if title is not None:
                title["classes"] += ["glossator-apparatus", "glossator-supplied-title"]
            header += nodes.paragraph(
                "", "The title in [brackets] is the editors’: the published title was not seen.",
                classes=["glossator-apparatus", "glossator-supplied-title-note"])
        section.insert(1, header)


@summary("cards")
def card_summaries(corpus: Corpus) -> list[dict[str, str]]:
    """What each article's card shows: title, outlet, date, authors, the front matter's summary."""
    cards = []
    for article in corpus.articles:
        record = article_record(corpus, article)
        cards.append({
            "docname": article.docname,
            "title": display_title(record) if record.get("title") else article.stem,
            "outlet": str(record.get("outlet", "")),
            "date": human_date(record.get("date")),
            "creator": creator(record),
            "summary": str(article.meta.get("summary") or ""),
        })
    return cards


class ArticleCards(SphinxDirective):
    """Cards for every article: title, outlet, date and the summary from its front matter."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        text = TextSlots()  # every string from the corpus goes in as text, never as MyST
        cards = use_summary(self.env, "cards")
        if not cards:  # a new reader: sphinx-design refuses a grid without cards
            return [nodes.paragraph("", "This reader has no articles yet.", classes=["glossator-no-articles"])]
        lines = ["::::{grid} 1 1 2 2", ":gutter: 3", ""]
        for card in cards:
            lines += [
                f":::{{grid-item-card}} {text(card['title'])}",
                f":link: /{card['docname']}",
                ":link-type: doc",
                "",
                f"**{text(card['outlet'])}**, {text(card['date'])}  ",
                text(card["creator"]),
                "",
                text(card["summary"]) if card["summary"].strip() else "",
                ":::",
                "",
            ]
        lines.append("::::")
        container = nodes.container(classes=["glossator-cards"])
        return [text.parse(self, lines, "article-cards", container)]


class ArticleToctree(SphinxDirective):
    """The articles' toctree, listed from the corpus: as ``articles/*`` would, in the same
    order, but without Sphinx's warning for a glob that matches nothing while a new reader has
    no article, and re-read when an article comes or goes (the page depends on the cards)."""

    option_spec = {"caption": directives.unchanged, "maxdepth": directives.nonnegative_int}

    def run(self) -> list[nodes.Node]:
        docs = [card["docname"] for card in use_summary(self.env, "cards") if card["docname"] in self.env.found_docs]
        if not docs:
            return []
        caption = " ".join(str(self.options.get("caption", "")).split())
        lines = ["```{toctree}", f":maxdepth: {self.options.get('maxdepth', 1)}",
                 *([f":caption: {caption}"] if caption else []), "", *(f"/{doc}" for doc in docs), "```"]
        holder = nodes.container()
        self.state.nested_parse(StringList(lines, source="article-toctree"), self.content_offset, holder)
        return list(holder.children)


@summary("seed-accounts")
def seed_accounts(corpus: Corpus) -> list[dict]:
    """For each article, its seed lines kept (counted by role) and dropped (number, text, reason)."""
    accounts = []
    for article in corpus.articles:
        kept: dict[str, int] = {}
        dropped: list[tuple[int, str, str]] = []
        for entry in article.classes:
            for number in entry.numbers(len(article.seed_lines)):
                text = article.seed_lines[number - 1]
                if not text.strip():
                    continue
                if entry.role == DROPPED_ROLE:
                    dropped.append((number, text.strip(), str(entry.reason)))
                else:
                    kept[entry.role] = kept.get(entry.role, 0) + 1
        accounts.append({"docname": article.docname, "seed": str(article.meta.get("seed", "")),
                         "outlet": str(article_record(corpus, article).get("outlet", "")),
                         "kept": kept, "dropped": dropped})
    return accounts


class SeedAccounts(SphinxDirective):
    """For each article, how every seed line was used: kept roles counted, dropped lines listed."""

    def run(self) -> list[nodes.Node]:
        text = TextSlots()  # seed lines, reasons and outlets are text, never MyST
        lines: list[str] = []
        for account in use_summary(self.env, "seed-accounts"):
            counts = ", ".join(f"{n} {text(role)}" for role, n in account["kept"].items())
            lines += [f"**{{doc}}`/{account['docname']}`** (`{text('seeds/' + account['seed'])}`, "
                      f"{text(account['outlet'])}): kept {counts}.", ""]
            if account["dropped"]:
                lines += ["| Seed line | Text | Dropped because |", "|---|---|---|"]
                for number, line, reason in account["dropped"]:
                    lines.append(f"| {number} | {text(line)} | {text(reason)} |")
                lines.append("")
            else:
                lines += ["No seed line was dropped.", ""]
        container = nodes.container(classes=["glossator-seed-accounts"])
        return [text.parse(self, lines, "seed-accounts", container)]


def setup_articles(app: Sphinx) -> None:
    for role in EXTENSION_DIRECTIVES:
        app.add_directive(role, _seed_directive(role))
    app.add_directive("article-cards", ArticleCards)
    app.add_directive("article-toctree", ArticleToctree)
    app.add_directive("seed-accounts", SeedAccounts)
    app.add_transform(ArticleHeader)
