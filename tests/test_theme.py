"""The theme is pinned exactly (issue #12): a new release can move the markup the drawer
buttons and the task tests rely on, so it must come in by a deliberate change of the pin."""

from __future__ import annotations

import importlib.metadata
import re
import runpy
import tomllib

from .conftest import ROOT


def _theme() -> str:
    return runpy.run_path(str(ROOT / "docs" / "conf.py"))["html_theme"]


def _requirements() -> list[str]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        project = tomllib.load(file)["project"]
    return [*project["dependencies"], *(r for extra in project.get("optional-dependencies", {}).values() for r in extra)]


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_the_theme_is_pinned_exactly_and_installed_at_the_pin() -> None:
    theme = _theme()
    pins = [r for r in _requirements() if _name(r) == theme]
    assert len(pins) == 1, f"pyproject.toml names the theme {theme!r} {len(pins)} times: {pins}"
    match = re.fullmatch(rf"{re.escape(theme)}\s*==\s*([0-9][0-9A-Za-z.]*)", pins[0].strip())
    assert match, f"the theme is not pinned with '==': {pins[0]!r}"
    assert importlib.metadata.version(theme) == match.group(1), "the installed theme is not the pinned one"
    # The architecture page names the same pin, so the decision and its figures stay tied to it.
    assert f"`{theme}=={match.group(1)}`" in (ROOT / "docs" / "contributing" / "architecture.md").read_text(encoding="utf-8")


def test_no_other_sphinx_theme_is_required() -> None:
    """The book theme and its base went with the move to Furo; an unpinned leftover would be
    a second theme that a release could break."""
    themes = [r for r in _requirements() if re.search(r"sphinx-book-theme|pydata-sphinx-theme|sphinx-rtd-theme", _name(r))]
    assert themes == []
