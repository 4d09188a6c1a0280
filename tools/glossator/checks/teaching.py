"""TCH7xx: the teaching apparatus (timeline, claims, assignments, discussion questions) is sound.

The data files are ``corpus/timeline.yml``, ``corpus/claims.yml`` and ``corpus/assignments/*.yml``;
the per-article apparatus is the front matter's ``objectives``, ``questions`` and
``before_you_read``. Any of them may be absent: then there is nothing to check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..corpus import Article, Corpus
from ..diagnostics import Diagnostic, rule
from ..ranges import parse_range, range_problem
from ..schema import (
    ASSIGNMENT_FIELDS,
    CLAIM_FIELDS,
    INDEPENDENT_FIELDS,
    POSITION_FIELDS,
    READING_FIELDS,
    READING_SECTIONS,
    STANCES,
    TIMELINE_FIELDS,
    valid_date,
)

PARA_LINK = re.compile(r"^(?P<stem>[^#\s]+)#(?P<number>\d+)$")
READING_TARGETS = ("article", "section", "claim")


# -- walking the teaching data ---------------------------------------------------------------

def fold(text: Any) -> str:
    """Whitespace folded to single spaces, as the fidelity check compares texts."""
    return " ".join(str(text).split())


def _line(mapping: Any, key: Any) -> int:
    return max(1, mapping.line_of(key)) if hasattr(mapping, "line_of") else 1


def _items(mapping: Any) -> Iterator[tuple[str, Any]]:
    """(key, record) for the mapping records of a data file."""
    return ((str(k), v) for k, v in mapping.items() if isinstance(v, dict))


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _timeline_path(corpus: Corpus) -> str:
    return corpus.rel(corpus.timeline_path)


def _claims_path(corpus: Corpus) -> str:
    return corpus.rel(corpus.claims_path)


def _assignments(corpus: Corpus) -> Iterator[tuple[str, str, Any]]:
    """(path, assignment id, assignment) for every assignment file that is a mapping."""
    for key, data in corpus.assignments.items():
        if isinstance(data, dict) and corpus.loaded(corpus.assignment_path(key)):
            yield corpus.rel(corpus.assignment_path(key)), key, data


def _readings(corpus: Corpus) -> Iterator[tuple[str, str, Any]]:
    """(path, assignment id, reading) for every reading that is a mapping."""
    for path, key, data in _assignments(corpus):
        for reading in _list(data.get("readings")):
            if isinstance(reading, dict):
                yield path, key, reading


def _positions(corpus: Corpus) -> Iterator[tuple[str, str, Any]]:
    """(claim id, article stem, position) for every position that is a mapping."""
    for key, claim in _items(corpus.claims):
        positions = claim.get("positions")
        if isinstance(positions, dict):
            for stem, position in positions.items():
                if isinstance(position, dict):
                    yield key, str(stem), position


def _article_file(corpus: Corpus, stem: str) -> bool:
    return (corpus.root / "corpus" / "articles" / f"{stem}.md").is_file()


def _known_article(corpus: Corpus, stem: str) -> bool:
    """The article exists (it may be outside the articles this run parsed)."""
    return corpus.article(stem) is not None or _article_file(corpus, stem)


def _paragraph(article: Article, number: int) -> str | None:
    """The plain text of ¶number, or None when the article has no such paragraph."""
    paragraphs = article.paragraphs
    return paragraphs[number - 1].text if 1 <= number <= len(paragraphs) else None


def teaching_records(corpus: Corpus) -> Iterator[tuple[str, str, Any, dict, int]]:
    """(path, key, record, fields, line) for the YML603/YML604 type and field checks."""
    timeline, claims = _timeline_path(corpus), _claims_path(corpus)
    for key, event in corpus.timeline.items():
        yield timeline, str(key), event, TIMELINE_FIELDS, _line(corpus.timeline, key)
    for key, claim in corpus.claims.items():
        yield claims, str(key), claim, CLAIM_FIELDS, _line(corpus.claims, key)
        if not isinstance(claim, dict):
            continue
        positions = claim.get("positions")
        if isinstance(positions, dict):
            for stem, position in positions.items():
                yield claims, f"{key}: {stem}", position, POSITION_FIELDS, _line(positions, stem)
        if isinstance(claim.get("independent"), dict):
            yield claims, f"{key}: independent", claim["independent"], INDEPENDENT_FIELDS, _line(claim, "independent")
    for path, key, data in _assignments(corpus):
        yield path, key, data, ASSIGNMENT_FIELDS, max(1, data.line)
        readings = data.get("readings")
        for index, reading in enumerate(_list(readings)):
            yield path, f"{key}: reading {index + 1}", reading, READING_FIELDS, readings.line_of(index)


def teaching_citations(corpus: Corpus) -> Iterator[tuple[str, int, str]]:
    """(path, line, source key) for the sources of timeline events and of claims."""
    for _key, event in _items(corpus.timeline):
        sources = event.get("sources")
        for index, source in enumerate(_list(sources)):
            yield _timeline_path(corpus), sources.line_of(index), str(source)
    for _key, claim in _items(corpus.claims):
        independent = claim.get("independent")
        sources = independent.get("sources") if isinstance(independent, dict) else None
        for index, source in enumerate(_list(sources)):
            yield _claims_path(corpus), sources.line_of(index), str(source)


# -- assignments -----------------------------------------------------------------------------

@rule("TCH701", "an assignment reading names an unknown article")
def check_reading_articles(corpus: Corpus) -> Iterator[Diagnostic]:
    """``article`` in a reading is the file stem of an article in ``corpus/articles``.

    Bad:  - article: 2020-gray-vladivostok
    Good: - article: 2020-04-gray-vladivostok-visit
    """
    from difflib import get_close_matches

    stems = [a.stem for a in corpus.articles]
    for path, key, reading in _readings(corpus):
        stem = reading.get("article")
        if stem is not None and not _known_article(corpus, str(stem)):
            close = get_close_matches(str(stem), stems, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            yield Diagnostic(path, _line(reading, "article"), 1, "TCH701",
                             f"{key}: no article '{stem}' in corpus/articles{hint}")


@rule("TCH702", "an assignment reading's paragraphs are malformed or out of range")
def check_reading_paragraphs(corpus: Corpus) -> Iterator[Diagnostic]:
    """``paragraphs`` is ``N`` or ``N-M``, in order, within the article's numbered paragraphs.

    Bad:  {article: 2019-jamestown-vladivostok-summit, paragraphs: "4-9"}   (it has 6)
    Good: {article: 2019-jamestown-vladivostok-summit, paragraphs: "4-6"}
    """
    for path, key, reading in _readings(corpus):
        article = corpus.article(str(reading.get("article")))
        value = reading.get("paragraphs")
        if article is None or value is None or isinstance(value, bool):
            continue
        span = parse_range(value)
        at = _line(reading, "paragraphs")
        problem = range_problem(span, len(article.paragraphs)) if span else "is not N or N-M"
        if problem:
            yield Diagnostic(path, at, 1, "TCH702", f"{key}: paragraphs '{value}' {problem} ({article.stem})")


@rule("TCH703", "an assignment has no readings")
def check_readings_present(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every assignment lists at least one reading.

    Bad:  readings: []
    Good: readings: [{article: 2019-kireeva-zakharova-takeaways}]
    """
    for path, key, data in _assignments(corpus):
        readings = data.get("readings")
        if readings is None or (isinstance(readings, list) and not readings):
            yield Diagnostic(path, _line(data, "readings"), 1, "TCH703", f"{key}: the assignment has no readings")


