"""The glossator command: output formats, exit codes, and no traceback whatever the input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, fixture_project


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "glossator", *args], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def test_clean_corpus_exits_0() -> None:
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("All checks passed")


def test_findings_exit_1_with_compiler_style_lines(tmp_path: Path) -> None:
    project = fixture_project("FID401", tmp_path)
    result = run("check", cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("corpus/articles/mini.md:17:7: FID401 ")
    assert result.stdout.splitlines()[-1] == "Found 1 problem in 1 file."


def test_json_format(tmp_path: Path) -> None:
    project = fixture_project("FID402", tmp_path)
    rows = json.loads(run("check", "--format", "json", cwd=project).stdout)
    assert [(r["code"], r["path"], r["line"], r["column"]) for r in rows] == [
        ("FID402", "corpus/articles/mini.md", 22, 1)
    ]
    assert rows[0]["url"].endswith("#fid402") and rows[0]["message"]


def test_github_format(tmp_path: Path) -> None:
    project = fixture_project("FID403", tmp_path)
    out = run("check", "--format", "github", cwd=project).stdout
    assert out.startswith("::error file=corpus/articles/mini.md,line=26,col=1,title=FID403::")


def test_select_and_ignore(tmp_path: Path) -> None:
    project = fixture_project("FID403", tmp_path)
    assert run("check", "--ignore", "FID403", cwd=project).returncode == 0
    assert run("check", "--select", "FID", cwd=project).returncode == 1
    assert run("check", "--select", "YML", cwd=project).returncode == 0


def test_list_prints_every_code() -> None:
    out = run("check", "--list").stdout
    for code in ("FID401", "FID406", "FID411"):
        assert code in out


def test_usage_errors_exit_2_without_traceback(tmp_path: Path) -> None:
    for args in (("check", "--format", "xml"), ("check", "--select", "ZZZ9"), ("check", "no/such/file.md"), ("frobnicate",)):
        result = run(*args)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr
    outside = run("check", cwd=tmp_path)
    assert outside.returncode == 2 and "no corpus/articles" in outside.stderr


def test_unreadable_article_exits_2(tmp_path: Path) -> None:
    project = fixture_project("FID401", tmp_path)
    (project / "corpus/articles/mini.md").write_bytes(b"\xff\xfe not utf-8")
    result = run("check", cwd=project)
    assert result.returncode == 2
    assert "corpus/articles/mini.md" in result.stderr and "Traceback" not in result.stderr


def test_garbage_front_matter_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    project = fixture_project("FID401", tmp_path)
    (project / "corpus/articles/mini.md").write_text("---\n[unclosed\n---\n# T\n", encoding="utf-8")
    result = run("check", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "YML601" in result.stdout


def test_a_reminder_is_reported_but_does_not_fail(tmp_path: Path) -> None:
    """TCH710 (a claim without a position for an article) is work due, not an error."""
    project = fixture_project("TCH710", tmp_path)
    result = run("check", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert all(line.endswith("(reminder, not a failure)") for line in lines[:-1]) and len(lines) == 3
    assert lines[-1] == "All checks passed; 2 reminders."
    rows = json.loads(run("check", "--format", "json", cwd=project).stdout)
    assert {r["severity"] for r in rows} == {"reminder"}
    assert run("check", "--format", "github", cwd=project).stdout.startswith("::warning file=corpus/claims.yml,")
