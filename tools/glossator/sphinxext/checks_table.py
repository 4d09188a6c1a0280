"""The catalogue of check codes, generated from the registry the checks themselves use."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..checks import REGISTRY
from ..diagnostics import FAMILIES


class ChecksCatalogue(SphinxDirective):
    """Every registered code by family: summary, then its docstring with the Bad/Good pair."""

    def run(self) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        for family, title in FAMILIES.items():
            rules = sorted((r for r in REGISTRY.values() if r.family == family), key=lambda r: r.code)
            if not rules:
                continue
            result.append(nodes.rubric("", f"{family} — {title}"))
            for entry in rules:
                head = nodes.paragraph(ids=[entry.code.lower()], classes=["glossator-check"])
                head += nodes.literal("", entry.code)
                head += nodes.Text(f" {entry.summary}")
                result.append(head)
                if entry.doc:
                    result.append(nodes.literal_block(entry.doc, entry.doc, classes=["glossator-check-doc"]))
        return result


def setup_checks_table(app: Sphinx) -> None:
    app.add_directive("glossator-checks", ChecksCatalogue)