@rule("TCH704", "a question is asked twice")
def check_duplicate_questions(corpus: Corpus) -> Iterator[Diagnostic]:
    """The questions of an assignment, or of an article, differ (ignoring case and spacing).

    Bad:  questions: ["Why Vladivostok?", "why  Vladivostok?"]
    Good: questions: ["Why Vladivostok?", "Why by train?"]
    """
    lists = [(path, key, data.get("questions")) for path, key, data in _assignments(corpus)]
    lists += [(a.rel, a.stem, a.meta.get("questions")) for a in corpus.articles]
    for path, key, questions in lists:
        seen: dict[str, int] = {}
        for index, question in enumerate(_list(questions)):
            norm = fold(question).casefold()
            if norm in seen:
                yield Diagnostic(path, questions.line_of(index), questions.col_of(index), "TCH704",
                                 f"{key}: this question repeats the one on line {seen[norm]}")
            else:
                seen[norm] = questions.line_of(index)


@rule("TCH705", "a reading names an unknown claim or section")
def check_reading_targets(corpus: Corpus) -> Iterator[Diagnostic]:
    """A reading names exactly one of an article, a section (timeline, glossary, claims) or a
    claim of ``corpus/claims.yml``.

    Bad:  - section: chronology
    Good: - section: timeline
    """
    for path, key, reading in _readings(corpus):
        named = [k for k in READING_TARGETS if k in reading]
        if len(named) != 1:
            what = "names none" if not named else f"names {' and '.join(named)}"
            yield Diagnostic(path, max(1, reading.line), 1, "TCH705",
                             f"{key}: a reading names one of article, section or claim; this one {what}")
            continue
        section, claim = reading.get("section"), reading.get("claim")
        if "section" in reading and section not in READING_SECTIONS:
            yield Diagnostic(path, _line(reading, "section"), 1, "TCH705",
                             f"{key}: section '{section}' must be one of {', '.join(READING_SECTIONS)}")
        if "claim" in reading and corpus.loaded(corpus.claims_path) and str(claim) not in corpus.claims:
            yield Diagnostic(path, _line(reading, "claim"), 1, "TCH705",
                             f"{key}: no claim '{claim}' in corpus/claims.yml")


