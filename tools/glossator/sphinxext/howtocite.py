"""How to cite an article: Chicago and APA forms generated from its ``corpus/sources.yml`` record.

Each formatter returns *runs*, ``(style, text)`` pairs with style ``""`` (plain), ``"em"``
(italic) or ``"url"`` (a link), so the Sphinx side turns them into nodes for every builder and
the tests can read them as text. What the record does not know is said, never invented: a
record without a date gives "n.d.", one without a URL gives none.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .records import MONTHS, display_title

Runs = list[tuple[str, str]]


def _names(record: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(family, given) for each author."""
    result = []
    for author in record.get("authors") or []:
        family, _, given = str(author).partition(",")
        result.append((family.strip(), given.strip()))
    return result


def _organisation(record: Mapping[str, Any]) -> str:
    return str(record.get("organisation") or "")


def _join(items: list[str], last: str) -> str:
    """'A', 'A and B', 'A, B, and C' with ``last`` as the final conjunction."""
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {last} {items[1]}"
    return ", ".join(items[:-1]) + f", {last} {items[-1]}"


def _end(text: str, mark: str) -> str:
    """Append punctuation unless the text already ends with a stop, question or exclamation."""
    return text if text.endswith((".", "?", "!")) else text + mark


def _parts(value: Any) -> tuple[str, int | None, int | None]:
    """('2019', 4, 25) from '2019-04-25'; missing parts are None; no date gives ('', None, None)."""
    pieces = str(value or "").split("-")
    try:
        month = int(pieces[1]) if len(pieces) > 1 else None
        day = int(pieces[2]) if len(pieces) > 2 else None
    except ValueError:
        return pieces[0], None, None
    return pieces[0], month, day


def chicago_date(value: Any) -> str:
    """'April 25, 2019', 'April 2019', '2019', or 'n.d.'."""
    year, month, day = _parts(value)
    if not year:
        return "n.d."
    if month and day:
        return f"{MONTHS[month - 1]} {day}, {year}"
    return f"{MONTHS[month - 1]} {year}" if month else year


def apa_date(value: Any) -> str:
    """'2019, April 25', '2019, April', '2019', or 'n.d.'."""
    year, month, day = _parts(value)
    if not year:
        return "n.d."
    if month:
        return f"{year}, {MONTHS[month - 1]}" + (f" {day}" if day else "")
    return year


def _quoted_title(record: Mapping[str, Any], mark: str) -> str:
    """“Title.” in quotation marks; a title the editors supplied in [brackets] stays unquoted."""
    if record.get("title_supplied") or not record.get("title"):
        return display_title(record) + mark
    return f"“{_end(str(record['title']), mark)}”"


def _url_runs(record: Mapping[str, Any]) -> Runs:
    return [("", " "), ("url", str(record["url"]))] if record.get("url") else []


def chicago_bibliography(record: Mapping[str, Any]) -> Runs:
    """Chicago (17th ed.) bibliography entry: Family, Given, and Given Family. “Title.” *Outlet*, date. URL."""
    names = _names(record)
    if names:
        first = ", ".join(p for p in names[0] if p)
        rest = [f"{g} {f}".strip() for f, g in names[1:]]
        # After an inverted first name Chicago puts a comma before "and" even for two authors.
        who = ", ".join([first, *rest[:-1]]) + (f", and {rest[-1]}" if rest else "")
    else:
        who = _organisation(record)
    runs: Runs = [("", _end(who, ".") + " ")] if who else []
    runs.append(("", _quoted_title(record, ".") + " "))
    if record.get("outlet"):
        runs += [("em", str(record["outlet"])), ("", ", ")]
    runs.append(("", _end(chicago_date(record.get("date")), ".")))
    if not record.get("date") and record.get("accessed"):
        runs.append(("", f" Accessed {chicago_date(record['accessed'])}."))
    if record.get("url"):
        runs += _url_runs(record) + [("", ".")]
    return runs


def chicago_note(record: Mapping[str, Any], paragraph: int) -> Runs:
    """Chicago note citing one paragraph: Given Family, “Title,” *Outlet*, date, para. N, URL."""
    names = [f"{g} {f}".strip() for f, g in _names(record)]
    who = f"{names[0]} et al." if len(names) > 3 else _join(names, "and") or _organisation(record)
    runs: Runs = [("", f"{who}, ")] if who else []
    runs.append(("", _quoted_title(record, ",") + " "))
    if record.get("outlet"):
        runs += [("em", str(record["outlet"])), ("", ", ")]
    runs.append(("", f"{chicago_date(record.get('date'))}, para. {paragraph}"))
    if record.get("url"):
        runs += [("", ",")] + _url_runs(record)
    runs.append(("", "."))
    return runs


def _initials(given: str) -> str:
    """'Niall' -> 'N.'; 'Jean-Pierre' -> 'J.-P.'; 'Mary Ann' -> 'M. A.'."""
    words = []
    for word in given.split():
        words.append("-".join(f"{part[0]}." for part in word.split("-") if part))
    return " ".join(words)


def apa_reference(record: Mapping[str, Any]) -> Runs:
    """APA (7th ed.) reference: Family, G., & Family, G. (2019, April 25). Title. *Outlet*. URL"""
    names = [f"{f}, {_initials(g)}".rstrip(", ") for f, g in _names(record)]
    if len(names) > 1:
        who = ", ".join(names[:-1]) + ", & " + names[-1]
    else:
        who = names[0] if names else _organisation(record)
    title = display_title(record)
    runs: Runs = [("", _end(who, ".") + " ")] if who else []
    runs.append(("", f"({apa_date(record.get('date'))}). {_end(title, '.')}"))
    outlet = str(record.get("outlet") or "")
    if outlet and outlet != _organisation(record):
        runs += [("", " "), ("em", outlet), ("", ".")]
    return runs + _url_runs(record)


def apa_in_text(record: Mapping[str, Any], paragraph: int) -> str:
    """APA parenthetical citation of one paragraph: (Gray, 2020, para. 4)."""
    families = [f for f, _ in _names(record)]
    if len(families) > 2:
        who = f"{families[0]} et al."
    else:
        who = " & ".join(families) or _organisation(record)
    year = _parts(record.get("date"))[0] or "n.d."
    return f"({who}, {year}, para. {paragraph})"


def caveats(record: Mapping[str, Any]) -> list[str]:
    """What a reader citing this record should know is missing from it."""
    notes = []
    if not record.get("url"):
        notes.append("No URL is given: the editors could not locate the published page.")
    if not record.get("date"):
        notes.append("“n.d.”: the date of publication is not known.")
    elif len(str(record["date"])) < 10:
        notes.append("The date is as precise as the editors could verify it.")
    if record.get("unverified"):
        notes.append(f"Editors’ note on this record: {record['unverified']}")
    return notes


def text_of(runs: Runs) -> str:
    return "".join(text for _, text in runs)
