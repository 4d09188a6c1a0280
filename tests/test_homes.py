"""One home for each repeated concept (issue #14, item 7): the seed-line roles, date checks,
the article-to-record lookup, the range patterns, para_xref and caching each live in one
module, which the others import. These tests fail when a copy creeps back in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from glossator.corpus import load_corpus
from glossator.markdown import STRUCTURAL_DIRECTIVES, parse_document
from glossator.ranges import parse_range, parse_seed_lines
from glossator.schema import date_problem, valid_date
from glossator.seedroles import DIRECTIVE_ROLES, EXTENSION_DIRECTIVES, SEED_ROLES

PACKAGE = Path(__file__).resolve().parents[1] / "tools" / "glossator"
SOURCES = {p.relative_to(PACKAGE).as_posix(): p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")}


def _holders(pattern: str) -> list[str]:
    return sorted(name for name, text in SOURCES.items() if re.search(pattern, text))


@pytest.mark.parametrize(("what", "pattern", "home"), [
    ("the seed-line roles", r"\"standfirst|\{bio\}|\"the biography\"", ["seedroles.py"]),
    ("date checks", r"fromisoformat", ["schema.py"]),
    ("the article-to-record lookup", r"sources\.get\(article\.meta", ["corpus.py"]),
    ("para_xref", r"def para_xref\b", ["sphinxext/doctree.py"]),
    ("range patterns", r"\\d[^\n]*\(\?:\[?-", ["ranges.py"]),
    # csl.py's one hit is no value of the corpus: the patched citeproc CitationItem keeps its
    # own reference, looked up once per object (see csl._patch_citeproc).
    ("caches outside the memo", r"lru_cache|__dict__\[|__dict__\.(get|setdefault)|\.cache\[", ["csl.py"]),
    # The app holds the corpus (access.py) and two values of the run that are no cache: this
    # build's start (htmlbuild.py) and the audit's script marker and page hashes (audit.py).
    ("attributes on the app", r"app\._glossator_\w+ =", ["sphinxext/access.py", "sphinxext/audit.py",
                                                        "sphinxext/htmlbuild.py"]),
])
def test_a_concept_has_one_home(what: str, pattern: str, home: list[str]) -> None:
    assert _holders(pattern) == home, what


def test_the_role_table_drives_the_reader_the_checks_and_the_extension() -> None:
    assert list(SEED_ROLES)[:2] == ["title", "dek"] and "chrome" in SEED_ROLES
    assert set(STRUCTURAL_DIRECTIVES) == set(DIRECTIVE_ROLES) == {"dek", "byline", "caption", "pull-quote", "bio"}
    assert set(EXTENSION_DIRECTIVES) == set(DIRECTIVE_ROLES) - {"pull-quote"}
    for role in DIRECTIVE_ROLES:
        doc = parse_document(f"# T\n\n:::{{{role}}}\nSome words.\n:::\n")
        assert [b.role for b in doc.blocks if b.text == "Some words."] == [role]


def test_dates_ranges_and_records_from_their_homes() -> None:
    assert valid_date("2019") and valid_date("2019-04") and valid_date("2019-04-25") and valid_date(2019)
    assert date_problem("2019-02-30") == "is not a real date"
    assert date_problem("25 April 2019") == "must be YYYY, YYYY-MM or YYYY-MM-DD"
    assert parse_range("4–13") == (4, 13) and parse_seed_lines("4–13") is None
    assert parse_seed_lines(" 1-999999999 ") == (1, 999999999) and parse_range("1-999999999") is None
    corpus = load_corpus(Path(__file__).resolve().parent / "roots" / "second-reader")
    for article in corpus.articles:
        assert corpus.record_of(article) is corpus.sources[article.meta["source"]]