# -- timeline --------------------------------------------------------------------------------

@rule("TCH706", "a timeline date is malformed")
def check_timeline_dates(corpus: Corpus) -> Iterator[Diagnostic]:
    """Event dates, and a timeline reading's ``from`` and ``to``, are YYYY, YYYY-MM or
    YYYY-MM-DD: the form is the precision.

    Bad:  date: "12 October 1948"
    Good: date: "1948-10-12"
    """
    for key, event in _items(corpus.timeline):
        value = event.get("date")
        if value is not None and not valid_date(value):
            yield Diagnostic(_timeline_path(corpus), _line(event, "date"), 1, "TCH706",
                             f"event '{key}': date '{value}' is not YYYY, YYYY-MM or YYYY-MM-DD")
    for path, key, reading in _readings(corpus):
        for name in ("from", "to"):
            value = reading.get(name)
            if value is not None and not valid_date(value):
                yield Diagnostic(path, _line(reading, name), 1, "TCH706",
                                 f"{key}: '{name}: {value}' is not YYYY, YYYY-MM or YYYY-MM-DD")


@rule("TCH707", "a timeline paragraph link points at no paragraph")
def check_timeline_paragraphs(corpus: Corpus) -> Iterator[Diagnostic]:
    """Each of an event's ``paragraphs`` is ``article-stem#N`` with N within that article.

    Bad:  - "2019-04-25-kim-jong-un-in-russia#31"
    Good: - "2019-04-25-kim-jong-un-in-russia#1"
    """
    for key, event in _items(corpus.timeline):
        links = event.get("paragraphs")
        for index, link in enumerate(_list(links)):
            at, col = links.line_of(index), links.col_of(index)
            match = PARA_LINK.match(str(link).strip())
            article = corpus.article(match["stem"]) if match else None
            if not match:
                problem = "is not article-stem#N"
            elif article is None and not _known_article(corpus, match["stem"]):
                problem = "names no article in corpus/articles"
            elif article is not None and _paragraph(article, int(match["number"])) is None:
                problem = f"is out of range: {article.stem} has ¶1-{len(article.paragraphs)}"
            else:
                continue
            yield Diagnostic(_timeline_path(corpus), at, col, "TCH707", f"event '{key}': '{link}' {problem}")


