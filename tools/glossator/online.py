"""``glossator check --online``: check external URLs for real with Sphinx's linkcheck builder.

Sphinx's builder does the HTTP work (retries, timeouts, per-host rate limiting on 429
answers with Retry-After); this module chooses the URLs, remembers recent successes in a
cache so that a re-run only asks about what is new or was broken, and maps every result back
to the file and line where the URL is written. The offline check never imports this module.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from .checks.common import all_refs, record_urls
from .corpus import Corpus
from .diagnostics import Diagnostic

CACHE_FILE = ".glossator-cache/linkcheck.json"
FRESH_FOR = 7 * 24 * 3600  # a URL that worked is not asked about again for a week

CONF = '''
project = "glossator-linkcheck"
extensions = ["myst_parser"]
linkcheck_retries = {retries}
linkcheck_timeout = {timeout}
linkcheck_workers = 4
linkcheck_rate_limit_timeout = 120.0
linkcheck_report_timeouts_as_broken = False
linkcheck_allow_unauthorized = True
'''


def url_locations(corpus: Corpus) -> dict[str, list[tuple[str, int, int]]]:
    """Every external URL of the corpus, with where it is written."""
    found: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for loc in all_refs(corpus):
        if loc.ref.kind == "link" and loc.ref.name.startswith(("http://", "https://")):
            found[loc.ref.name].append((loc.article.rel, loc.ref.line, loc.ref.col))
    for entry in record_urls(corpus):
        if entry.url.startswith(("http://", "https://")):
            found[entry.url].append((entry.path, entry.line, 1))
    return dict(found)


def _load_cache(path: Path) -> dict[str, float]:
    try:
        return {k: float(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def run_linkcheck(urls: list[str], workdir: Path, retries: int = 2, timeout: int = 20) -> list[dict]:
    """Run Sphinx's linkcheck builder over ``urls``; return its output.json rows."""
    src = workdir / "src"
    src.mkdir(parents=True, exist_ok=True)
    (src / "conf.py").write_text(CONF.format(retries=retries, timeout=timeout), encoding="utf-8")
    (src / "index.md").write_text("# Links\n\n" + "\n".join(f"- <{url}>" for url in urls) + "\n", encoding="utf-8")
    out = workdir / "out"
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "linkcheck", "-q", str(src), str(out)],
                   capture_output=True, text=True, timeout=3600)
    report = out / "output.json"
    if not report.exists():
        return []
    return [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines() if line.strip()]


def check_online(corpus: Corpus, root: Path, refresh: bool = False) -> list[Diagnostic]:
    """LNK190 for every URL that is broken; successes are cached for a week."""
    cache_path = root / CACHE_FILE
    cache = {} if refresh else _load_cache(cache_path)
    now = time.time()
    locations = url_locations(corpus)
    todo = sorted(url for url in locations if now - cache.get(url, 0) > FRESH_FOR)
    findings: list[Diagnostic] = []
    if todo:
        with tempfile.TemporaryDirectory() as tmp:
            rows = run_linkcheck(todo, Path(tmp))
        for row in rows:
            url, status = row.get("uri", ""), row.get("status", "")
            if status in {"working", "redirected"}:
                cache[url] = now
            elif status == "broken" and url in locations:
                for path, line, col in locations[url]:
                    info = str(row.get("info", "")).splitlines()[0][:160] if row.get("info") else "no answer"
                    findings.append(Diagnostic(path, line, col, "LNK190", f"'{url}' is broken: {info}"))
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    cache_path.write_text(json.dumps(cache, indent=1, sort_keys=True), encoding="utf-8")
    return findings
