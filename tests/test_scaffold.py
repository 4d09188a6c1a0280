"""``glossator new`` and ``glossator import``, on scratch copies of the real project.

Every stub either passes ``glossator check`` or is reported by it, exactly; the importer's
guesses agree with the editors' classification of the five seeds; the drafts pass the
fidelity checks as written. Also: the GitHub workflows call only make targets that exist.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from glossator.corpus import load_corpus
from glossator.diagnostics import REGISTRY
from glossator.importer import classify, split_sentences

from .conftest import ROOT, fixture_project

ARTICLES = sorted((ROOT / "corpus" / "articles").glob("*.md"))


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "glossator", *args], cwd=project,
                          capture_output=True, text=True, timeout=120, check=False)


def findings(project: Path, *args: str) -> list[tuple[str, int, str]]:
    """(path, line, code) of every finding of ``glossator check`` but the reminders (TCH710)."""
    out = run(project, "check", *args).stdout
    return [(m[1], int(m[2]), m[3]) for m in re.finditer(r"^(\S+):(\d+):\d+: ([A-Z]{3}\d{3}) .*$", out, re.M)
            if not m[0].endswith("(reminder, not a failure)")]


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def lines_kept(before: str, after: str) -> bool:
    """Every line of ``before`` is still in ``after``, in order: an insertion, nothing else."""
    rest = iter(after.split("\n"))
    return all(any(line == other for other in rest) for line in before.split("\n"))


# -- glossator new term ----------------------------------------------------------------------


def test_new_term_stub_reports_exactly_what_remains(real_project: Path) -> None:
    glossary = real_project / "corpus/glossary.yml"
    before = glossary.read_text(encoding="utf-8")
    result = run(real_project, "new", "term", "bullet-proof-train", "--term", "bullet-proof train",
                 "--category", "concept")
    assert result.returncode == 0, result.stderr
    first = int(re.search(r"corpus/glossary.yml:(\d+): term 'bullet-proof-train' added", result.stdout)[1])
    assert lines_kept(before, glossary.read_text(encoding="utf-8"))  # comments and entries untouched
    found = findings(real_project)
    assert {code for _, _, code in found} == {"GLO302", "GLO304", "GLO305"}
    assert all(path == "corpus/glossary.yml" and first <= line <= first + 5 for path, line, _ in found)
    assert all(f"{line}:1: {code}" in result.stdout for _, line, code in found)  # the command said so too


def test_new_term_complete_is_accepted(real_project: Path) -> None:
    result = run(real_project, "new", "term", "bullet-proof-train", "--term", "bullet-proof train",
                 "--category", "concept", "--alias", "armoured train",
                 "--definition", "The armoured train in which Kim Jong Un travels abroad.",
                 "--source", "kireeva-zakharova-2019-diplomat", "--related", "vladivostok")
    assert result.returncode == 0, result.stderr
    article = real_project / "corpus/articles/2019-kireeva-zakharova-takeaways.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("in his bullet-proof train", "in his {term}`bullet-proof train`", 1),
                       encoding="utf-8")
    assert findings(real_project) == []
    entry = yaml.safe_load((real_project / "corpus/glossary.yml").read_text(encoding="utf-8"))["bullet-proof-train"]
    assert entry["aliases"] == ["armoured train"] and entry["sources"] == ["kireeva-zakharova-2019-diplomat"]


def test_new_term_refuses_an_existing_key(real_project: Path) -> None:
    glossary = real_project / "corpus/glossary.yml"
    before = glossary.read_text(encoding="utf-8")
    result = run(real_project, "new", "term", "kim-jong-un", "--term", "Kim", "--category", "person")
    assert result.returncode == 2
    assert re.search(r"corpus/glossary.yml:\d+: 'kim-jong-un' already exists", result.stderr)
    assert glossary.read_text(encoding="utf-8") == before


# -- glossator new source --------------------------------------------------------------------


def test_new_source_goes_in_key_order_and_reports_what_remains(real_project: Path) -> None:
    sources = real_project / "corpus/sources.yml"
    before = sources.read_text(encoding="utf-8")
    result = run(real_project, "new", "source", "example-2020-test", "--url", "https://example.org/test",
                 "--title", "A test page")
    assert result.returncode == 0, result.stderr
    text = sources.read_text(encoding="utf-8")
    assert lines_kept(before, text)
    old = re.findall(r"^([^\s#][^:]*):", before, re.M)
    keys = re.findall(r"^([^\s#][^:]*):", text, re.M)
    # In key order in a file kept sorted, else at the end.
    assert keys == (sorted(keys) if old == sorted(old) else [*old, "example-2020-test"])
    found = findings(real_project)
    assert sorted(code for _, _, code in found) == ["CIT202", "CIT203", "CIT212"]
    assert "lacks type, outlet, date" in run(real_project, "check").stdout


def test_new_source_and_a_note_citing_it_are_accepted(real_project: Path) -> None:
    result = run(real_project, "new", "source", "example-2020-test", "--url", "https://example.org/test",
                 "--title", "A test page", "--type", "analysis", "--kind", "institute", "--author", "Doe, Jane",
                 "--outlet", "Example Review", "--date", "2020-01-02", "--accessed", "2024-05-06")
    assert result.returncode == 0, result.stderr
    record = yaml.safe_load((real_project / "corpus/sources.yml").read_text(encoding="utf-8"))["example-2020-test"]
    assert str(record["date"]) == "2020-01-02" and record["authors"] == ["Doe, Jane"]
    result = run(real_project, "new", "note", "2020-04-gray-vladivostok-visit", "--paragraph", "3",
                 "--label", "test-note", "--text", "A test note.", "--cite", "example-2020-test")
    assert result.returncode == 0, result.stderr
    assert findings(real_project) == []


# -- glossator new note ----------------------------------------------------------------------


def test_new_note_stub_is_marked_at_the_end_of_the_paragraph(real_project: Path) -> None:
    stem = "2019-jamestown-vladivostok-summit"
    result = run(real_project, "new", "note", stem, "--paragraph", "2", "--label", "test-note")
    assert result.returncode == 0, result.stderr
    corpus = load_corpus(real_project)
    article = corpus.article(stem)
    paragraph = article.paragraphs[1]
    assert paragraph.raw.rstrip().endswith("[^test-note]")
    assert [note.label for note in article.doc.footnotes][-1] == "test-note"
    # The stub cites a placeholder key: the check names exactly that, and nothing else.
    found = findings(real_project)
    assert [(path, code) for path, _, code in found] == [(f"corpus/articles/{stem}.md", "CIT201")]
    assert "TODO-source-key" in run(real_project, "check").stdout


def test_new_note_kinds_begin_as_the_style_guide_says(real_project: Path) -> None:
    stem = "2019-jamestown-vladivostok-summit"
    result = run(real_project, "new", "note", f"corpus/articles/{stem}.md", "-p", "1", "--label", "sic-test",
                 "--kind", "sic", "--text", "'teh'. Read 'the'.", "--cite", "jamestown-2019-edm-vladivostok")
    assert result.returncode == 0, result.stderr
    last = (real_project / f"corpus/articles/{stem}.md").read_text(encoding="utf-8").rstrip().split("\n")[-1]
    assert last == "[^sic-test]: ***Sic.*** 'teh'. Read 'the'. Source: {cite}`jamestown-2019-edm-vladivostok`."


# -- glossator new event ---------------------------------------------------------------------


def test_new_event_goes_in_date_order_in_the_files_style(real_project: Path) -> None:
    timeline = real_project / "corpus/timeline.yml"
    if not timeline.exists():
        pytest.skip("this corpus has no timeline yet")
    before = timeline.read_text(encoding="utf-8")
    result = run(real_project, "new", "event", "test-event-2016", "--date", "2016-05",
                 "--title", "A test event", "--description", "Something happened.",
                 "--source", "kcna-relations-2016", "--paragraph", "2019-04-25-kim-jong-un-in-russia#1")
    assert result.returncode == 0, result.stderr
    text = timeline.read_text(encoding="utf-8")
    assert lines_kept(before, text)
    events = yaml.safe_load(text)
    dates = [str(event["date"]) for event in events.values()]
    assert dates == sorted(dates)
    assert '  date: "2016-05"\n  title: "A test event"' in text and "  sources: [kcna-relations-2016]" in text
    assert findings(real_project) == []


def test_new_event_stub_reports_what_remains(tmp_path: Path) -> None:
    project = fixture_project("OK-annotated", tmp_path)
    result = run(project, "new", "event", "test-event", "--date", "2020")
    assert result.returncode == 0, result.stderr
    text = (project / "corpus/timeline.yml").read_text(encoding="utf-8")
    assert text.startswith("# The timeline") and 'test-event:\n  date: "2020"' in text
    found = findings(project)
    assert all(path == "corpus/timeline.yml" for path, _, _ in found)
    if "TCH708" in REGISTRY:  # the teaching checks: an event needs a title, a description and a source
        assert {code for _, _, code in found} == {"TCH708", "TCH715"}


# -- usage errors ----------------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ("new", "term", "Bad Key", "--term", "x", "--category", "concept"),
    ("new", "term", "x", "--term", "x", "--category", "people"),
    ("new", "term", "x", "--term", "x", "--category", "concept", "--source", "no-such-source"),
    ("new", "source", "gray-2020-diplomat", "--url", "https://example.org", "--title", "x"),
    ("new", "source", "x-2020", "--url", "https://example.org", "--title", "x", "--date", "25 April 2019"),
    ("new", "note", "no-such-article", "-p", "1", "--label", "x"),
    ("new", "note", "2019-jamestown-vladivostok-summit", "-p", "99", "--label", "x"),
    ("new", "note", "2019-jamestown-vladivostok-summit", "-p", "1", "--label", "bad label"),
    ("new", "note", "2019-kireeva-zakharova-takeaways", "-p", "1", "--label", "across-1"),
    ("new", "event", "x", "--date", "2019-02-30"),
    ("new", "event", "x", "--date", "2019", "--paragraph", "2019-jamestown-vladivostok-summit#99"),
    ("new",),
    ("import", "no-such-seed.txt"),
    ("import", "001_c30df2cd9969f424.txt", "--source", "no-such-source"),
    ("import", "001_c30df2cd9969f424.txt", "--stem", "2019-kireeva-zakharova-takeaways"),
    ("import", "001_c30df2cd9969f424.txt", "--stem", "Not A Stem"),
])
def test_usage_errors_exit_2_and_change_nothing(real_project: Path, args: tuple[str, ...]) -> None:
    before = {p: p.read_bytes() for p in (real_project / "corpus").rglob("*") if p.is_file()}
    result = run(real_project, *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert {p: p.read_bytes() for p in (real_project / "corpus").rglob("*") if p.is_file()} == before


# -- glossator import ------------------------------------------------------------------------


def test_import_agrees_with_the_editors_classification() -> None:
    """Share of non-blank seed lines whose guessed role is the committed one, per seed."""
    corpus = load_corpus(ROOT)
    total = agreed = 0
    shares = {}
    for article in corpus.articles:
        committed = {n: c.role for c in article.classes for n in range(c.first, c.last + 1)}
        guesses = classify(article.seed_lines)
        same = sum(committed.get(g.number) == g.role for g in guesses)
        shares[article.meta["seed"]] = same / len(guesses)
        total, agreed = total + len(guesses), agreed + same
        print(f"{article.meta['seed']}  {same}/{len(guesses)} = {same / len(guesses):.2f}  ({article.stem})")
    print(f"overall  {agreed}/{total} = {agreed / total:.3f}")
    assert len(shares) == len(corpus.articles) > 0
    assert agreed / total >= 0.9
    assert min(shares.values()) >= 0.8


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_imported_draft_passes_the_fidelity_checks(real_project: Path, article: Path) -> None:
    meta = front_matter(article)
    result = run(real_project, "import", meta["seed"], "--source", meta["source"], "--stem", "draft")
    assert result.returncode == 0, result.stderr
    draft = real_project / "corpus/articles/draft.md"
    assert draft.exists() and "draft written from seeds/" in result.stdout
    assert run(real_project, "check", "--select", "FID", "corpus/articles/draft.md").returncode == 0
    # What remains in the draft is its summary line, and the guesses listed in a comment.
    found = findings(real_project, "corpus/articles/draft.md")
    assert [code for path, _, code in found if path == "corpus/articles/draft.md"] == ["YML605"]
    text = draft.read_text(encoding="utf-8")
    assert "# Draft written by `glossator import`" in text and "To confirm:" in text
    assert front_matter(draft)["seed_sha256"] == meta["seed_sha256"]
    # One sentence per line: no body line holds two sentences that the splitter would separate.
    body = text.split("\n---\n", 1)[1]
    assert all(len(split_sentences(line)) == 1 for line in body.split("\n") if line and line[0].isalpha())


def test_import_escapes_markdown_and_keeps_every_word(real_project: Path) -> None:
    """Characters Markdown would read as markup, at a line's start or inside it, are escaped."""
    lines = [
        "Plain Title for a Test",
        "",
        "A body line with *stars*, _underscores_, `backticks`, [brackets], <angle> & ampersand, \\ backslash.",
        "# Not a heading. 1. Not a list either. > Not a quote. + Not a bullet.",
        "",
        "Another body line, long enough to be body text and ending with a full stop as body text does.",
        "",
        "1999. A line that starts like an ordered list item but is body text, with a full stop.",
        "",
        ":::{note} is not a directive here, and %this is not a comment, and {term}`x` is not a role.",
        "",
        "- a list item | with a pipe",
        "- another item",
        "",
        "Jane Doe is a researcher who wrote this test.",
    ]
    (real_project / "seeds/test-seed.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(real_project, "import", "test-seed.txt", "--stem", "test-draft")
    assert result.returncode == 0, result.stderr
    assert run(real_project, "check", "--select", "FID", "corpus/articles/test-draft.md").returncode == 0
    roles = [c["role"] for c in front_matter(real_project / "corpus/articles/test-draft.md")["seed_lines"]]
    assert roles == ["title", "body", "list", "bio"]


def test_import_names_the_article_like_the_editors(real_project: Path) -> None:
    """Without --stem: the record's date, its first author's family name, three title words."""
    result = run(real_project, "import", "000_4b2f3c4630ee6ea0.txt", "--source", "gray-2020-diplomat")
    assert result.returncode == 0, result.stderr
    assert (real_project / "corpus/articles/2020-04-gray-kims-vladivostok-visit.md").exists(), result.stdout


def test_a_colon_line_above_a_list_is_body_not_a_heading() -> None:
    lines = ["A Title of Four Words", "", "A body paragraph long enough to be body text, ending as it should.",
             "", "Two things follow:", "- one", "- two"]
    assert [g.role for g in classify(lines)] == ["title", "body", "body", "list", "list"]


def test_import_refuses_to_overwrite(real_project: Path) -> None:
    assert run(real_project, "import", "003_84890aa3cb1da3a0.txt", "--stem", "again").returncode == 0
    result = run(real_project, "import", "003_84890aa3cb1da3a0.txt", "--stem", "again")
    assert result.returncode == 2 and "already exists" in result.stderr


# -- the GitHub and tooling configuration ----------------------------------------------------


def _make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))


