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
- **The preamble comes with the extension.** The macros the extension writes
  (``\\glossatorpnum``, a paragraph's number in the margin; ``\\glossatorcjk``, names in CJK
  scripts) and the layout a reader needs (long URLs that break, the index in the body font) go
  *before* the project's own ``latex_elements["preamble"]``, which is kept, at
  ``config-inited``: a project changes any of them with ``\\renewcommand`` or ``\\setlength``.
  ``latex_engine`` defaults to xelatex (names in any script), and with it the fonts to Noto
  where fontconfig finds it, else FreeFont (Sphinx's default) or DejaVu, else Latin Modern.
- **Every link has its anchor.** LaTeX writes no anchor for a container's ids, so a link to
  a claim or an assignment pointed nowhere; a target before the container carries them.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform

from .settings import project_sets

PREAMBLE_MARK = "% -- Glossator's preamble (glossator.sphinxext.latexlayout)"
PREAMBLE = PREAMBLE_MARK + r"""; change any of it below with \renewcommand.
% Paragraph numbers in the outer margin, as in the HTML reader.
\providecommand{\glossatorpnum}[1]{\marginpar{\raggedright\footnotesize\sffamily\textcolor{gray}{¶#1}}}
\setlength{\marginparwidth}{1.6cm}
% Names in Korean, Chinese and Japanese script (the glossary's native names).
\ifdefined\glossatorcjk\else
  \ifdefined\newfontfamily%CJK%\else\let\glossatorcjk\relax\fi
\fi
% Long URLs (sources, "Original:" lines) break at any character instead of running into the
% margin; a little emergency stretch lets a justified line with a long word break too.
\usepackage{xurl}
\setlength{\emergencystretch}{2em}
% The index in the body font (Sphinx sets entries in the typewriter face, for API names).
\protected\def\sphinxstyleindexentry#1{#1}
% -- end of Glossator's preamble
"""
# The first installed family of each kind, as fontconfig (which xelatex asks) finds it: Noto
# (Debian's fonts-noto), then Sphinx's own default (FreeFont), then DejaVu; with none, fontspec's
# Latin Modern. Asked in Python: a TeX-side \IfFontExistsTF runs mktextfm for every name missing.
FONTS = {
    "setmainfont": ("Noto Serif", "FreeSerif", "DejaVu Serif"),
    "setsansfont": ("Noto Sans", "FreeSans", "DejaVu Sans"),
    "setmonofont": ("Noto Sans Mono", "DejaVu Sans Mono", "FreeMono"),
}
CJK_FONTS = ("Noto Serif CJK KR", "Noto Sans CJK KR")  # Debian's fonts-noto-cjk
UNICODE_ENGINES = {"xelatex", "lualatex"}


def installed_font(names: tuple[str, ...]) -> str | None:
    """The first of ``names`` that fontconfig knows; None without fontconfig."""
    import shutil
    import subprocess

    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    for name in names:
        try:
            if subprocess.run([fc_list, "-q", name], timeout=10).returncode == 0:
                return name
        except (OSError, subprocess.SubprocessError):
            return None
    return None


def glossator_preamble() -> str:
    cjk = installed_font(CJK_FONTS)
    choice = f"\\newfontfamily\\glossatorcjk{{{cjk}}}" if cjk else "\\let\\glossatorcjk\\relax"
    return PREAMBLE.replace("%CJK%", choice)


def font_package() -> str:
    lines = [f"\\{command}{{{name}}}" for command, names in FONTS.items() if (name := installed_font(names))]
    return "\n" + "\n".join(lines) + "\n" if lines else ""

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


def add_preamble(app: Sphinx, config: Config) -> None:
    """Glossator's preamble before the project's, the engine and fonts unless the project chose."""
    if not project_sets(config, "latex_engine"):
        config.latex_engine = "xelatex"
    elements = dict(config.latex_elements or {})
    own = str(elements.get("preamble", ""))
    if PREAMBLE_MARK not in own:  # a second config-inited (sphinx-autobuild) must not add it twice
        elements["preamble"] = glossator_preamble() + own
    if config.latex_engine in UNICODE_ENGINES and "fontpkg" not in elements:
        elements["fontpkg"] = font_package()
    config.latex_elements = elements


def setup_latexlayout(app: Sphinx) -> None:
    app.connect("config-inited", add_preamble, priority=100)
    app.add_post_transform(NotesPerArticle)
    app.add_post_transform(GlossaryIndexEntries)
    app.add_post_transform(ContainerAnchors)
