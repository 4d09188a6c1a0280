"""Ranges, one home: how "4-13" is written, parsed, shown and linked.

An assignment names ``paragraphs: "4-13"`` (or ``"4"``); a note links ``{para}`stem#4-13```;
the reader's address for it is ``article.html#p4-p13`` (``#p4`` for one paragraph), which
``static/glossator-range/range.js`` scrolls to and highlights. An en dash ("4–13"), as an
instructor may type it, reads as a hyphen.

A ``seed_lines`` entry's ``lines: 16-30`` is a range of seed lines, read by
:func:`parse_seed_lines`: a hyphen only, and any number of digits (a range written past the
seed, ``1-999999999``, is read, and FID407 reports it).
"""

from __future__ import annotations

import re

RANGE = re.compile(r"^\s*(?P<first>\d{1,6})\s*(?:[-–]\s*(?P<last>\d{1,6}))?\s*$")
# The fragment of a range in the reader's address: #p4 or #p4-p13.
FRAGMENT = re.compile(r"^p(?P<first>\d{1,6})(?:-p(?P<last>\d{1,6}))?$")


def parse_range(text: object) -> tuple[int, int] | None:
    """(first, last) of "N" or "N-M", as written (a reversed range stays reversed); None
    when the text is not of that form."""
    match = RANGE.match(str(text))
    if not match:
        return None
    first = int(match["first"])
    return first, int(match["last"] or first)


SEED_LINES = re.compile(r"^\s*(?P<first>\d+)\s*(?:-\s*(?P<last>\d+))?\s*$")


def parse_seed_lines(text: object) -> tuple[int, int] | None:
    """(first, last) of a ``seed_lines`` entry's "N" or "N-M"; None when not of that form."""
    match = SEED_LINES.match(str(text))
    if not match:
        return None
    first = int(match["first"])
    return first, int(match["last"] or first)


def range_problem(span: tuple[int, int], count: int) -> str | None:
    """What is wrong with ``span`` in an article of ``count`` paragraphs, or None."""
    first, last = span
    if first > last:
        return f"runs backwards (write {last}-{first})"
    if first < 1 or last > count:
        return f"is outside the article, which has ¶1-{count}"
    return None


def range_anchor(first: int, last: int) -> str:
    """The address fragment (without '#') of ¶first–last: p4-p13, or p4 for one paragraph."""
    return f"p{first}" if first == last else f"p{first}-p{last}"


def range_text(first: int, last: int) -> str:
    """¶4–13, or ¶4."""
    return f"¶{first}" if first == last else f"¶{first}–{last}"
