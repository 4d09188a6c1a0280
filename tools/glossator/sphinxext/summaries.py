"""Summaries of the articles for the pages that show every article, one small file per kind.

The landing page, the glossary and a few other pages show a little of every article. Were
they to depend on the article files, any edit to any article (a note's wording) would make
Sphinx read and write them all again. Instead each kind of summary is computed from the
corpus at ``builder-inited`` and written to ``<doctreedir>/glossator-summaries/<kind>.json``,
only when its bytes change, so its mtime moves exactly when what it summarises does. A
directive takes its data with :func:`use_summary`, which also makes its page depend on that
file.

A directive must take everything it shows of the articles from its summary: whatever else it
read from an article would go stale.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..corpus import Corpus
from .access import corpus_of

FOLDER = "glossator-summaries"

Summarise = Callable[[Corpus], Any]
SUMMARIES: dict[str, Summarise] = {}


def summary(kind: str) -> Callable[[Summarise], Summarise]:
    """Register ``function(corpus)`` as summary ``kind``: deterministic, JSON-serialisable data."""
    def register(function: Summarise) -> Summarise:
        SUMMARIES[kind] = function
        return function
    return register


def summary_path(env: BuildEnvironment, kind: str) -> Path:
    # The doctree folder belongs to this build, and outlives it, as the dependency must.
    return Path(env.doctreedir) / FOLDER / f"{kind}.json"


def _texts(app: Sphinx) -> dict[str, str]:
    """Every summary as JSON text, computed once per loaded corpus (its memo)."""
    corpus = corpus_of(app)
    return corpus.memo.get("summaries", lambda: {
        kind: json.dumps(summarise(corpus), ensure_ascii=False, indent=1) + "\n"
        for kind, summarise in SUMMARIES.items()})


def write_summaries(app: Sphinx) -> None:
    """Write each summary whose bytes changed, and leave the others (and their mtimes) alone."""
    for kind, text in _texts(app).items():
        path = summary_path(app.env, kind)
        data = text.encode("utf-8")
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".json.tmp")
        temporary.write_bytes(data)
        temporary.replace(path)


def use_summary(env: BuildEnvironment, kind: str) -> Any:
    """Summary ``kind`` as written (lists, not tuples), and a dependency of the current page."""
    env.note_dependency(summary_path(env, kind))
    return json.loads(_texts(env.app)[kind])


def setup_summaries(app: Sphinx) -> None:
    app.connect("builder-inited", write_summaries)
