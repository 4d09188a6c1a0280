"""``glossator sources``: the bibliography's counts by kind and its untraced mirrors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import FIXTURES, copy_project

RECORDS = """\
mini-2020:
  kind: press
  type: analysis
  title: "A Mini Title"
  outlet: Example Review
  date: "2020-01-02"
  url: https://example.org/mini
  accessed: "2026-11-23"
wire-traced:
  kind: wire
  type: news
  title: "A Wire Story"
  outlet: Example Agency
  date: "2020-01-03"
  url: https://agency.example/story
  accessed: "2026-11-23"
  via: {url: "https://repost.example/story", outlet: Repost, accessed: "2026-11-23"}
mirror-a:
  kind: mirror
  type: reference
  title: "Copied Page"
  outlet: Copy Site
  url: https://copy.example/a
  accessed: "2026-11-23"
"""


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "glossator", "sources", *args], cwd=project,
                          capture_output=True, text=True, timeout=60)


def test_counts_by_kind_and_untraced_mirrors(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "_base", tmp_path)
    (project / "corpus" / "sources.yml").write_text(RECORDS, encoding="utf-8")
    result = run(project, "--mirrors")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "3 records"
    assert [line.split()[:2] for line in lines[1:4]] == [["wire", "1"], ["press", "1"], ["mirror", "1"]]
    assert "traced past a copy (via): 1" in lines
    assert "mirrors without a traced original: 1 of 3 (33.3%)" in lines
    assert lines[-1].strip() == "mirror-a"


def test_outside_a_project_is_a_clear_error(tmp_path: Path) -> None:
    result = run(tmp_path)
    assert result.returncode == 2
    assert "no corpus/articles folder" in result.stderr and "Traceback" not in result.stderr
