"""Keep the search index's index entries across incremental builds.

Sphinx (9.0) collects each page's index entries (every glossary term is one) for the search
index while it writes the page, into the build environment, but it saves the environment
before writing. An incremental build therefore starts with none, and the search index it
writes holds the entries of the pages it rewrote only: after a note edit, the reader's search
forgot 196 of its 220 entries, and a term no longer led to its glossary entry. The entries
are saved when an HTML build finishes and given back, for the pages not rewritten, before
the next one writes.
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .htmlbuild import HTML_BUILDERS

ATTRIBUTE = "_search_index_index_entries"  # Sphinx's own; absent elsewhere, then nothing is done
FILE = "glossator-search-index-entries.json"


def setup_searchentries(app: Sphinx) -> None:
    app.connect("env-updated", _restore)
    app.connect("build-finished", _save)


def _path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / FILE


def _restore(app: Sphinx, env: BuildEnvironment) -> None:
    entries = getattr(env, ATTRIBUTE, None)
    if app.builder.name not in HTML_BUILDERS or not isinstance(entries, dict):
        return
    try:
        saved = json.loads(_path(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    for docname, items in saved.items():
        if docname in env.all_docs and docname not in entries:
            entries[docname] = [tuple(item) for item in items]


def _save(app: Sphinx, exception: Exception | None) -> None:
    entries = getattr(app.env, ATTRIBUTE, None)
    if exception is not None or app.builder.name not in HTML_BUILDERS or not isinstance(entries, dict):
        return
    kept = {doc: items for doc, items in entries.items() if doc in app.env.all_docs}
    _path(app).write_text(json.dumps(kept, ensure_ascii=False, sort_keys=True), encoding="utf-8")
