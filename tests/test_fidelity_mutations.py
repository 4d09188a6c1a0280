"""The faults a careless edit makes to a real article are caught, at the right file and line."""

from __future__ import annotations

from pathlib import Path

from glossator.checks import run_checks
from glossator.corpus import load_corpus

ARTICLE = "corpus/articles/2020-04-gray-vladivostok-visit.md"


def _edit(project: Path, old: str, new: str) -> list[str]:
    """Apply one edit to the scratch article and return its lines after the edit."""
    path = project / ARTICLE
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the test's anchor text must occur once: {old!r}"
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text.split("\n")


def _line(lines: list[str], needle: str) -> int:
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def _found(project: Path) -> list[tuple[str, int, int, str]]:
    """Fidelity findings only: dropping a paragraph also orphans its notes, rightly, elsewhere."""
    return [(d.path, d.line, d.col, d.code) for d in run_checks(load_corpus(project), select=["FID"])]


def test_changed_word(real_project: Path) -> None:
    lines = _edit(real_project, "the continued unwillingness of", "the continuing unwillingness of")
    line = _line(lines, "the continuing unwillingness")
    col = lines[line - 1].index("continuing") + 1
    assert _found(real_project) == [(ARTICLE, line, col, "FID401")]


def test_dropped_paragraph(real_project: Path) -> None:
    text = (real_project / ARTICLE).read_text(encoding="utf-8")
    start = text.index("Fear, however, appears")
    end = text.index("As such, what little trade")
    lines = _edit(real_project, text[start:end], "")
    assert _found(real_project) == [(ARTICLE, _line(lines, "As such, what little trade"), 1, "FID402")]


def test_added_sentence(real_project: Path) -> None:
    old = "a check-up on relations may have to wait."
    lines = _edit(real_project, old, old + " Nobody knows when.")
    line = _line(lines, "Nobody knows when.")
    col = lines[line - 1].index("Nobody") + 1
    found = _found(real_project)
    assert found == [(ARTICLE, line, col, "FID401")]


def test_swapped_paragraphs(real_project: Path) -> None:
    text = (real_project / ARTICLE).read_text(encoding="utf-8")
    a = text.index("Fear, however, appears")
    b = text.index("As such, what little trade")
    c = text.index("Diplomacy, as a result")
    first, second = text[a:b], text[b:c]
    lines = _edit(real_project, first + second, second + first)
    found = _found(real_project)
    # Which of the two is "the moved one" is a matter of view; exactly one is reported.
    candidates = {_line(lines, "Fear, however, appears"), _line(lines, "As such, what little trade")}
    assert len(found) == 1 and found[0][3] == "FID404" and found[0][1] in candidates


def test_unclassified_seed_line(real_project: Path) -> None:
    lines = _edit(real_project, "  - {lines: 5, role: chrome, reason: \"site navigation ('Recent Features')\"}\n", "")
    found = _found(real_project)
    assert found == [(ARTICLE, _line(lines, "seed_lines:"), 1, "FID406")]


def test_edited_seed_is_caught(real_project: Path) -> None:
    seed = real_project / "seeds" / "000_4b2f3c4630ee6ea0.txt"
    seed.write_bytes(seed.read_bytes().replace(b"Vladivostok", b"Vladivostock", 1))
    codes = {code for (_, _, _, code) in _found(real_project)}
    assert "FID409" in codes
