"""What a project gets by listing the extension: its companions, and the settings it relies on.

``extensions = ["glossator.sphinxext"]`` is a whole reader's configuration:

- **Companions.** MyST-Parser (articles are MyST) and sphinx-design (the landing cards) are
  loaded from ``setup()``, so a project need not list them.
- **MyST settings** that ``glossator check`` shares with the build are applied when the
  configuration loads (``config-inited``), unless the project sets them itself:
  ``myst_enable_extensions`` (:data:`glossator.markdown.MYST_EXTENSIONS`: ``:::{byline}`` and
  the other seed directives need ``colon_fence``), ``myst_footnote_transition = False`` and
  ``smartquotes = False`` (an article's characters are its seed's), and
  ``myst_heading_anchors = 3``. A project that sets one of the first three incompatibly stops
  the build with a configuration error that names the setting and what it needs: otherwise
  ``:::{byline}`` renders as literal text and the only warning is a misleading one.
- **Templates** (``templates/theme``: Furo's sidebar list as a landmark named "Main") are
  added after the project's own ``templates_path``, so a project's template of the same name
  wins. A theme without that template never asks for it.
- **LaTeX**: the macros and layout the PDF needs are ``latexlayout.py``'s, added the same way.
- **EPUB.** Sphinx warns (an error under ``-W``) when ``copyright`` or ``version`` is empty;
  unset, they default to the author and ``1``.

Everything is done at ``config-inited``, before Sphinx compares the configuration with the
last build's, and gives the same values each time, so no build sees a changed configuration.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from ..markdown import MYST_EXTENSIONS

TEMPLATES = Path(__file__).parent / "templates" / "theme"

# Settings a project may leave out; when it sets them, to what they must be.
REQUIRED_FALSE = {
    "smartquotes": "an article's characters are its seed's, so no quote or dash may be replaced",
    "myst_footnote_transition": "the notes follow an article's last paragraph with no rule between",
}
DEFAULTS: dict[str, Any] = {"myst_heading_anchors": 3}


def project_sets(config: Config, name: str) -> bool:
    """Whether the project's conf.py (or ``-D``) sets ``name``, as opposed to its default."""
    return name in getattr(config, "_raw_config", {}) or name in getattr(config, "_overrides", {})


def _as_names(value: Any) -> list[str]:
    if isinstance(value, str):  # -D myst_enable_extensions=colon_fence,deflist
        return [part.strip() for part in value.split(",") if part.strip()]
    return [str(part) for part in value or ()]


def apply_settings(app: Sphinx, config: Config) -> None:
    """Give each setting the extension relies on its value, or stop on an incompatible one."""
    if project_sets(config, "myst_enable_extensions"):
        chosen = _as_names(config.myst_enable_extensions)
        missing = [name for name in MYST_EXTENSIONS if name not in chosen]
        if missing:
            raise ConfigError(
                f"myst_enable_extensions = {chosen!r} leaves out {', '.join(missing)}: glossator.sphinxext "
                f"needs {', '.join(MYST_EXTENSIONS)} (its seed directives, such as :::{{byline}}, are colon "
                f"fences, and glossator check parses articles with them). Add them to the list, or delete the "
                f"setting from conf.py to take Glossator's.")
        config.myst_enable_extensions = chosen
    else:
        config.myst_enable_extensions = list(MYST_EXTENSIONS)
    for name, why in REQUIRED_FALSE.items():
        if project_sets(config, name) and config[name] not in (False, "0", "False", "false", 0):
            raise ConfigError(f"{name} = {config[name]!r}: glossator.sphinxext needs {name} = False ({why}). "
                              f"Set it to False, or delete the setting from conf.py.")
        config[name] = False
    for name, value in DEFAULTS.items():
        if not project_sets(config, name):
            config[name] = value
    if TEMPLATES.is_dir() and str(TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES)]
    if not project_sets(config, "copyright") and not config.copyright and config.author:
        config.copyright = config.author
    if not config.version:
        config.version = config.release or "1"


def setup_settings(app: Sphinx) -> None:
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    # Early, so that the features' own config-inited handlers see the settings applied.
    app.connect("config-inited", apply_settings, priority=100)
