"""Bylines and dates of source records for the article headers and the timeline. Citations, the
labels of ``{cite}`` links and bibliography entries are formatted by CSL (:mod:`glossator.csl`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..schema import display_title  # noqa: F401  (articles.py imports it from here)

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]


def human_date(value: Any) -> str:
    """'2019-04-25' -> '25 April 2019'; '2019-04' -> 'April 2019'; '2019' -> '2019'."""
    parts = str(value or "").split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return str(value)
    return parts[0] or "n.d."


def creator(record: Mapping[str, Any]) -> str:
    """Who wrote it, for a byline: 'Anna Kireeva and Liudmila Zakharova' or the organisation."""
    names = []
    for author in record.get("authors") or []:
        family, _, given = str(author).partition(",")
        names.append(f"{given.strip()} {family.strip()}".strip())
    if names:
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return str(record.get("organisation") or record.get("outlet") or "Anonymous")
