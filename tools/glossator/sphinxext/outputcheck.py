"""Output fidelity: after an HTML or EPUB build, every article's visible words are its seed's.

The source check (``glossator check``, FID4xx) reads Markdown; this reads the pages the
build wrote, with the annotation apparatus (class ``glossator-apparatus``) removed, and
fails the build on any difference, naming the article, the paragraph and the source line.
The PDF is checked after latexmk by ``glossator verify-pdf`` (glossator/pdfcheck.py).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..outputtext import APPARATUS, Difference, differences, visible_blocks
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
        from .articles import _article_of

        article = _article_of(self.app, self.env.docname)
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
    para = f" ¶{diff.para}" if diff.para else ""
    seed = f"seed line {diff.seed_line} '{diff.seed}'" if diff.seed_line else "nothing in the seed"
    shown = f"'{diff.shown}'" if diff.shown else "nothing"
    return (f"article '{article.stem}'{para}: the built {output} shows {shown} where there is {seed} "
            "[glossator.output-fidelity]")


def check_outputs(app: Sphinx, exception: Exception | None) -> None:
    """Compare every built article page with its seed; any difference fails the build."""
    if exception is not None or app.builder.name not in CHECKED_BUILDERS:
        return
    if not app.config.glossator_check_outputs:
        return
    from . import corpus_of

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


def setup_outputcheck(app: Sphinx) -> None:
    # On by default; off only to measure what it costs (tools/bench.py).
    app.add_config_value("glossator_check_outputs", True, "", [bool, int])
    app.add_transform(MarkNotes)
    app.connect("html-page-context", _permalinks)
    app.connect("build-finished", check_outputs, priority=400)  # before features that may fail on bad input
