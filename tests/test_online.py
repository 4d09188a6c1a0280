"""--online: Sphinx's linkcheck builder against a server on loopback (never the internet)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from glossator.checks import run_checks
from glossator.corpus import load_corpus
from glossator.online import CACHE_FILE, check_online

from .conftest import fixture_project


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:  # noqa: N802
            self.do_GET()

        def do_GET(self) -> None:  # noqa: N802
            hits.append(self.path)
            self.send_response(200 if self.path == "/ok" else 404)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(b"<html><body>ok</body></html>")

        def log_message(self, *args) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    httpd.shutdown()


def _project(tmp_path: Path, base: str) -> Path:
    project = fixture_project("OK-annotated", tmp_path)
    sources = project / "corpus/sources.yml"
    text = sources.read_text(encoding="utf-8").replace("https://example.org/mini", f"{base}/gone")
    text = text.replace("  accessed:", "  http_reason: a test server on loopback\n  accessed:", 1)
    text += (f"ok-2021:\n  type: news\n  kind: press\n  title: \"Fine\"\n  organisation: Org\n  outlet: Wire\n  date: \"2021\"\n"
             f"  url: {base}/ok\n  http_reason: a test server on loopback\n  accessed: \"2026-11-23\"\n")
    sources.write_text(text, encoding="utf-8")
    article = project / "corpus/articles/mini.md"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "{cite}`mini-2020`.", "{cite}`mini-2020` and {cite}`ok-2021`."), encoding="utf-8")
    return project


def test_broken_url_is_reported_where_it_is_written(tmp_path: Path, server) -> None:
    base, hits = server
    project = _project(tmp_path, base)
    corpus = load_corpus(project)
    found = check_online(corpus, project)
    assert [(d.path, d.code) for d in found] == [("corpus/sources.yml", "LNK190")]
    line = project.joinpath("corpus/sources.yml").read_text().split("\n").index(f"  url: {base}/gone") + 1
    assert found[0].line == line and "/gone" in found[0].message
    corpus.findings.extend(found)
    assert [d.code for d in run_checks(corpus)] == ["LNK190"]


def test_working_urls_are_cached(tmp_path: Path, server) -> None:
    base, hits = server
    project = _project(tmp_path, base)
    check_online(load_corpus(project), project)
    assert "/ok" in hits and (project / CACHE_FILE).exists()
    hits.clear()
    check_online(load_corpus(project), project)
    assert "/ok" not in hits and "/gone" in hits  # only the broken one is asked again


def test_cli_online_flag(tmp_path: Path, server) -> None:
    import subprocess
    import sys

    base, _ = server
    project = _project(tmp_path, base)
    result = subprocess.run([sys.executable, "-m", "glossator", "check", "--online"], cwd=project,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "LNK190" in result.stdout and "Traceback" not in result.stderr
    offline = subprocess.run([sys.executable, "-m", "glossator", "check"], cwd=project,
                             capture_output=True, text=True, timeout=60)
    assert offline.returncode == 0  # the offline check never asks the network
