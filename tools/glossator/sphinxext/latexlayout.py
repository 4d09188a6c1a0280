"""The reader on paper: what the LaTeX builder needs beyond Sphinx's defaults.

- **Notes numbered per article.** The LaTeX builder puts every document into one tree, and
  ``latex_show_urls = "footnote"`` makes Sphinx renumber all automatic footnotes through the
  whole book (``ShowUrlsTransform``), so the third article's first note was note 39. The
  numbers LaTeX prints are the labels (``\\begin{footnote}[N]``), so numbering the notes of each
  document from 1 again, after Sphinx and before the footnote handling that reads them, is
  enough.
- **One index entry per name.** A glossary term's own index entry sits inside the term, which
  LaTeX passes as a macro argument; TeX then writes ``\\sphinxhyphen {}`` (with a space) where
  the uses in the text write ``\\sphinxhyphen{}``, and xindy lists "Choe Ryong-hae" twice. The
  entry moves to the start of the definition, next to the term on the page, where it is
  written like the others. A term's other names (aliases) become "see" entries pointing at
  the headword, instead of a second entry with the same page; an alias that is the headword
  without its parenthesis ("Treaty …" for "Treaty … (2000)") gets none, since the headword's
  entry prints the same words.
- **Every link has its anchor.** LaTeX writes no anchor for a container's ids, so a link to
  a claim or an assignment pointed nowhere; a target before the container carries them.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

ALIAS_CLASS = "glossator-alias"  # set by glossary.GlossaryDirective on a term's other names
# Sphinx prints a trailing "(…)" of an index entry apart, as in "Treaty … (2000)".
EXTRA = re.compile(r"\s*\([^()]*\)$")


class NotesPerArticle(SphinxPostTransform):
    """Number the automatic footnotes of each document 1, 2, … in the order they appear."""

    # After ShowUrlsTransform (400) renumbers them through the book, before
    # LaTeXFootnoteTransform (600) pairs references with notes by number.
    default_priority = 450
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        used: dict[str, set[str]] = {}
        auto: list[nodes.footnote] = []
        for footnote in self.document.findall(nodes.footnote):
            docname = footnote.get("docname", "")
            if footnote.get("auto"):
                auto.append(footnote)
            else:  # an explicitly numbered note keeps its number; the others go round it
                used.setdefault(docname, set()).add(footnote[0].astext())
        references: dict[tuple[str, str], list[nodes.footnote_reference]] = {}
        for ref in self.document.findall(nodes.footnote_reference):
            references.setdefault((ref.get("docname", ""), ref.get("refid", "")), []).append(ref)
        counters: dict[str, int] = {}
        for footnote in auto:
            docname = footnote.get("docname", "")
            number = counters.get(docname, 0)
            while True:
                number += 1
                if str(number) not in used.get(docname, ()):
                    break
            counters[docname] = number
            label = footnote[0]
            old = label.astext()
            label.replace_self(nodes.label("", str(number)))
            if old in footnote["names"]:
                footnote["names"].remove(old)
            footnote["names"].append(str(number))
            for ref in references.get((docname, footnote["ids"][0]), []):
                ref.children = []
                ref += nodes.Text(str(number))


class GlossaryIndexEntries(SphinxPostTransform):
    """Index a glossary term where its uses are indexed, and its aliases as "see" entries."""

    default_priority = 450
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for item in self.document.findall(nodes.definition_list_item):
            terms = [child for child in item.children if isinstance(child, nodes.term)]
            definitions = [child for child in item.children if isinstance(child, nodes.definition)]
            if not definitions or not any(next(t.findall(addnodes.index), None) for t in terms):
                continue
            headword = terms[0].astext()
            moved: list[addnodes.index] = []
            for term in terms:
                for index in list(term.findall(addnodes.index)):
                    index.parent.remove(index)
                    if ALIAS_CLASS in term["classes"]:
                        name = term.astext()
                        if name == EXTRA.sub("", headword):
                            continue  # the headword's own entry already prints this name
                        index["entries"] = [("see", f"{name}; {headword}", tid, "", None)
                                            for _type, _value, tid, _main, _key in index["entries"]]
                    moved.append(index)
            target = definitions[0]
            first = target.next_node(nodes.paragraph)
            if first is not None:  # inline, so the entry is in the paragraph, on its page
                for index in reversed(moved):
                    index["inline"] = True
                    first.insert(0, index)
            else:
                for index in reversed(moved):
                    target.insert(0, index)


class ContainerAnchors(SphinxPostTransform):
    """Give a container's ids to a target before it: LaTeX writes no anchor for a container,
    so links to a claim or an assignment (``nodes.container(ids=…)``) had no destination."""

    default_priority = 450
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for container in list(self.document.findall(nodes.container)):
            if container["ids"] and container.parent is not None:
                target = nodes.target("", "", ids=container["ids"])
                container["ids"] = []
                container.parent.insert(container.parent.index(container), target)


def setup_latexlayout(app: Sphinx) -> None:
    app.add_post_transform(NotesPerArticle)
    app.add_post_transform(GlossaryIndexEntries)
    app.add_post_transform(ContainerAnchors)
