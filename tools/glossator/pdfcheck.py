"""``glossator verify-pdf``: the words of every article in the built PDF are its seed's words.

The LaTeX build sets every character of an article that is not apparatus in the colour
``SEED_RGB`` (glossator.sphinxext.outputcheck, ``\\glossatorseed``), indistinguishable from
black. ``pdftohtml -xml`` (poppler) gives each run of text with its colour and position;
the runs of that colour, in page order, are the articles' text. They are compared word by
word with the seeds' kept lines, after undoing ligatures and line-end hyphenation
(glossator.outputtext.pdf_words); docs/contributing/checks.md says exactly what this allows.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from .outputtext import pdf_words, seed_words


@dataclass
class SeedWord:
    word: str
    article: object
    seed_line: int
    block: int  # index among the article's kept lines
    role: str


def _colour() -> str:
    from .sphinxext.outputcheck import SEED_RGB

    return "#" + "".join(f"{c:02x}" for c in SEED_RGB)


def _seed_boxes(pdf: Path) -> dict[int, list[tuple[float, float, float, float]]]:
    """Per page, the boxes (x0, y0, x1, y1, in points) of the runs set in the seed colour."""
    from lxml import etree

    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-zoom", "1", "-stdout", "-q", "-enc", "UTF-8", str(pdf)],
                         capture_output=True, check=True, timeout=600).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True, huge_tree=True))
    colour = _colour()
    seed_fonts = {spec.get("id") for spec in root.iter("fontspec") if (spec.get("color") or "").lower() == colour}
    boxes: dict[int, list[tuple[float, float, float, float]]] = {}
    for page in root.iter("page"):
        number = int(page.get("number"))
        for text in page.iter("text"):
            if text.get("font") in seed_fonts:
                x, y = float(text.get("left")), float(text.get("top"))
                boxes.setdefault(number, []).append((x, y, x + float(text.get("width")),
                                                     y + float(text.get("height"))))
    return boxes


def seed_text_of_pdf(pdf: Path) -> str:
    """The words of the PDF set in the seed colour, as pdftotext segments them (so its spacing
    decides where words end), one PDF line per line of the result.

    pdftohtml gives the colour of each run of text but not reliable spaces between runs;
    pdftotext gives words and their boxes but no colours: a word is the seed's when its
    centre lies in a seed-coloured run.
    """
    from lxml import etree

    boxes = _seed_boxes(pdf)
    layout = subprocess.run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(pdf), "-"],
                            capture_output=True, check=True, timeout=600).stdout
    root = etree.fromstring(layout, etree.XMLParser(recover=True, huge_tree=True))
    lines: list[str] = []
    for number, page in enumerate((e for e in root.iter() if etree.QName(e).localname == "page"), start=1):
        runs = boxes.get(number, [])
        for line in (e for e in page.iter() if etree.QName(e).localname == "line"):
            out: list[str] = []
            right, glued = None, False  # right edge of the last word; whether apparatus touched it
            for word in (e for e in line if etree.QName(e).localname == "word"):
                x0, x1 = float(word.get("xMin")), float(word.get("xMax"))
                cy = (float(word.get("yMin")) + float(word.get("yMax"))) / 2
                touching = right is not None and x0 - right < 0.5
                if any(a - 1.5 <= (x0 + x1) / 2 <= b + 1.5 and c - 1.5 <= cy <= d + 1.5 for a, c, b, d in runs):
                    if out and glued and touching:
                        out[-1] += word.text or ""  # "25)" + note mark + "—a": one word of the seed
                    else:
                        out.append(word.text or "")
                    glued = True
                else:
                    glued = glued and touching  # an apparatus word (a note's mark) set tight
                right = x1
            if out:
                lines.append(" ".join(out))
    return "\n".join(lines)


def verify_pdf(pdf: Path, root: Path) -> list[str]:
    """Problems found, each naming the article, ¶N and file:line; empty when the PDF is faithful."""
    from .checks.fidelity import expected_lines
    from .corpus import load_corpus

    if shutil.which("pdftohtml") is None:
        return [f"{pdf}: pdftohtml (poppler-utils) is not installed; install it to verify the PDF"]
    corpus = load_corpus(root)
    # The reader's contents list the articles by glob, so in file-name order.
    articles = sorted((a for a in corpus.articles if a.seed_path is not None), key=lambda a: a.docname)
    expected: list[SeedWord] = []
    for article in articles:
        for index, line in enumerate(expected_lines(article)):
            expected += [SeedWord(w, article, line.line_of_word(k), index, line.role)
                         for k, w in enumerate(seed_words(line.text))]
    vocabulary = {w.word for w in expected}
    shown = pdf_words(seed_text_of_pdf(pdf), vocabulary)
    # Chapter titles are set in capitals by the PDF's heading style: words are matched without
    # case, and then must match exactly, except the words of title lines.
    matcher = SequenceMatcher(None, [w.word.casefold() for w in expected], [w.casefold() for w in shown],
                              autojunk=False)
    problems = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                word = expected[i1 + k]
                if word.role != "title" and word.word != shown[j1 + k]:
                    problems.append(_problem(word, shown[j1 + k], word.word))
            continue
        word = expected[min(i1, len(expected) - 1)]
        was = " ".join(w.word for w in expected[i1:i2])
        problems.append(_problem(word, " ".join(shown[j1:j2]), was))
    return problems


def _problem(word: SeedWord, now: str, was: str) -> str:
    """One line: file:line, article, ¶N, what the PDF shows and what the seed has."""
    from .checks.fidelity import align

    article = word.article
    blocks = [b for b in article.doc.blocks if b is not align(article).title_block]
    block = blocks[min(word.block, len(blocks) - 1)]
    para = f" ¶{block.para}" if block.para else ""
    return (f"{article.rel}:{block.line}: article '{article.stem}'{para}: the PDF shows "
            f"'{now or '(nothing)'}' where seed line {word.seed_line} has '{was or '(nothing)'}'")
