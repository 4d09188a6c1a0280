"""Reproducible output: two builds of one commit write the same bytes.

- ``SOURCE_DATE_EPOCH`` (https://reproducible-builds.org/specs/source-date-epoch/) is honoured;
  when it is not set and the project is a git checkout, it is set to the last commit's time,
  so the EPUB's date and the PDF's ``\\date`` are the commit's, not the day of the build.
- Sphinx rewrites the year in ``copyright`` to SOURCE_DATE_EPOCH's year; the reader shows the
  year its editors wrote, so the configured value is put back.
- The EPUB zip stores each file's modification time: it is rewritten, entries in the same
  order and with the same compression, with every timestamp at SOURCE_DATE_EPOCH (or 1980-01-01,
  zip's earliest date, when there is none).
- The trimmed icon fonts keep their source's timestamp (``sphinxext/iconfonts.py``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import zipfile
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx


def _commit_time(root: Path) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        result = subprocess.run([git, "-C", str(root), "log", "-1", "--format=%ct"],
                                capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    value = result.stdout.strip()
    return value if result.returncode == 0 and value.isdigit() else None


def _epoch(app: Sphinx, config: Any) -> None:
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        commit = _commit_time(Path(app.confdir, config.glossator_root))
        if commit:
            os.environ["SOURCE_DATE_EPOCH"] = commit
    # Undo sphinx.config.correct_copyright_year (priority 800): the year is the editors'.
    raw = getattr(config, "_raw_config", {})
    for name in ("copyright", "epub_copyright"):
        if name in raw:
            config[name] = raw[name]


def zip_time() -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        stamp = time.gmtime(max(int(epoch), 315532800))  # zip cannot store a date before 1980
        return stamp[:6]
    return (1980, 1, 1, 0, 0, 0)


def fix_zip_times(path: Path) -> None:
    """Rewrite the zip at ``path`` with every entry stamped ``zip_time()``, order and compression kept."""
    stamp = zip_time()
    temporary = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(temporary, "w") as dest:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = info.compress_type
            entry.external_attr = 0o644 << 16
            dest.writestr(entry, source.read(info))
    temporary.replace(path)


def _epub(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "epub":
        return
    for book in Path(app.outdir).glob("*.epub"):
        fix_zip_times(book)


def setup_reproducible(app: Sphinx) -> None:
    app.connect("config-inited", _epoch, priority=900)
    app.connect("build-finished", _epub, priority=100)  # before epubcheck-style readers of the file
