"""Shared fixtures: scratch copies of the real project and of the small test projects."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def copy_project(source: Path, dest: Path) -> Path:
    """Copy the parts of a project that checks and builds read: corpus/, seeds/, docs/."""
    for part in ("corpus", "seeds", "docs"):
        if (source / part).exists():
            shutil.copytree(source / part, dest / part, symlinks=True)
    return dest


@pytest.fixture
def real_project(tmp_path: Path) -> Path:
    """A scratch copy of this repository's corpus and seeds, safe to break."""
    return copy_project(ROOT, tmp_path / "project")


def fixture_project(name: str, dest: Path) -> Path:
    """The base test project with the files of fixture ``name`` laid over it."""
    copy_project(FIXTURES / "_base", dest)
    overlay = FIXTURES / "checks" / name
    for path in overlay.rglob("*"):
        if path.is_file():
            target = dest / path.relative_to(overlay)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return dest


def sphinx_build(builder: str, out: Path, *extra: str, env: dict[str, str] | None = None,
                 source: Path | None = None):
    """A real, strict Sphinx build of the reader (doctrees beside, not inside, the output).

    ``env`` adds variables to the build's environment (``SOURCE_DATE_EPOCH`` for one);
    ``source`` is another project's Sphinx folder (default: the reader's ``docs``).
    """
    import os
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", builder, "-n", "-W", "--keep-going", "-q",
         "-d", str(out.parent / f"{out.name}.doctrees"), *extra, str(source or ROOT / "docs"), str(out)],
        capture_output=True, text=True, timeout=900, env={**os.environ, **(env or {})},
    )


def strict_session_build(factory: pytest.TempPathFactory, builder: str, env: dict[str, str] | None = None) -> Path:
    """A build of the reader by ``builder`` into a fresh folder, which must give no warning."""
    out = factory.mktemp(builder) / builder
    result = sphinx_build(builder, out, env=env)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    return out


@pytest.fixture(scope="session")
def html_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML reader, built once per test session with zero warnings."""
    return strict_session_build(tmp_path_factory, "html")


# A fixed build date, so that the EPUB's metadata can be compared with it (reproducible builds).
SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


@pytest.fixture(scope="session")
def latex_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The LaTeX sources of the reader and its handouts, built once per session, zero warnings."""
    return strict_session_build(tmp_path_factory, "latex")


@pytest.fixture(scope="session")
def pdf_build(latex_build: Path) -> Path:
    """The folder of ``latex_build`` after ``make all-pdf``: the PDFs and their LaTeX logs."""
    import shutil
    import subprocess

    if not (shutil.which("latexmk") and shutil.which("xelatex") and shutil.which("pdftotext")):
        pytest.skip("TeX Live or poppler-utils missing (tools/scripts/system-deps.sh pdf)")
    make = subprocess.run(["make", "-C", str(latex_build), "all-pdf"], capture_output=True, text=True, timeout=900)
    assert make.returncode == 0, make.stdout[-3000:]
    return latex_build


@pytest.fixture(scope="session")
def epub_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The EPUB, built once per session with zero warnings and a fixed ``SOURCE_DATE_EPOCH``."""
    return strict_session_build(tmp_path_factory, "epub", env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})


# -- Browser fixtures (tests/browser_support.py) ------------------------------------------

@pytest.fixture(scope="session")
def site(html_build: Path):
    """The built reader on a loopback HTTP server, for the whole test session."""
    from .browser_support import serve

    base, server = serve(html_build)
    yield base
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the test session."""
    from playwright.sync_api import sync_playwright

    from .browser_support import launch

    with sync_playwright() as playwright:
        instance = launch(playwright)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A laptop-sized page whose requests must all stay on the machine."""
    from .browser_support import open_page

    yield from open_page(browser, viewport={"width": 1400, "height": 1000})


@pytest.fixture(params=__import__("tests.browser_support", fromlist=["DEVICES"]).DEVICES, ids=lambda d: d.name)
def device(request):
    """Each screen students read on: phone and tablet by touch, two laptops and a desktop."""
    return request.param


@pytest.fixture
def device_page(browser, device):
    """A page of ``device``'s size (touch where the device is), its requests kept on the machine."""
    from .browser_support import open_page

    yield from open_page(browser, **device.context_options())
