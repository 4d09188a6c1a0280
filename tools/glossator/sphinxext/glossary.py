"""The glossary page from ``corpus/glossary.yml``, as a standard Sphinx glossary.

Each entry's term and aliases become glossary terms, so ``{term}`` roles, the index and the
LaTeX output behave as Sphinx users expect.
"""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.std import make_glossary_term
from sphinx.util.docutils import SphinxDirective

CATEGORY_TITLES = {
    "person": "People",
    "place": "Places",
    "organisation": "Organisations",
    "agreement": "Agreements, treaties and resolutions",
    "event": "Events",
    "concept": "Concepts",
    "publication": "Publications and media",
}
SCRIPT_NAMES = {"ko": "Korean", "ru": "Russian", "zh": "Chinese", "ja": "Japanese"}


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


class GlossaryDirective(SphinxDirective):
    """All glossary entries, alphabetically, each with its other names, script, sources."""

    def _definition(self, key: str, entry: dict) -> nodes.definition:
        definition = nodes.definition()
        lines = [str(entry.get("definition", "")).strip(), ""]
        category = CATEGORY_TITLES.get(str(entry.get("category")))
        if category:
            lines += [f"*Category:* {category}", ""]
        aliases = _as_list(entry.get("aliases"))
        if aliases:
            lines += ["*Also:* " + "; ".join(aliases), ""]
        native = entry.get("native") or {}
        if isinstance(native, dict) and native:
            names = [f"{SCRIPT_NAMES.get(lang, lang)} {name}" for lang, name in native.items()]
            lines += ["*In its own script:* " + "; ".join(names), ""]
        sources = _as_list(entry.get("sources"))
        if sources:
            lines += ["*Sources:* " + "; ".join(f"{{cite}}`{s}`" for s in sources), ""]
        self.state.nested_parse(StringList(lines, source=f"glossary entry {key}"), self.content_offset, definition)
        return definition

    def run(self) -> list[nodes.Node]:
        from . import corpus_of

        corpus = corpus_of(self.env.app)
        self.env.note_dependency(str(corpus.glossary_path))
        entries = [(str(k), v) for k, v in corpus.glossary.items() if isinstance(v, dict)]
        if not entries:
            return [nodes.paragraph("", "The glossary has no entries yet.")]
        glossary = addnodes.glossary()
        glossary["sorted"] = False  # already sorted here, by headword
        dlist = nodes.definition_list(classes=["glossary"])
        glossary += dlist
        for key, entry in sorted(entries, key=lambda kv: str(kv[1].get("term", kv[0])).lower()):
            item = nodes.definition_list_item()
            names: list[str] = []
            for name in [str(entry.get("term", key))] + _as_list(entry.get("aliases")):
                if name.lower() not in {n.lower() for n in names}:  # Sphinx terms ignore case
                    names.append(name)
            for number, name in enumerate(names):
                term = make_glossary_term(
                    self.env, [nodes.Text(name)], None, self.env.docname, self.lineno,
                    None, self.state.document,
                )
                if number:
                    term["classes"].append("glossator-alias")
                item += term
            item += self._definition(key, entry)
            dlist += item
        return [glossary]


def setup_glossary(app: Sphinx) -> None:
    app.add_directive("glossator-glossary", GlossaryDirective)
