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
  the build (exit status 2) with an error at conf.py that names the setting and what it needs: otherwise
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

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..markdown import MYST_EXTENSIONS

logger = logging.getLogger(__name__)

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


def _stop(app: Sphinx, name: str, message: str) -> None:
    """End the build with ``message``, at the line of conf.py that sets ``name``. Not an
    exception: Sphinx prints any exception, a ConfigError too, as a crash report with a
    traceback to send to its developers."""
    conf = Path(app.confdir, "conf.py")
    location = None  # set with -D: no line to point at
    try:
        for number, line in enumerate(conf.read_text(encoding="utf-8").splitlines(), start=1):
            if re.match(rf"{name}\s*[+]?=", line):
                location = f"{conf}:{number}"
    except OSError:
        pass
    logger.error(message, location=location, type="glossator", subtype="config")
    raise SystemExit(2)


def apply_settings(app: Sphinx, config: Config) -> None:
    """Give each setting the extension relies on its value, or stop on an incompatible one."""
    if project_sets(config, "myst_enable_extensions"):
        chosen = _as_names(config.myst_enable_extensions)
        missing = [name for name in MYST_EXTENSIONS if name not in chosen]
        if missing:
            _stop(app, "myst_enable_extensions",
                f"myst_enable_extensions = {chosen!r} leaves out {', '.join(missing)}: glossator.sphinxext "
                f"needs {', '.join(MYST_EXTENSIONS)} (its seed directives, such as :::{{byline}}, are colon "
                f"fences, and glossator check parses articles with them). Add them to the list, or delete the "
                f"setting from conf.py to take Glossator's.")
        config.myst_enable_extensions = chosen
    else:
        config.myst_enable_extensions = list(MYST_EXTENSIONS)
    for name, why in REQUIRED_FALSE.items():
        if project_sets(config, name) and config[name] not in (False, "0", "False", "false", 0):
            _stop(app, name, f"{name} = {config[name]!r}: glossator.sphinxext needs {name} = False ({why}). "
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
