"""Mutations that change what a reader sees are each caught by ``glossator check``, exactly.

Every case edits one real article in a scratch copy of the project, in a way a careless or
hostile contributor might, and asserts the one fidelity finding (code, file, line) it must
produce. A sample is also built with Sphinx, to prove that the output check fails the build
on the same edit (tests/test_output_fidelity.py covers the output check itself).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from glossator.checks import run_checks
from glossator.corpus import load_corpus

GRAY = "corpus/articles/2020-04-gray-vladivostok-visit.md"
KZ = "corpus/articles/2019-kireeva-zakharova-takeaways.md"


@dataclass(frozen=True)
class Mutation:
    """One edit: replace ``old`` (which occurs once) by ``new``; expect ``code`` on the line
    holding ``at`` after the edit (or ``line`` when given)."""

    name: str
    klass: str
    old: str
    new: str
    code: str
    at: str = ""
    line: int = 0
    article: str = GRAY
    below: int = 0  # the finding stands this many lines below the line holding ``at``


INAUGURAL = "his inaugural visit"
FEAR = "Fear, however, appears to have shaped this dismal performance as much as mere neglect."
DEK_LINE = "A year after {term}`Kim Jong Un`’s first summit"
SEED_TITLE = "Did Kim’s Vladivostok Visit Reshape Russia-North Korea Relations?"

MUTATIONS = [
    # -- Roles whose whole content, or a generated text, renders ------------------------------
    Mutation("abbr-angle", "role", INAUGURAL, "his {abbr}`inaugural <and, sources say, secret>` visit",
             "FID401", at="{abbr}"),
    Mutation("abbr-paren", "role", INAUGURAL, "his {abbr}`inaugural (and secret)` visit", "FID401", at="{abbr}"),
    Mutation("sup-added", "role", "$10 million", "$10{sup}`bn` million", "FID401", at="{sup}"),
    Mutation("sub-angle", "role", INAUGURAL, "his {sub}`inaugural <secret>` visit", "FID401", at="{sub}"),
    Mutation("sup-angle-heading", "role", "## Putin-Kim Summit: Driving", "## {sup}`Putin-Kim <secret>` Summit: Driving",
             "FID401", at="{sup}", article=KZ),
    Mutation("abbr-angle-dek", "role", "relations stand?", "{abbr}`relations <as we think>` stand?", "FID401",
             at="{abbr}"),
    Mutation("term-title", "role", "{term}`Vladivostok`,", "{term}`Vladimir <Vladivostok>`,", "FID401",
             at="{term}`Vladimir"),
    Mutation("para-untitled", "role", INAUGURAL, "his inaugural {para}`#2` visit", "FID412", at="{para}"),
    Mutation("cite-untitled", "role", INAUGURAL, "his inaugural {cite}`gray-2020-diplomat` visit", "FID412",
             at="{cite}"),
    # -- Cross-references without a title show a page's or heading's title ---------------------
    Mutation("doc-untitled", "xref", INAUGURAL, "his inaugural {doc}`/glossary` visit", "FID412", at="{doc}"),
    Mutation("doc-article", "xref", INAUGURAL, "his inaugural {doc}`2019-jamestown-vladivostok-summit` visit",
             "FID412", at="{doc}"),
    Mutation("ref-untitled", "xref", INAUGURAL, "his inaugural {ref}`glossator-questions` visit", "FID412",
             at="{ref}"),
    Mutation("numref-untitled", "xref", INAUGURAL, "his inaugural {numref}`glossator-questions` visit",
             "FID412", at="{numref}"),
    Mutation("doc-in-dek", "xref", "where do Russia-North Korea relations stand?",
             "where do Russia-North Korea relations stand? {doc}`/about`", "FID412", at="{doc}`/about`"),
    # -- Image alt text ------------------------------------------------------------------------
    Mutation("image-inline", "image", INAUGURAL, "his inaugural ![and secret](secret.png) visit", "FID410",
             at="![and secret]"),
    Mutation("image-empty-alt", "image", INAUGURAL, "his inaugural ![](secret.png) visit", "FID410",
             at="![](secret.png)"),
    Mutation("image-in-dek", "image", "relations stand?", "relations stand? ![a hidden caption](x.png)",
             "FID410", at="![a hidden caption]"),
    Mutation("image-in-bio", "image", "University of Glasgow.", "University of Glasgow. ![photo of the author](a.png)",
             "FID410", at="![photo of the author]"),
    # -- Option-like lines and first-line text at the top of a structural directive ------------
    Mutation("dek-option", "directive-top", ":::{dek}\n", ":::{dek}\n:secret: words\n", "FID410", at=":secret:"),
    Mutation("bio-option", "directive-top", ":::{bio}\n", ":::{bio}\n:class: and more words\n", "FID410",
             at=":class:"),
    Mutation("caption-yaml", "directive-top", ":::{caption}\n", ":::{caption}\n---\nhidden: words\n---\n",
             "FID410", at="hidden: words", below=-1),
    Mutation("dek-first-line", "directive-top", ":::{dek}\n", ":::{dek} An added sentence.\n", "FID401",
             at=":::{dek} An"),
    # -- Spaces that are not ASCII spaces ------------------------------------------------------
    Mutation("nbsp", "space", INAUGURAL, "his\u00a0inaugural visit", "FID401", at="his\u00a0inaugural"),
    Mutation("em-space", "space", INAUGURAL, "his\u2003inaugural visit", "FID401", at="his\u2003inaugural"),
    Mutation("ideographic-space", "space", INAUGURAL, "his\u3000inaugural visit", "FID401",
             at="his\u3000inaugural"),
    Mutation("line-separator", "space", INAUGURAL, "his\u2028inaugural visit", "FID401", at="his\u2028inaugural"),
    Mutation("thin-space-heading", "space", "## Putin-Kim Summit: Driving", "## Putin-Kim\u2009Summit: Driving",
             "FID401", at="Kim\u2009Summit", article=KZ),
    # -- Front matter that is not a mapping switches nothing off -------------------------------
    Mutation("front-matter-list", "front-matter", "", "", "FID400", line=1),
    Mutation("front-matter-string", "front-matter", "", "", "FID400", line=1),
    Mutation("front-matter-empty", "front-matter", "", "", "FID400", line=1),
    Mutation("front-matter-empty-mapping", "front-matter", "", "", "FID400", line=2),
    # -- A seed line whose text also stands elsewhere is still required ------------------------
    Mutation("duplicate-caption-gray", "duplicate", f":::{{caption}}\n{SEED_TITLE}\n\n", ":::{caption}\n",
             "FID402", at="Credit: Russian Presidential Press and Information Office"),
    Mutation("duplicate-caption-kz", "duplicate",
             ":::{caption}\nTakeaways From the Long-Awaited Russia-North Korea Summit\n\n", ":::{caption}\n",
             "FID402", at="Credit: Russian Presidential Press and Information Service", article=KZ),
    Mutation("duplicate-title-added", "duplicate", ":::{dek}\n", f"{SEED_TITLE}\n\n:::{{dek}}\n", "FID403",
             at=SEED_TITLE, below=2),
    # -- Plain edits (caught before this work; kept so the suite covers the common case) ------
    Mutation("changed-word", "plain", "noted in December", "said in December", "FID401", at="said in December"),
    Mutation("added-words", "plain", FEAR, FEAR.replace("neglect.", "neglect, sources say."), "FID401",
             at="sources say"),
    Mutation("dropped-sentence", "plain", FEAR + "\n", "", "FID401", at="For example, Russian Ambassador"),
    Mutation("zero-width-space", "plain", INAUGURAL, "his inaug\u200burual visit", "FID401", at="inaug\u200b"),
    Mutation("emphasis-added", "plain", INAUGURAL, "his *secret* inaugural visit", "FID401", at="*secret*"),
    Mutation("link-text-added", "plain", INAUGURAL, "his [secret](https://example.org) inaugural visit",
             "FID401", at="[secret]"),
]


def _front_matter(text: str, name: str) -> str:
    """The article with its front matter made a list, a string, empty, or an empty mapping."""
    _, meta, body = text.split("---\n", 2)
    indented = "".join("  " + line + "\n" for line in meta.splitlines())
    meta = {"front-matter-list": "-\n" + indented, "front-matter-string": "|\n" + indented,
            "front-matter-empty": "", "front-matter-empty-mapping": "{}\n"}[name]
    return "---\n" + meta + "---\n" + body


def _apply(project: Path, mutation: Mutation) -> int:
    """Apply the mutation; return the 1-based line where its finding belongs."""
    path = project / mutation.article
    text = path.read_text(encoding="utf-8")
    if mutation.klass == "front-matter":
        path.write_text(_front_matter(text, mutation.name), encoding="utf-8")
        return mutation.line
    assert text.count(mutation.old) == 1, f"anchor must occur once: {mutation.old!r}"
    text = text.replace(mutation.old, mutation.new)
    path.write_text(text, encoding="utf-8")
    if mutation.line:
        return mutation.line
    lines = re.split(r"\n", text)  # not splitlines(): U+2028 is not a line break in Markdown
    return next(n for n, line in enumerate(lines, start=1) if mutation.at in line) + mutation.below


def fidelity_findings(project: Path) -> list[tuple[str, int, str]]:
    return [(d.path, d.line, d.code) for d in run_checks(load_corpus(project), select=["FID"])]


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: f"{m.klass}-{m.name}")
def test_mutation_is_caught(real_project: Path, mutation: Mutation) -> None:
    line = _apply(real_project, mutation)
    assert fidelity_findings(real_project) == [(mutation.article, line, mutation.code)]


def test_messages_say_where_and_what(real_project: Path) -> None:
    """A finding names file:line:col and says what to do."""
    _apply(real_project, MUTATIONS[0])
    (finding,) = run_checks(load_corpus(real_project), select=["FID"])
    text = finding.text()
    assert text.startswith(f"{GRAY}:{finding.line}:{finding.col}: FID401")
    assert "and, sources say, secret" in text


def test_suite_is_large_enough() -> None:
    assert len(MUTATIONS) >= 35
