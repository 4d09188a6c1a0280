"""The words a reader sees of an article in a built output, compared with its seed.

``glossator check`` reads the Markdown; this module reads what was built. From an article's
HTML or EPUB page it takes the article (the first ``<section>``, which docutils writes for
the page's top-level section whatever the theme), removes every element with the class
``glossator-apparatus`` (notes and their markers, ¶ numbers, permalinks, tooltips, editorial
boxes, supplied titles...) and splits what is left into blocks at block-level elements.
The blocks must be the seed's kept lines, in order, character for character after
:func:`glossator.checks.fidelity.fold`. For the PDF, :func:`compare_words` compares words.
docs/contributing/checks.md ("Fidelity of the built outputs") documents both comparisons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

APPARATUS = "glossator-apparatus"

# Elements whose start or end begins a new block of text; everything else is inline.
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul", "br",
}
# Never shown as text. An image shows its alt text, which is read as words, and an
# abbreviation's explanation counts as " (explanation)" after it.
_NOT_TEXT = {"script", "style", "template", "noscript"}
_PARA_ID = re.compile(r"^p(\d+)$")


@dataclass
class OutputBlock:
    """One block of visible text in a built page, with the ¶ number of the paragraph it is in."""

    text: str
    para: int | None


@dataclass
class Difference:
    """Where a built output departs from the seed."""

    index: int  # index of the output block (or where it should have been)
    para: int | None
    seed_line: int | None
    seed: str
    shown: str
    seed_label: str = ""  # 'seed line 12', or 'seed lines 12–18' for a wrapped paragraph


def visible_blocks(page: bytes | str) -> list[OutputBlock]:
    """The article's visible text in a built (X)HTML page, apparatus removed, block by block."""
    import lxml.html

    from .checks.fidelity import fold

    root = lxml.html.document_fromstring(page)
    article = next(root.iter("section"), None)
    if article is None:
        return []
    blocks: list[OutputBlock] = []
    current: list[str] = []
    para: list[int | None] = [None]

    def flush() -> None:
        text = fold("".join(current))
        if text:
            blocks.append(OutputBlock(text, para[-1]))
        current.clear()

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if APPARATUS in (element.get("class") or "").split() or tag in _NOT_TEXT or not tag:
            if element.tail:
                current.append(element.tail)
            return
        block = tag in _BLOCK_TAGS
        match = _PARA_ID.match(element.get("id") or "")
        if block:
            flush()
        if match:
            para.append(int(match[1]))
        if tag == "img":
            current.append(element.get("alt") or "")
        if element.text:
            current.append(element.text)
        for child in element:
            walk(child)
        if tag == "abbr" and element.get("title"):
            # The explanation shows on hover, and in parentheses in the PDF: the PDF's form.
            current.append(f" ({element.get('title')})")
        if block:
            flush()
        if match:
            para.pop()
        if element.tail:
            current.append(element.tail)

    walk(article)
    flush()
    return blocks


def differences(expected: list, shown: list[OutputBlock]) -> list[Difference]:
    """Each place where the shown blocks are not the expected seed lines (``Expected``)."""
    seed = [e.text for e in expected]
    texts = [b.text for b in shown]
    found: list[Difference] = []
    matcher = SequenceMatcher(None, seed, texts, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            i, j = i1 + k, j1 + k
            exp = expected[i] if i < i2 else None
            block = shown[j] if j < j2 else None
            near = block or (shown[j2 - 1] if j2 > j1 else shown[j1] if j1 < len(shown) else None)
            found.append(Difference(j if block else j2, near.para if near else None,
                                    exp.seed_line if exp else None,
                                    exp.text if exp else "", block.text if block else "",
                                    getattr(exp, "label", f"seed line {exp.seed_line}") if exp else ""))
    return found


# -- PDF: words ------------------------------------------------------------------------------

# pdftotext writes ligatures as their Unicode code points when the font maps them so.
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
             "\ufb05": "st", "\ufb06": "st"}
_LIGATURE = re.compile("|".join(LIGATURES))
def _expand(text: str) -> str:
    return _LIGATURE.sub(lambda m: LIGATURES[m.group(0)], text)


def seed_words(text: str) -> list[str]:
    """The seed's words as the PDF's are compared: split at any whitespace, ligatures expanded."""
    return _expand(text).split()


def pdf_words(text: str, vocabulary: set[str]) -> list[str]:
    """Words of the PDF's text (one PDF line per line): ligatures expanded, words broken at a
    line end rejoined, split at any whitespace (the PDF's spacing is the typesetter's).

    At each line end the last word and the next line's first are joined when the joined word
    is one of the seed's words (``vocabulary``) and the two parts are not both seed words:
    "Russia-" + "North" gives "Russia-North" when the seed has it, "discordant—" + "element"
    gives "discordant—element". A part ending in a hyphen whose joined form without the hyphen
    is a seed word ("de-" + "fined") is the typesetter's hyphenation, and the hyphen goes.
    """
    lines = [line.split() for line in _expand(text).split("\n")]
    words: list[str] = []
    for line in lines:
        if not line:
            continue
        if words:
            last, first = words[-1], line[0]
            both = last in vocabulary and first in vocabulary
            if not both and last + first in vocabulary:
                words[-1] = last + first
                line = line[1:]
            elif last[-1:] in "-\u00ad\u2010" and len(last) > 1 and last[:-1] + first in vocabulary:
                words[-1] = last[:-1] + first
                line = line[1:]
        words.extend(line)
    return words


def compare_words(seed: list[str], shown: list[str]) -> list[tuple[int, str, str]]:
    """(index in ``shown``, seed words, shown words) for each run of words that differ."""
    found = []
    matcher = SequenceMatcher(None, seed, shown, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            found.append((j1, " ".join(seed[i1:i2]), " ".join(shown[j1:j2])))
    return found
