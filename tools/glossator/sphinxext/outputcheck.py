"""Output fidelity: after an HTML or EPUB build, every article's visible words are its seed's.

The source check (``glossator check``, FID4xx) reads Markdown; this reads the pages the
build wrote, with the annotation apparatus (class ``glossator-apparatus``) removed, and
fails the build on any difference, naming the article, the paragraph and the source line.
The PDF is checked after latexmk by ``glossator verify-pdf`` (glossator/pdfcheck.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..outputtext import APPARATUS, Difference, differences, visible_blocks
from .access import article_of, corpus_of
from .htmlbuild import HTML_BUILDERS

CHECKED_BUILDERS = HTML_BUILDERS | {"epub"}

logger = logging.getLogger(__name__)


def apparatus(node: nodes.Element) -> nodes.Element:
    """Mark a node as annotation apparatus: the output check and copy-as-quote skip it."""
    if APPARATUS not in node["classes"]:
        node["classes"].append(APPARATUS)
    return node


class MarkNotes(SphinxTransform):
    """Notes, their markers and a supplied title are apparatus, in every output format."""

    default_priority = 505  # after the article header (500), before ¶ numbers (510)

    def apply(self, **kwargs) -> None:
        from ..checks.fidelity import align
        article = article_of(self.app, self.env.docname)
        if article is None:
            return
        for node in self.document.findall(lambda n: isinstance(n, (nodes.footnote, nodes.footnote_reference))):
            apparatus(node)
        if article.seed_path is not None and align(article).title_block is not None:
            section = next(iter(self.document.findall(nodes.section)), None)
            if section is not None and section.children and isinstance(section[0], nodes.title):
                apparatus(section[0])  # the source record's title, supplied by the editors


def _permalinks(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Sphinx's own heading permalinks ("#") are apparatus too; the writer gives no hook."""
    if "body" in context and 'class="headerlink"' in context["body"]:
        context["body"] = context["body"].replace('class="headerlink"', f'class="headerlink {APPARATUS}"')


def _page_path(app: Sphinx, docname: str) -> Path:
    return Path(app.outdir, app.builder.get_target_uri(docname))


def article_differences(app: Sphinx, article) -> list[Difference] | None:
    """Differences between the built page of ``article`` and its seed; None when unbuilt."""
    from ..checks.fidelity import expected_lines

    path = _page_path(app, article.docname)
    if app.builder.name == "dirhtml":
        path = path / "index.html"
    if not path.is_file():
        return None
    return differences(expected_lines(article), visible_blocks(path.read_bytes()))


def _source_line(article, diff: Difference) -> int:
    """The article file's line for a difference: its paragraph's line, else its seed line's block."""
    from ..checks.fidelity import align

    if diff.para and 1 <= diff.para <= len(article.paragraphs):
        return article.paragraphs[diff.para - 1].line
    blocks = [b for b in article.doc.blocks if b is not align(article).title_block]
    return blocks[min(diff.index, len(blocks) - 1)].line if blocks else 1


def describe(article, diff: Difference, output: str) -> str:
    """What differs: the article, ¶N, what the seed has and what the output shows."""
    from ..checks.fidelity import _first_difference, _short, _visible

    para = f" ¶{diff.para}" if diff.para else ""
    if diff.seed and diff.shown:
        _, was, now = _first_difference(diff.seed, diff.shown)
    else:
        was, now = _visible(_short(diff.seed, 80)), _visible(_short(diff.shown, 80))
    label = diff.seed_label or f"seed line {diff.seed_line}"
    seed = f"{label} {'have' if 'lines' in label else 'has'} '{was}'" if diff.seed_line else "the seed has nothing"
    shown = f"'{now}'" if diff.shown else "nothing"
    return (f"article '{article.stem}'{para}: the built {output} shows {shown} where {seed} "
            "[glossator.output-fidelity]")


def check_outputs(app: Sphinx, exception: Exception | None) -> None:
    """Compare every built article page with its seed; any difference fails the build."""
    if exception is not None or app.builder.name not in CHECKED_BUILDERS:
        return
    if not app.config.glossator_check_outputs:
        return
    failed = False
    for article in corpus_of(app).articles:
        if article.seed_path is None:
            logger.error(f"article '{article.stem}' names no readable seed, so its built text cannot be "
                         "verified; run 'glossator check' [glossator.output-fidelity]", location=(article.docname, 1))
            failed = True
            continue
        found = article_differences(app, article)
        if found is None:
            logger.error(f"article '{article.stem}' has no built page to verify [glossator.output-fidelity]",
                         location=(article.docname, 1))
            failed = True
            continue
        for diff in found[:20]:
            logger.error(describe(article, diff, app.builder.name.upper()),
                         location=(article.docname, _source_line(article, diff)))
            failed = True
    if failed:
        app.statuscode = 1  # fails the build with or without -W


