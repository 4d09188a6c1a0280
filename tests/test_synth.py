"""The synthetic corpus the benchmark measures (tools/bench.py) is itself check-clean."""

from __future__ import annotations

from pathlib import Path

from glossator.checks import run_checks
from glossator.corpus import load_corpus
from glossator.synth import make_synthetic

from .conftest import ROOT


def test_doubled_corpus_is_check_clean(tmp_path: Path) -> None:
    original = load_corpus(ROOT)
    root = make_synthetic(2, tmp_path / "synthetic", ROOT)
    corpus = load_corpus(root)
    assert len(corpus.articles) == 2 * len(original.articles)
    assert len({a.stem for a in corpus.articles}) == len(corpus.articles)
    assert len(corpus.glossary) == 2 * len(original.glossary)
    # Records cited only by the teaching data (timeline, claims) are not copied.
    assert len(original.sources) < len(corpus.sources) <= 2 * len(original.sources)
    findings = run_checks(corpus)
    assert findings == [], "\n".join(f.text() for f in findings[:20])


def test_copies_are_really_checked(tmp_path: Path) -> None:
    """A change of seed text in a copy is found: the copies are not skipped by any check."""
    root = make_synthetic(2, tmp_path / "synthetic", ROOT)
    copy = sorted((root / "corpus" / "articles").glob("*-s002.md"))[0]
    text = copy.read_text(encoding="utf-8")
    body_start = text.index("\n---\n", 4) + 5
    first_term = text.index("{term}`", body_start)
    copy.write_text(text[:first_term] + "{term}`no such term` " + text[first_term:], encoding="utf-8")
    codes = {f.code for f in run_checks(load_corpus(root))}
    assert {"GLO301", "FID401"} <= codes or {"GLO301", "FID403"} <= codes, codes