@pytest.mark.parametrize("workflow", sorted((ROOT / ".github/workflows").glob("*.yml")), ids=lambda p: p.name)
def test_workflows_parse_and_call_existing_make_targets(workflow: Path) -> None:
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    assert data["jobs"] and data.get(True, data.get("on"))  # PyYAML reads the key 'on' as True
    runs = [step.get("run", "") for job in data["jobs"].values() for step in job["steps"]]
    called = {target for script in runs for target in re.findall(r"\bmake\s+([a-z][\w-]*)", script)}
    assert called, f"{workflow.name} calls no make target"
    assert called <= _make_targets(), f"unknown make targets: {called - _make_targets()}"


def test_ci_runs_on_pull_requests_and_linkcheck_does_not() -> None:
    ci = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    linkcheck = yaml.safe_load((ROOT / ".github/workflows/linkcheck.yml").read_text(encoding="utf-8"))
    assert "pull_request" in ci[True]
    assert "pull_request" not in linkcheck[True] and "schedule" in linkcheck[True]
    assert "--format github" in (ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8")


def test_contributor_configuration_files_parse() -> None:
    for name in (".pre-commit-config.yaml", ".readthedocs.yaml", *(
            str(p.relative_to(ROOT)) for p in (ROOT / ".github/ISSUE_TEMPLATE").glob("*.yml"))):
        assert isinstance(yaml.safe_load((ROOT / name).read_text(encoding="utf-8")), dict), name
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    ids = {hook["id"] for repo in hooks["repos"] for hook in repo["hooks"]}
    assert {"glossator-check", "ruff"} <= ids
    assert "- [ ]" in (ROOT / ".github/PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")


# -- glossator new assignment ----------------------------------------------------------------

def test_new_assignment_is_written_and_accepted(real_project: Path) -> None:
    result = run(real_project, "new", "assignment", "week-9", "--title", "Week 9: what each side wanted",
                 "--article", "2019-kireeva-zakharova-takeaways:4–13", "--article", "2020-04-gray-vladivostok-visit:2",
                 "--timeline", "2019:2019-06", "--claim", "china-role", "--question", "Why Vladivostok?",
                 "--question", "Why by train?", "--due", "Friday of week 9", "--audience", "First-year students")
    assert result.returncode == 0, result.stderr
    assert "'glossator check' has nothing to report on it." in result.stdout
    data = load_corpus(real_project).assignments["week-9"]
    assert data["readings"] == [
        {"article": "2019-kireeva-zakharova-takeaways", "paragraphs": "4-13"},
        {"article": "2020-04-gray-vladivostok-visit", "paragraphs": "2"},
        {"section": "timeline", "from": "2019", "to": "2019-06"},
        {"claim": "china-role"}]
    assert data["questions"] == ["Why Vladivostok?", "Why by train?"] and data["due"] == "Friday of week 9"
    assert findings(real_project) == []


@pytest.mark.parametrize("args, message", [
    (["--article", "2019-kireeva-zakharova-takeaways:4-30"],
     "the range '4-30' is outside 2019-kireeva-zakharova-takeaways, which has ¶1-14"),
    (["--article", "2019-kireeva-zakharova-takeaways:9-4"], "the range '9-4' runs backwards (write 4-9)"),
    (["--article", "2019-kireeva-zakharova:4"], "no article '2019-kireeva-zakharova' in corpus/articles; did you mean"),
    (["--timeline", "2019"], "--timeline '2019' must be FROM:TO"),
    (["--timeline", "2019:April"], "--timeline TO 'April' must be YYYY, YYYY-MM or YYYY-MM-DD"),
    (["--timeline", "2020:2019"], "the period ends before it begins"),
    (["--claim", "china"], "--claim 'china' is not a key of corpus/claims.yml; did you mean 'china-role'?"),
    ([], "an assignment needs at least one reading"),
])
def test_new_assignment_refuses_bad_input_clearly(real_project: Path, args: list[str], message: str) -> None:
    result = run(real_project, "new", "assignment", "week-9", "--title", "Week 9", *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert message in result.stderr
    assert not (real_project / "corpus" / "assignments" / "week-9.yml").exists()


def test_new_assignment_never_overwrites(real_project: Path) -> None:
    result = run(real_project, "new", "assignment", "week-1-vladivostok-2019", "--title", "Again", "--claim", "china-role")
    assert result.returncode == 2 and "exists already" in result.stderr