# -- LaTeX: the seed's text is marked, so that the PDF's words can be read back ---------------

# The complement of the apparatus, in the PDF: every character of an article that is not
# apparatus is set in this colour, RGB (1, 0, 0) of 255, which no reader can tell from black
# and which pdftohtml reports exactly; glossator/pdfcheck.py reads the words of that colour.
SEED_RGB = (1, 0, 0)
LATEX_PACKAGE = "glossatorfidelity"
_STY = r"""\NeedsTeXFormat{LaTeX2e}
\ProvidesPackage{glossatorfidelity}[2026/12/01 seed text marked for glossator verify-pdf]
\RequirePackage{xcolor}
\definecolor{glossatorseed}{RGB}{@RGB@}
\newif\ifglossatorplain
% Robust, so that a mark's expansion does not open \ifglossatorplain.
\DeclareRobustCommand{\glossator@plain}{\glossatorplaintrue}
% \relax: \color ends with \ignorespaces, which would eat the run's leading space.
\DeclareRobustCommand{\glossatorseed}[1]{\ifglossatorplain#1\else{\color{glossatorseed}\relax#1}\fi}
\AtBeginDocument{%
  \pdfstringdefDisableCommands{\let\glossatorseed\@firstofone}%
  % A heading repeated in the contents and the running heads is not the article's text.
  \let\glossator@toc\sphinxtableofcontents
  \renewcommand{\sphinxtableofcontents}{\begingroup\glossatorplaintrue\glossator@toc\endgroup}%
  \let\glossator@markboth\markboth
  \renewcommand{\markboth}[2]{\glossator@markboth{\glossator@plain#1}{\glossator@plain#2}}%
  \let\glossator@markright\markright
  \renewcommand{\markright}[1]{\glossator@markright{\glossator@plain#1}}}
""".replace("@RGB@", ",".join(map(str, SEED_RGB)))


class seed_text(nodes.Inline, nodes.TextElement):
    """A run of an article's own text, marked in LaTeX (``\\glossatorseed``) for the PDF check."""


def _visit_seed_latex(self, node: seed_text) -> None:
    self.body.append(r"\glossatorseed{")


def _depart_seed_latex(self, node: seed_text) -> None:
    self.body.append("}")


_SPACES = re.compile(r"([ \n]+)")
_NOT_SEED = (nodes.footnote, nodes.footnote_reference, nodes.comment, nodes.raw, nodes.target,
             nodes.system_message, addnodes.start_of_file)


def _is_apparatus(node: nodes.Node, stop: nodes.Node) -> bool:
    while node is not None and node is not stop:
        if isinstance(node, _NOT_SEED) or (isinstance(node, nodes.Element) and APPARATUS in node["classes"]):
            return True
        node = node.parent
    return False


class MarkSeedTextLatex(SphinxPostTransform):
    """In the assembled LaTeX doctree, wrap every text of an article that is not apparatus."""

    default_priority = 900  # after references are resolved
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for start in self.document.findall(addnodes.start_of_file):
            if not str(start.get("docname", "")).startswith("articles/"):
                continue
            for text in list(start.findall(nodes.Text)):
                parent = text.parent
                if parent is None or isinstance(parent, seed_text) or _is_apparatus(parent, start):
                    continue
                if not text.astext().strip():
                    continue
                # One group per word: XeTeX loses a colour that runs across a page break on a
                # page with notes, so a run may not span lines; spaces stay outside.
                parts = [nodes.Text(part) if part.isspace() else seed_text("", "", nodes.Text(part))
                         for part in _SPACES.split(str(text)) if part]
                index = parent.index(text)
                parent.remove(text)
                for offset, part in enumerate(parts):
                    parent.insert(index + offset, part)


def _write_package(app: Sphinx) -> None:
    if app.builder.format == "latex":
        Path(app.outdir).mkdir(parents=True, exist_ok=True)
        Path(app.outdir, f"{LATEX_PACKAGE}.sty").write_text(_STY, encoding="utf-8")


def setup_outputcheck(app: Sphinx) -> None:
    # On by default; off only to measure what it costs (tools/bench.py).
    app.add_config_value("glossator_check_outputs", True, "", [bool, int])
    app.add_transform(MarkNotes)
    app.connect("html-page-context", _permalinks)
    app.connect("build-finished", check_outputs, priority=400)  # before features that may fail on bad input
    app.add_node(seed_text, latex=(_visit_seed_latex, _depart_seed_latex))
    app.add_post_transform(MarkSeedTextLatex)
    app.add_latex_package(LATEX_PACKAGE)
    app.connect("builder-inited", _write_package)