@rule("TCH708", "a timeline event cites no source")
def check_timeline_sources(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every event lists at least one record of ``corpus/sources.yml`` in ``sources``.

    Bad:  an event without ``sources:``
    Good: sources: [kremlin-2019-talks]
    """
    for key, event in _items(corpus.timeline):
        sources = event.get("sources")
        if sources is None or (isinstance(sources, list) and not sources):
            yield Diagnostic(_timeline_path(corpus), _line(event, "sources") if sources is not None
                             else _line(corpus.timeline, key), 1, "TCH708", f"event '{key}' cites no source")


# -- claims ----------------------------------------------------------------------------------

@rule("TCH709", "a claim position names an unknown article")
def check_position_articles(corpus: Corpus) -> Iterator[Diagnostic]:
    """``positions`` are keyed by the file stems of the articles.

    Bad:  positions: {gray-2020: …}
    Good: positions: {2020-04-gray-vladivostok-visit: …}
    """
    for key, claim in _items(corpus.claims):
        positions = claim.get("positions")
        if not isinstance(positions, dict):
            continue
        for stem in positions:
            if not _known_article(corpus, str(stem)):
                yield Diagnostic(_claims_path(corpus), _line(positions, stem), 1, "TCH709",
                                 f"claim '{key}': no article '{stem}' in corpus/articles")


@rule("TCH710", "a claim has no position for an article", reminder=True)
def check_positions_complete(corpus: Corpus) -> Iterator[Diagnostic]:
    """Each claim gives the stance of every article (``omits`` when the article is silent), or
    leaves the article out explicitly under ``not_compared``. A reminder, not a failure: a new
    article is due a position in every claim, and the matrix shows "—" until it has one.

    Bad:  positions for four of the five articles
    Good: the fifth added with ``stance: omits``, or listed under ``not_compared``
    """
    for key, claim in _items(corpus.claims):
        positions = claim.get("positions")
        if positions is not None and not isinstance(positions, dict):
            continue  # YML603
        left_out = {str(s) for s in _list(claim.get("not_compared"))}
        missing = [a.stem for a in corpus.articles if a.stem not in (positions or {}) and a.stem not in left_out]
        if missing:
            at = _line(claim, "positions") if positions is not None else _line(corpus.claims, key)
            yield Diagnostic(_claims_path(corpus), at, 1, "TCH710",
                             f"claim '{key}' has no position for {', '.join(missing)}: add one, "
                             "or list the article under 'not_compared'")


@rule("TCH721", "a claim leaves out an unknown article, or one it has a position for")
def check_not_compared(corpus: Corpus) -> Iterator[Diagnostic]:
    """``not_compared`` lists article stems that the claim leaves out on purpose.

    Bad:  not_compared: [gray-2020]  (no such article), or an article that has a position
    Good: not_compared: [2020-04-gray-vladivostok-visit]
    """
    for key, claim in _items(corpus.claims):
        left_out = claim.get("not_compared")
        positions = claim.get("positions") if isinstance(claim.get("positions"), dict) else {}
        for index, stem in enumerate(_list(left_out)):
            line = left_out.line_of(index) if hasattr(left_out, "line_of") else _line(claim, "not_compared")
            if not _known_article(corpus, str(stem)):
                yield Diagnostic(_claims_path(corpus), max(1, line), 1, "TCH721",
                                 f"claim '{key}': 'not_compared' names no article '{stem}' in corpus/articles")
            elif str(stem) in positions:
                yield Diagnostic(_claims_path(corpus), max(1, line), 1, "TCH721",
                                 f"claim '{key}': '{stem}' has a position and is listed under 'not_compared'; keep one")


@rule("TCH711", "a claim's quote is not verbatim in its paragraph")
def check_quotes(corpus: Corpus) -> Iterator[Diagnostic]:
    """``quote`` is copied word for word from the cited paragraph (whitespace may differ).

    Bad:  quote: "dropped from 30,000 to 10,000"
    Good: quote: "has dropped from about 30,000 to less than 10,000"
    """
    for key, stem, position in _positions(corpus):
        article = corpus.article(stem)
        number, quote = position.get("paragraph"), position.get("quote")
        span = parse_range(number) if isinstance(number, (int, str)) and not isinstance(number, bool) else None
        if article is None or span is None or not isinstance(quote, str) or not quote.strip():
            continue
        texts = [_paragraph(article, n) for n in range(span[0], span[1] + 1)]
        if texts and None not in texts and not any(fold(quote) in fold(t) for t in texts):
            yield Diagnostic(_claims_path(corpus), _line(position, "quote"), 1, "TCH711",
                             f"claim '{key}': the quote is not verbatim in ¶{number} of {stem}")


@rule("TCH712", "a claim stance is not a known stance")
def check_stances(corpus: Corpus) -> Iterator[Diagnostic]:
    """``stance`` is one of supports, contradicts, qualifies, omits.

    Bad:  stance: agrees
    Good: stance: supports
    """
    for key, stem, position in _positions(corpus):
        stance = position.get("stance")
        if stance not in STANCES:
            at = _line(position, "stance") if "stance" in position else max(1, position.line)
            yield Diagnostic(_claims_path(corpus), at, 1, "TCH712",
                             f"claim '{key}', {stem}: stance must be one of {', '.join(STANCES)}, not {stance!r}")


@rule("TCH713", "a claim position lacks its paragraph or quote")
def check_position_evidence(corpus: Corpus) -> Iterator[Diagnostic]:
    """A stance other than ``omits`` cites a paragraph the article has, and quotes it.

    ``paragraph`` is N or a range "N-M" of the article's paragraphs, in order.

    Bad:  {stance: supports, summary: "…"}, {stance: supports, paragraph: "12-9", …}
    Good: {stance: supports, paragraph: 11, quote: "…", summary: "…"}
    """
    for key, stem, position in _positions(corpus):
        if position.get("stance") not in set(STANCES) - {"omits"}:
            continue
        at = max(1, position.line)
        number = position.get("paragraph")
        article = corpus.article(stem)
        span = parse_range(number) if isinstance(number, (int, str)) and not isinstance(number, bool) else None
        if number is None:
            yield Diagnostic(_claims_path(corpus), at, 1, "TCH713", f"claim '{key}', {stem}: give the paragraph")
        elif not isinstance(number, (int, str)) or isinstance(number, bool):
            pass  # YML603: not a number or a range at all
        elif article is not None and (span is None or range_problem(span, len(article.paragraphs))):
            problem = range_problem(span, len(article.paragraphs)) if span else "is not N or N-M"
            yield Diagnostic(_claims_path(corpus), _line(position, "paragraph"), 1, "TCH713",
                             f"claim '{key}': paragraph '{number}' {problem} ({stem} has ¶1-{len(article.paragraphs)})")
        if not str(position.get("quote") or "").strip():
            yield Diagnostic(_claims_path(corpus), at, 1, "TCH713",
                             f"claim '{key}', {stem}: give a quote from the paragraph")


# -- per article and required fields ---------------------------------------------------------

def _count_findings(corpus: Corpus, field: str, bounds: tuple[int, int], code: str, noun: str) -> Iterator[Diagnostic]:
    """An article whose list ``field`` holds fewer or more items than ``bounds`` allow."""
    low, high = bounds
    for article in corpus.articles:
        items = article.meta.get(field)
        if isinstance(items, list) and not low <= len(items) <= high:
            yield Diagnostic(article.rel, article.meta_line(field), 1, code,
                             f"{len(items)} {noun}{'s' * (len(items) != 1)}; give {low} to {high}")


@rule("TCH714", "an article has too few or too many discussion questions")
def check_question_count(corpus: Corpus) -> Iterator[Diagnostic]:
    """When an article has ``questions``, it has three to five (``questions`` in
    ``corpus/glossator.yml`` sets other bounds).

    Bad:  questions: ["Why Vladivostok?"]
    Good: three to five questions
    """
    yield from _count_findings(corpus, "questions", corpus.vocabulary.questions, "TCH714", "discussion question")


def _missing(record: dict, fields: dict, owned: set[str]) -> list[str]:
    return [name for name, spec in fields.items()
            if spec.required and name not in owned and (record.get(name) is None or record.get(name) == "")]


@rule("TCH715", "a teaching record lacks a required field")
def check_required(corpus: Corpus) -> Iterator[Diagnostic]:
    """Events have date, title and description; claims a title and a thesis; an ``independent``
    block a summary and sources; assignments a title. (Sources of events, positions and
    readings have codes of their own.)

    Bad:  an event with a date and sources only
    Good: date, title, description, sources
    """
    claims = _claims_path(corpus)
    checks = [(_timeline_path(corpus), key, event, TIMELINE_FIELDS, {"sources"}, _line(corpus.timeline, key))
              for key, event in _items(corpus.timeline)]
    for key, claim in _items(corpus.claims):
        checks.append((claims, key, claim, CLAIM_FIELDS, {"positions"}, _line(corpus.claims, key)))
        if isinstance(claim.get("independent"), dict):
            checks.append((claims, f"{key}: independent", claim["independent"], INDEPENDENT_FIELDS, set(),
                           _line(claim, "independent")))
    checks += [(path, key, data, ASSIGNMENT_FIELDS, {"readings"}, max(1, data.line))
               for path, key, data in _assignments(corpus)]
    for path, key, record, fields, owned, line in checks:
        missing = _missing(record, fields, owned)
        if missing:
            yield Diagnostic(path, line, 1, "TCH715", f"{key}: lacks {', '.join(missing)}")


@rule("TCH720", "an article has too few or too many learning objectives")
def check_objective_count(corpus: Corpus) -> Iterator[Diagnostic]:
    """When an article has ``objectives``, it has two to five (``objectives`` in
    ``corpus/glossator.yml`` sets other bounds).

    Bad:  objectives: ["Read it."]
    Good: two to five objectives, each a thing the student can do after reading
    """
    yield from _count_findings(corpus, "objectives", corpus.vocabulary.objectives, "TCH720", "learning objective")
