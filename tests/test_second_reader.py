"""The generic path: a second, tiny reader (tests/roots/second-reader) that shares nothing with
this one, a speech copied one paragraph per line and an essay from a plain-text edition
hard-wrapped at 70 columns, with its own vocabulary table. Also: the hard-wrapped import, and
the vocabulary read by the checks, ``glossator new`` and the extension."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from glossator.checks import run_checks
from glossator.checks.fidelity import expected_lines
from glossator.corpus import load_corpus
from glossator.importer import detect_wrapping
from glossator.sphinxext.corpusview import reading_minutes

from .conftest import FIXTURES, ROOT, copy_project, fixture_project, sphinx_build

SECOND = Path(__file__).resolve().parent / "roots" / "second-reader"
WRAPPED_SEED = SECOND / "seeds" / "self-reliance-gutenberg.txt"


def glossator(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "glossator", *args], cwd=project,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def second(tmp_path: Path) -> Path:
    """A scratch copy of the second reader, alone: nothing of this repository beside it."""
    return copy_project(SECOND, tmp_path / "second")


# -- the second reader -----------------------------------------------------------------------


def test_second_reader_checks_clean_on_its_own(second: Path) -> None:
    result = glossator(second, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    corpus = load_corpus(second)
    assert corpus.vocabulary.source_types == ("speech", "essay", "press-release", "reference")
    assert {r.get("type") for r in corpus.sources.values()} >= {"speech", "essay"}
    # Nothing in it leads back to this repository's corpus.
    for path in second.rglob("*"):
        assert path.resolve().is_relative_to(second.resolve()), path


def test_a_wrapped_seed_gives_the_seeds_paragraphs() -> None:
    corpus = load_corpus(SECOND)
    essay = corpus.article("1841-emerson-self-reliance")
    assert essay is not None and run_checks(corpus) == []
    units = [u for u in expected_lines(essay) if u.role == "body"]
    assert [(u.seed_line, u.last_line) for u in units] == [(9, 31), (33, 40)]
    assert [p.para for p in essay.paragraphs] == [1, 2]
    seed = WRAPPED_SEED.read_text(encoding="utf-8").split("\n")
    assert " ".join(essay.paragraphs[1].text.split()) == " ".join(" ".join(seed[32:40]).split())


def test_a_changed_word_in_a_joined_paragraph_names_its_line(second: Path) -> None:
    path = second / "corpus/articles/1841-emerson-self-reliance.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("nourishing corn", "nourishing wheat"), encoding="utf-8")
    found = [d for d in run_checks(load_corpus(second)) if d.code.startswith("FID")]
    assert [d.code for d in found] == ["FID401"]
    # "nourishing corn" stands on seed line 36, and on the article's line of its sentence.
    line = next(n for n, t in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if "wheat" in t)
    assert found[0].line == line
    assert "paragraph joins seed lines 33–40 but line 36 differs" in found[0].message, found[0].message


def test_a_paragraph_joining_unwrapped_lines_names_the_cause(second: Path) -> None:
    path = second / "corpus/articles/1841-emerson-self-reliance.md"
    path.write_text(path.read_text(encoding="utf-8").replace(", wrapped: true}", "}"), encoding="utf-8")
    found = [d for d in run_checks(load_corpus(second)) if d.code.startswith("FID")]
    # One finding per paragraph, naming the lines and what to do, not dozens of FID401-403.
    assert [d.code for d in found] == ["FID413", "FID413"]
    assert "joins seed lines 9–31" in found[0].message and "wrapped: true" in found[0].message


@pytest.fixture(scope="module")
def second_html(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The second reader, copied alone and built once in HTML with -n -W: (project, output)."""
    project = copy_project(SECOND, tmp_path_factory.mktemp("second") / "project")
    out = project.parent / "html"
    result = sphinx_build("html", out, docs=project / "docs", env={"NO_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr  # zero warnings, the output check included
    return project, out


@pytest.mark.slow
def test_second_reader_builds_html_strictly(second_html: tuple[Path, Path]) -> None:
    """HTML with -n -W (the output-fidelity check included: the joined paragraphs are the
    seed's lines), ¶ numbers and reading time from its own vocabulary (150 words a minute)."""
    project, out = second_html
    page = lxml.html.parse(str(out / "articles/1841-emerson-self-reliance.html")).getroot()
    body = page.text_content()
    essay = load_corpus(project).article("1841-emerson-self-reliance")
    minutes = reading_minutes(essay, 150)
    assert minutes != reading_minutes(essay)  # the default speed would say otherwise
    assert re.search(rf"Reading time:\s*about {minutes} minutes", body)
    assert page.xpath("//*[@id='p1']") and page.xpath("//*[@id='p2']") and not page.xpath("//*[@id='p3']")
    assert "1 variant reading" in body  # a note kind of its own, counted by the summary
    glossary = lxml.html.parse(str(out / "glossary.html")).getroot().text_content()
    assert "Category: Event" in glossary and "Appears in" in glossary


@pytest.mark.slow
def test_a_joined_paragraph_is_found_and_quoted_whole(second_html: tuple[Path, Path], page) -> None:
    """Search finds words that cross a line break of the seed and lands on ¶1; copying ¶1
    gives the seed's paragraph, its lines joined, nothing of the apparatus."""
    from .browser_support import serve

    project, out = second_html
    base, server = serve(out)
    try:
        page.goto(f"{base}/search.html?q=eminent%20painter%20which%20were%20original")
        results = page.locator("#search-results li")
        page.locator("#search-results .search-summary").filter(has_text=re.compile(r"\S")).wait_for(timeout=15000)
        hrefs = results.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert any(h and h.endswith("articles/1841-emerson-self-reliance.html#p1") for h in hrefs[:3]), hrefs
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
        page.goto(f"{base}/articles/1841-emerson-self-reliance.html")
        page.eval_on_selector("p#p1", """p => {
            const range = document.createRange();
            range.selectNodeContents(p);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
        }""")
        page.keyboard.press("ControlOrMeta+c")
        copied = page.evaluate("""async () => {
            const [item] = await navigator.clipboard.read();
            return (await item.getType("text/plain")).text();
        }""")
    finally:
        server.shutdown()
    seed = WRAPPED_SEED.read_text(encoding="utf-8").split("\n")
    assert " ".join(copied.split()) == " ".join(" ".join(seed[8:31]).split())


# -- hard-wrapped import ---------------------------------------------------------------------


def test_import_of_a_hard_wrapped_text_gives_real_paragraphs(tmp_path: Path) -> None:
    project = fixture_project("OK-wrapped", tmp_path / "project")
    shutil.copyfile(WRAPPED_SEED, project / "seeds" / WRAPPED_SEED.name)
    result = glossator(project, "import", WRAPPED_SEED.name, "--stem", "self-reliance")
    assert result.returncode == 0, result.stderr
    assert "looks hard-wrapped at 70 columns" in result.stdout and "--unwrapped for the other form" in result.stdout
    article = project / "corpus/articles/self-reliance.md"
    text = article.read_text(encoding="utf-8")
    assert "wrapped: true" in text
    corpus = load_corpus(project)
    draft = corpus.article("self-reliance")
    body = [b for b in draft.doc.blocks if b.role in {"body", "bio"}]
    assert len(body) == 2  # the essay's two paragraphs, not its 29 lines
    # Only what the editor still owes (a source and a summary), no fidelity finding.
    codes = {d.code for d in run_checks(corpus) if d.path == "corpus/articles/self-reliance.md"}
    assert codes <= {"YML605"}, codes
    article.write_text(text.replace("seed_sha256:", "source: mini-2020\nsummary: \"An essay.\"\nseed_sha256:"),
                       encoding="utf-8")
    check = glossator(project, "check")
    assert check.returncode == 0, check.stdout


def test_import_unwrapped_on_request_and_detection_of_web_seeds(tmp_path: Path) -> None:
    project = fixture_project("OK-wrapped", tmp_path / "project")
    shutil.copyfile(WRAPPED_SEED, project / "seeds" / WRAPPED_SEED.name)
    result = glossator(project, "import", WRAPPED_SEED.name, "--unwrapped", "--stdout")
    assert result.returncode == 0, result.stderr
    assert "as asked: one paragraph per line" in result.stderr
    assert "wrapped: true" not in result.stdout
    for seed in sorted((ROOT / "seeds").glob("*.txt")):  # scraped web pages: one line a paragraph
        assert not detect_wrapping(seed.read_text(encoding="utf-8").split("\n")).wrapped, seed.name
    assert detect_wrapping(WRAPPED_SEED.read_text(encoding="utf-8").split("\n")).width == 70


# -- the vocabulary --------------------------------------------------------------------------


def test_a_project_adds_speech_and_new_source_accepts_it(tmp_path: Path) -> None:
    project = fixture_project("OK-vocabulary", tmp_path / "project")
    args = ("new", "source", "lincoln-1863", "--type", "speech", "--kind", "primary",
            "--title", "Address delivered at the dedication of the Cemetery at Gettysburg",
            "--url", "https://example.org/gettysburg", "--author", "Lincoln, Abraham", "--outlet", "Example",
            "--date", "1863-11-19")
    result = glossator(project, *args)
    assert result.returncode == 0, result.stderr
    assert "type: speech" in (project / "corpus/sources.yml").read_text(encoding="utf-8")
    # Without the table, 'speech' is not a source type: refused, with where to add it.
    plain = copy_project(FIXTURES / "_base", tmp_path / "plain")
    refused = glossator(plain, *args)
    assert refused.returncode == 2
    assert "--type 'speech' is not one of news, official, analysis, reference, dataset" in refused.stderr
    assert "corpus/glossator.yml under source_types" in refused.stderr


def test_a_new_note_kind_is_scaffolded_and_its_rule_enforced(tmp_path: Path) -> None:
    project = fixture_project("OK-vocabulary", tmp_path / "project")
    result = glossator(project, "new", "note", "mini", "-p", "2", "--label", "var-second", "--kind", "variant",
                       "--text", "Another copy differs here.", "--cite", "mini-2020")
    assert result.returncode == 0, result.stderr
    text = (project / "corpus/articles/mini.md").read_text(encoding="utf-8")
    assert "[^var-second]: **Variant.** Another copy differs here." in text
    assert glossator(project, "check").returncode == 0
    # The kind's sourcing rule ('record') holds: a variant resting on nothing is CIT209.
    (project / "corpus/articles/mini.md").write_text(text.replace(
        "Another copy differs here. Source: {cite}`mini-2020`.", "Another copy differs here."), encoding="utf-8")
    assert "CIT209" in glossator(project, "check").stdout


def test_json_diagnostics_link_to_the_projects_docs(tmp_path: Path) -> None:
    project = fixture_project("OK-vocabulary", tmp_path / "project")
    (project / "corpus/articles/mini.md").write_text(
        (project / "corpus/articles/mini.md").read_text(encoding="utf-8").replace("some words", "some wards"),
        encoding="utf-8")
    rows = json.loads(glossator(project, "check", "--format", "json").stdout)
    assert rows and all(r["url"] == f"https://example.org/reader/checks.html#{r['code'].lower()}" for r in rows)


def test_script_names_and_cjk_come_from_the_tag() -> None:
    from glossator.vocabulary import DEFAULT, parse_tag

    assert DEFAULT.script_name("sr-Cyrl") == "Serbian (Cyrillic)"
    assert DEFAULT.script_name("ko") == "Korean" and DEFAULT.script_name("zh-Hant") == "Chinese (Traditional)"
    assert DEFAULT.is_cjk("zh-Hant") and DEFAULT.is_cjk("ko") and not DEFAULT.is_cjk("sr-Cyrl")
    assert parse_tag("sr-Cyrl")[0] is not None
    assert "four letters" in parse_tag("sr-Cyr1")[1]
    assert "sr-Cyrl" in parse_tag("sr-Cyrillic")[1]


def test_output_check_names_the_lines_of_a_joined_paragraph() -> None:
    """The built-output comparison takes the same units: a word changed in the HTML of ¶2 is
    reported against seed lines 33–40, the paragraph's lines."""
    from glossator.outputtext import OutputBlock, differences

    essay = load_corpus(SECOND).article("1841-emerson-self-reliance")
    units = expected_lines(essay)
    shown = [OutputBlock(u.text, None) for u in units]
    assert differences(units, shown) == []
    shown[-1] = OutputBlock(units[-1].text.replace("nourishing corn", "nourishing wheat"), 2)
    [diff] = differences(units, shown)
    assert diff.seed_label == "seed lines 33–40" and "wheat" in diff.shown
