"""Every check code has a broken fixture that triggers it, and nothing else fires."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from glossator.checks import run_checks
from glossator.corpus import load_corpus
from glossator.diagnostics import REGISTRY, failures

from .conftest import FIXTURES, ROOT, copy_project, fixture_project

EXPECT = re.compile(r"expect: (?P<code>[A-Z]{3}\d{3}) (?P<line>\d+):(?P<col>\d+)")
CASES = sorted(p.name for p in (FIXTURES / "checks").iterdir() if p.is_dir())


def expectations(project: Path) -> Counter:
    """(path, line, col, code) written as 'expect:' comments inside the fixture's files."""
    found: Counter = Counter()
    for path in sorted(project.rglob("*")):
        if path.is_file() and path.suffix in {".md", ".yml", ".yaml"}:
            for match in EXPECT.finditer(path.read_text(encoding="utf-8")):
                rel = path.relative_to(project).as_posix()
                found[(rel, int(match["line"]), int(match["col"]), match["code"])] += 1
    return found


def findings(project: Path) -> Counter:
    corpus = load_corpus(project)
    return Counter((d.path, d.line, d.col, d.code) for d in run_checks(corpus))


@pytest.mark.parametrize("case", CASES)
def test_fixture_triggers_exactly_its_expectations(case: str, tmp_path: Path) -> None:
    project = fixture_project(case, tmp_path)
    expected = expectations(project)
    if case.startswith("OK"):  # a valid fixture: nothing may be reported
        assert expected == Counter() and findings(project) == Counter()
        return
    assert expected, f"fixture {case} has no 'expect:' line"
    assert any(code == case.split("-")[0] for (_, _, _, code) in expected), "fixture must expect its own code"
    assert findings(project) == expected


def test_every_code_has_a_fixture() -> None:
    covered = {case.split("-")[0] for case in CASES if not case.startswith("OK")}
    covered.add("LNK190")  # online only: tests/test_online.py serves a broken link on loopback
    assert sorted(set(REGISTRY) - covered) == []


def test_base_fixture_is_clean(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "_base", tmp_path)
    assert findings(project) == Counter()


def test_real_corpus_is_clean() -> None:
    """No failure; reminders (a new article's claim positions, TCH710) are work due, not errors."""
    corpus = load_corpus(ROOT)
    assert [d.text() for d in failures(run_checks(corpus))] == []
