"""The glossary page from ``corpus/glossary.yml``, as a standard Sphinx glossary.

Each entry's term and aliases become glossary terms, so ``{term}`` roles, the index and the
LaTeX output behave as Sphinx users expect. Each entry also lists where it is used, and
every use of a term in an article is an index entry, so the PDF index points at the passages.
"""

from __future__ import annotations

from collections import defaultdict

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.std import make_glossary_term
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from ..corpus import Corpus
from ..vocabulary import Vocabulary
from .access import corpus_of
from .doctree import cite_xref, para_xref
from .safe import forbid_raw
from .summaries import summary, use_summary

CATEGORY_TITLES = {
    "person": "People",
    "place": "Places",
    "organisation": "Organisations",
    "agreement": "Agreements, treaties and resolutions",
    "event": "Events",
    "concept": "Concepts",
    "publication": "Publications and media",
}


class native_name(nodes.Inline, nodes.TextElement):
    """A name in its own script; LaTeX switches to a CJK font where needed."""


def visit_native_html(self, node: native_name) -> None:
    self.body.append(self.starttag(node, "span", "", lang=node["lang"], CLASS="glossator-native"))


def depart_native_html(self, node: native_name) -> None:
    self.body.append("</span>")


def visit_native_latex(self, node: native_name) -> None:
    self.body.append(r"{\glossatorcjk{}" if Vocabulary.is_cjk(node["lang"]) else "{")


def depart_native_latex(self, node: native_name) -> None:
    self.body.append("}")


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def entry_names(entry: dict, key: str) -> list[str]:
    """Headword and aliases, without case-only repeats (Sphinx terms ignore case)."""
    names: list[str] = []
    for name in [str(entry.get("term", key))] + _as_list(entry.get("aliases")):
        if name.lower() not in {n.lower() for n in names}:
            names.append(name)
    return names


def usages(corpus: Corpus) -> dict[str, list[tuple[str, int]]]:
    """For each entry key, the (article stem, ¶) pairs whose text or notes link its term."""
    from ..checks.common import glossary_names

    names = glossary_names(corpus)
    found: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for article in corpus.articles:
        note_para = {}
        for block in article.doc.blocks:
            for ref in block.refs:
                if ref.kind == "footnote" and block.para:
                    note_para.setdefault(ref.name, block.para)
        places: list[tuple[str, int | None]] = []
        for block in article.doc.blocks:
            places += [(ref.target, block.para) for ref in block.refs if ref.kind == "role" and ref.name == "term"]
        for note in article.doc.footnotes:
            places += [(ref.target, note_para.get(note.label))
                       for ref in note.refs if ref.kind == "role" and ref.name == "term"]
        for target, para in places:
            for key in names.get(target.strip().lower(), ()):
                if para and (article.stem, para) not in found[key]:
                    found[key].append((article.stem, para))
    return found


def article_labels(corpus: Corpus) -> dict[str, str]:
    """Each article's label in the build's citation style ("Gray 2020"), by stem."""
    from .corpusview import article_label

    return {article.stem: article_label(corpus, article) for article in corpus.articles}


@summary("glossary")
def glossary_summary(corpus: Corpus) -> dict[str, dict]:
    """What the glossary page shows of the articles: where each entry is used, and the labels."""
    return {"usages": usages(corpus), "labels": article_labels(corpus)}


def _labelled(label: str, *children: nodes.Node) -> nodes.paragraph:
    """``*Label:* …`` as nodes: the label in italics, then the children as they are."""
    para = nodes.paragraph()
    para += nodes.emphasis(label, label)
    para += nodes.Text(" ")
    para.extend(children)
    return para


