"""Paragraph numbers: ¶1…¶N on an article's body paragraphs, with anchors and a ``para`` role.

The numbers come from the corpus model (the same one ``glossator check`` uses), matched to
the doctree by source line, so HTML, PDF and EPUB carry identical numbers.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from ..ranges import parse_range, range_anchor, range_problem, range_text
from .access import article_of, corpus_of
from .htmlbuild import HTML_BUILDERS, ship_static
from .xrefs import register_resolver

logger = logging.getLogger(__name__)


class para_number(nodes.Inline, nodes.TextElement):
    """The visible ¶N mark at the start of a numbered paragraph."""


def anchor(number: int) -> str:
    return f"p{number}"


def visit_para_number_html(self, node: para_number) -> None:
    from .safe import html_element

    number = node["number"]
    self.body.append(html_element("a", f"¶{number}", class_="glossator-pnum glossator-apparatus", href=f"#{anchor(number)}",
                                  data_citation=node["citation"], title=f"Paragraph {number}: permalink and citation"))
    raise nodes.SkipNode


def visit_para_number_latex(self, node: para_number) -> None:
    label = self.hypertarget(f"{node['docname']}:{anchor(node['number'])}", withdoc=False, anchor=False)
    self.body.append(f"{label}\\glossatorpnum{{{node['number']}}}")
    raise nodes.SkipNode


def visit_para_number_text(self, node: para_number) -> None:
    self.add_text(f"[¶{node['number']}] ")
    raise nodes.SkipNode


def paragraph_citations(app: Sphinx, article) -> dict[str, str] | None:
    """Each style's paragraph template (its sentinel for the number) of an article, or None."""
    from .citations import article_page, citations_of

    key = article.meta.get("source")
    citations = citations_of(app)
    if key not in citations.formatter.items:
        return None
    return citations.article_forms(key, article_page(article))


class NumberParagraphs(SphinxTransform):
    """Give each body paragraph and list item of an article its number and anchor."""

    default_priority = 510

    def apply(self, **kwargs) -> None:
        article = article_of(self.app, self.env.docname)
        if article is None:
            return
        by_line = {block.line: block.para for block in article.paragraphs}
        from .citations import citations_of

        citations = citations_of(self.app)
        forms = paragraph_citations(self.app, article)
        default = forms[citations.styles.default] if forms else None
        for para in self.document.findall(nodes.paragraph):
            number = by_line.get(para.line) if para.line else None
            if number is None or isinstance(para.parent, nodes.footnote):
                continue
            para["ids"].append(anchor(number))
            para["classes"].append("glossator-para")
            para.insert(0, para_number("", "", number=number, docname=self.env.docname,
                                       citation=citations.paragraph_text(default, number) if default else ""))


class ParaRole(XRefRole):
    """``{para}`article-stem#12``` links to ¶12 of an article, ``{para}`article-stem#4-13``` to
    ¶4–13 (``article.html#p4-p13``, highlighted by ``static/glossator-range``); ``#12`` alone
    stays in this one."""

    def process_link(self, env, refnode, has_explicit_title, title, target):
        if target.startswith("#"):
            target = env.docname.removeprefix("articles/") + target
        return title, target


def _resolve_para(app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode):
    if node.get("reftype") != "para":
        return None
    corpus = corpus_of(app)
    stem, _, number = node["reftarget"].partition("#")
    article = corpus.article(stem)
    span = parse_range(number)
    if article is None or span is None or range_problem(span, len(article.paragraphs)):
        logger.warning(
            f"paragraph reference '{node['reftarget']}' does not resolve: "
            "use {para}`article-file-stem#N` (or #N-M) with N, M within the article's paragraphs",
            location=node, type="glossator", subtype="para",
        )
        return contnode
    if not node.get("refexplicit"):
        label = corpus.cite_labels.get(str(article.meta.get("source"))) or stem
        same = node.get("refdoc") == article.docname
        contnode = nodes.inline("", range_text(*span) if same else f"{label}, {range_text(*span)}")
    # Only the web reader's script knows #p4-p13; the PDF and EPUB link to the range's first paragraph.
    target = range_anchor(*span) if app.builder.name in HTML_BUILDERS else anchor(span[0])
    return make_refnode(app.builder, node["refdoc"], article.docname, target, contnode)


def setup_paragraphs(app: Sphinx) -> None:
    # Only format names here: registering a builder name such as "epub" would hide every
    # other extension's html handlers from that builder.
    app.add_node(
        para_number,
        html=(visit_para_number_html, None),
        latex=(visit_para_number_latex, None),
        text=(visit_para_number_text, None),
        man=(visit_para_number_text, None),
        texinfo=(visit_para_number_text, None),
    )
    app.add_transform(NumberParagraphs)
    # The ¶ mark opens a cite box (static/glossator-cite/cite.js); without scripts it is a permalink.
    app.connect("builder-inited", lambda app: ship_static(app, "glossator-cite", ("cite.js",), ("cite.css",)))
    # #p4-p13 scrolls to ¶4 and highlights ¶4–13 (the browser alone knows no such id).
    app.connect("builder-inited", lambda app: ship_static(app, "glossator-range", ("range.js",), ("range.css",)))
    app.add_role("para", ParaRole(innernodeclass=nodes.inline, warn_dangling=True))
    register_resolver("para", _resolve_para)