class GlossaryDirective(SphinxDirective):
    """All glossary entries, alphabetically, each with its other names, script, sources, uses."""

    def _definition(self, key: str, entry: dict, used: list[list], labels: dict[str, str]) -> nodes.definition:
        definition = nodes.definition()
        # The definition is MyST by design (checked by SEC501/SEC502; raw output is refused by
        # safe.ForbidRawContent); everything else on the entry is text.
        lines = [str(entry.get("definition", "")).strip(), ""]
        self.state.nested_parse(StringList(lines, source=f"glossary entry {key}"), self.content_offset, definition)
        forbid_raw(definition)
        # A category the project's vocabulary adds is shown as written.
        category = CATEGORY_TITLES.get(str(entry.get("category"))) or str(entry.get("category") or "").capitalize()
        if category:
            definition += _labelled("Category:", nodes.Text(category))
        names = entry_names(entry, key)[1:]
        if names:
            definition += _labelled("Also:", nodes.Text("; ".join(names)))
        sources = _as_list(entry.get("sources"))
        if sources:
            cites: list[nodes.Node] = []
            for source in sources:
                cites += [nodes.Text("; ")] if cites else []
                cites.append(cite_xref(source, self.env.docname))
            definition += _labelled("Sources:", *cites)
        native = entry.get("native") or {}
        vocabulary = corpus_of(self.env.app).vocabulary
        if isinstance(native, dict) and native:
            para = nodes.paragraph(classes=["glossator-native-names"])
            para += nodes.emphasis("", "In its own script: ")
            for number, (lang, name) in enumerate(native.items()):
                para += nodes.Text(("; " if number else "") + f"{vocabulary.script_name(str(lang))} ")
                para += native_name("", str(name), lang=str(lang))
            definition.insert(min(2, len(definition)), para)
        if used:
            para = nodes.paragraph(classes=["glossator-appears"])
            para += nodes.emphasis("", "Appears in: ")
            by_article: dict[str, list[int]] = defaultdict(list)
            for stem, number in used:
                by_article[stem].append(number)
            for index, (stem, numbers) in enumerate(by_article.items()):
                para += nodes.Text(("; " if index else "") + labels.get(stem, stem) + " ")
                for position, number in enumerate(sorted(numbers)):
                    if position:
                        para += nodes.Text(", ")
                    para += para_xref(stem, number, self.env.docname, f"¶{number}")
            definition += keep_with_next()
            definition += para
        return definition

    def run(self) -> list[nodes.Node]:
        corpus = corpus_of(self.env.app)
        self.env.note_dependency(str(corpus.glossary_path))
        if corpus.vocabulary_path.is_file():  # categories and the names of scripts
            self.env.note_dependency(str(corpus.vocabulary_path))
        # The articles only through their summary: a note's wording does not re-read this page.
        shown = use_summary(self.env, "glossary")
        entries = [(str(k), v) for k, v in corpus.glossary.items() if isinstance(v, dict)]
        if not entries:
            return [nodes.paragraph("", "The glossary has no entries yet.")]
        glossary = addnodes.glossary()
        glossary["sorted"] = False  # already sorted here, by headword
        dlist = nodes.definition_list(classes=["glossary"])
        glossary += dlist
        for key, entry in sorted(entries, key=lambda kv: str(kv[1].get("term", kv[0])).lower()):
            item = nodes.definition_list_item()
            for number, name in enumerate(entry_names(entry, key)):
                term = make_glossary_term(
                    self.env, [nodes.Text(name)], None, self.env.docname, self.lineno,
                    None, self.state.document,
                )
                if number:
                    term["classes"].append("glossator-alias")
                else:
                    for index_node in term.findall(addnodes.index):
                        index_node["entries"] = [(t, e, tid, "main", k) for t, e, tid, _, k in index_node["entries"]]
                item += term
            item += self._definition(key, entry, shown["usages"].get(key, []), shown["labels"])
            dlist += item
        return [glossary]


class TermUsageIndex(SphinxTransform):
    """Index every use of a glossary term in an article under the entry's headword."""

    default_priority = 520

    def apply(self, **kwargs) -> None:
        from ..checks.common import glossary_names
        if not self.env.docname.startswith("articles/"):
            return
        corpus = corpus_of(self.app)
        names = glossary_names(corpus)
        for number, xref in enumerate(list(self.document.findall(addnodes.pending_xref))):
            if xref.get("reftype") != "term":
                continue
            keys = names.get(str(xref.get("reftarget", "")).strip().lower())
            if not keys or len(keys) != 1:
                continue
            headword = str(corpus.glossary[next(iter(keys))].get("term"))
            target_id = f"term-use-{number}"
            target = nodes.target("", "", ids=[target_id])
            index = addnodes.index(entries=[("single", headword, target_id, "", None)], inline=True)
            parent = xref.parent
            position = parent.index(xref)
            parent.insert(position, index)
            parent.insert(position, target)


class keep_with_next(nodes.Element):
    """On paper, no page break here: an entry's last line ("Appears in") never starts a page
    alone (test_paper's near-empty pages); nothing in HTML, EPUB or text."""


def visit_keep_latex(self, node: keep_with_next) -> None:
    self.body.append("\n\\nopagebreak\n")
    raise nodes.SkipNode


def skip_keep(self, node: keep_with_next) -> None:
    raise nodes.SkipNode


def setup_glossary(app: Sphinx) -> None:
    app.add_node(keep_with_next, latex=(visit_keep_latex, None), html=(skip_keep, None),
                 text=(skip_keep, None), man=(skip_keep, None),
                 texinfo=(skip_keep, None))
    app.add_node(
        native_name,
        html=(visit_native_html, depart_native_html),
        latex=(visit_native_latex, depart_native_latex),
        text=(lambda self, node: None, lambda self, node: None),
    )
    app.add_directive("glossator-glossary", GlossaryDirective)
    app.add_transform(TermUsageIndex)
