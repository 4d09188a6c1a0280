"""Mutations of the real project that a hostile or careless contribution would make.

Each mutation is applied to a scratch copy of this repository's corpus (fixture
``real_project``) and must be caught exactly: the code, the file and the line that
``glossator check`` reports, and where the class needs it, the Sphinx build's error. The
classes: injection through every text field, paths that leave the project, unbounded work,
remote resources and unsupported markup, and exit codes through pipes.
(tests/test_mutations_fidelity.py holds the fidelity classes.)
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from glossator import schema
from glossator.yamlio import load_yaml_file

from .conftest import sphinx_build
from .injection import KINDS, REFERENCE_FIELDS

HOSTILE = '<script>alert(1)</script>'
KIM = "corpus/articles/2019-04-25-kim-jong-un-in-russia.md"
ASSIGNMENT = "corpus/assignments/comparing-five-framings.yml"


def findings(project: Path, timeout: float = 60) -> set[tuple[str, str, int]]:
    """(code, path, line) of every finding of ``glossator check``, run as a contributor runs it
    (a subprocess, so that a check that never ends fails the test instead of hanging it)."""
    try:
        result = subprocess.run([sys.executable, "-m", "glossator", "check", "--format", "json", "--root", str(project)],
                                capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"glossator check did not finish in {timeout:.0f} s")
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr[-2000:]
    return {(d["code"], d["path"], d["line"]) for d in json.loads(result.stdout or "[]")}


def sphinx(project: Path, builder: str = "html") -> subprocess.CompletedProcess:
    out = project / "_build" / builder
    return sphinx_build(builder, out, docs=project / "docs")


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def edit(project: Path, rel: str, old: str, new: str) -> int:
    """Replace the first ``old`` in a file; returns the line where it stood."""
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    line = line_of(text, old.split("\n")[0])
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


# -- injection: one mutation per text field of the schema -------------------------------------

FILES = {"source": "corpus/sources.yml", "glossary": "corpus/glossary.yml", "timeline": "corpus/timeline.yml",
         "claim": "corpus/claims.yml", "assignment": ASSIGNMENT, "article": KIM}
NESTED = {"position": ("claim", "positions"), "independent": ("claim", "independent"),
          "reading": ("assignment", "readings"), "seed_line": ("article", "seed_lines"), "via": ("source", "via")}


def _text_fields() -> list[tuple[str, str]]:
    """Every (kind, field) of the schema that holds text a reader sees: generated, so that a
    field added to glossator/schema.py is injected here too."""
    return [(kind, name) for kind, fields in KINDS.items() for name, field in fields.items()
            if name not in REFERENCE_FIELDS[kind] and field.kind in ("str", "list")
            and not (kind, name) == ("glossary", "definition")]  # MyST: its own mutations below


def _record(kind: str, data: dict) -> dict:
    """The first record of ``kind`` in a loaded file (a nested one for positions and readings)."""
    if kind in ("assignment", "article"):
        return data
    if kind == "via":  # the first source that names the copy it was read in
        return next(r["via"] for r in data.values() if isinstance(r, dict) and isinstance(r.get("via"), dict))
    if kind in NESTED:
        parent = _record(NESTED[kind][0], data)
        inner = parent[NESTED[kind][1]]
        return inner if kind == "independent" else next(iter(inner.values())) if isinstance(inner, dict) else inner[0]
    return next(iter(data.values()))


def inject_field(project: Path, kind: str, name: str) -> tuple[str, int]:
    """Put HOSTILE in ``name`` of the first record of ``kind``; returns (file, line) to expect."""
    rel = FILES[NESTED[kind][0] if kind in NESTED else kind]
    path = project / rel
    value = [HOSTILE] if KINDS[kind][name].kind == "list" else HOSTILE
    if rel.endswith(".md"):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        _record(kind, meta)[name] = value
        path.write_text(f"---\n{yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=10_000)}---\n{body}",
                        encoding="utf-8")
        text = path.read_text(encoding="utf-8")
        return rel, line_of(text, HOSTILE)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    _record(kind, data)[name] = value
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")
    loaded = load_yaml_file(path)
    record = _record(kind, loaded)
    return rel, record[name].line_of(0) if isinstance(record[name], list) else record.line_of(name)


@pytest.mark.parametrize("kind,name", _text_fields(), ids=lambda v: str(v))
def test_injection_through_a_field_is_reported(real_project: Path, kind: str, name: str) -> None:
    rel, line = inject_field(real_project, kind, name)
    assert ("SEC501", rel, line) in findings(real_project)


def test_the_field_list_covers_the_known_leaks() -> None:
    fields = {f"{k}.{n}" for k, n in _text_fields()}
    assert {"source.title", "source.outlet", "source.authors", "article.summary", "seed_line.reason",
            "glossary.aliases", "claim.title", "assignment.title", "via.outlet", "via.seen"} <= fields


# -- the other mutations: one function each, with what it must produce ------------------------

@dataclass
class Mutation:
    name: str
    family: str
    apply: Callable[[Path], tuple[str, str, int] | None]  # returns the exact finding, if any
    build: str | None = None  # a text the build's stderr must hold (and the build fails)


def _seed_outside(project: Path) -> tuple[str, str, int]:
    secret = project / "secret.txt"
    secret.write_text("root:x:0:0:SECRET-LINE\n", encoding="utf-8")
    digest = hashlib.sha256(secret.read_bytes()).hexdigest()
    line = edit(project, KIM, "seed: 002_18cede6746375e81.txt", "seed: ../secret.txt")
    edit(project, KIM, "seed_sha256: 6f3281ee8dd15c4bad24f32b1f9213efebfb186eccac9865d5b89aaee3849d1e",
         f"seed_sha256: {digest}")
    return ("SEC504", KIM, line)


def _seed_symlink(project: Path) -> tuple[str, str, int]:
    outside = project.parent / "outside.txt"
    outside.write_text("SECRET-LINE\n", encoding="utf-8")
    (project / "seeds" / "linked.txt").symlink_to(outside)
    return ("SEC504", KIM, edit(project, KIM, "seed: 002_18cede6746375e81.txt", "seed: linked.txt"))


def _article_symlink(project: Path) -> tuple[str, str, int]:
    outside = project.parent / "elsewhere.md"
    outside.write_text("---\nseed: x\n---\n# SECRET\n", encoding="utf-8")
    (project / "corpus" / "articles" / "linked.md").symlink_to(outside)
    return ("SEC504", "corpus/articles/linked.md", 1)


def _data_symlink(project: Path) -> tuple[str, str, int]:
    path = project / "corpus" / "timeline.yml"
    outside = project.parent / "timeline.yml"
    path.rename(outside)
    path.symlink_to(outside)
    return ("SEC504", "corpus/timeline.yml", 1)


def _reading_outside(project: Path) -> tuple[str, str, int]:
    return ("SEC504", ASSIGNMENT, edit(project, ASSIGNMENT, "article: 2019-04-25-kim-jong-un-in-russia",
                                       "article: ../../README"))


def _timeline_outside(project: Path) -> tuple[str, str, int]:
    rel = "corpus/timeline.yml"
    return ("SEC504", rel, edit(project, rel, '"2019-04-25-kim-jong-un-in-russia#1"', '"../../README#1"'))


def _claim_outside(project: Path) -> tuple[str, str, int]:
    rel = "corpus/claims.yml"
    return ("SEC504", rel, edit(project, rel, "    2019-04-25-kim-jong-un-in-russia:\n", "    ../../README:\n"))


def _note(project: Path, markup: str) -> int:
    """Append ``markup`` to the first note of the Kim article; returns the note's line."""
    path = project / KIM
    text = path.read_text(encoding="utf-8")
    start = text.index("\n[^") + 1
    end = text.index("\n", start)
    path.write_text(text[:end] + " " + markup + text[end:], encoding="utf-8")
    return text[:start].count("\n") + 1


def _doc_outside(project: Path) -> tuple[str, str, int]:
    return ("SEC504", KIM, _note(project, "See {doc}`the readme <../../README>`."))


def _para_outside(project: Path) -> tuple[str, str, int]:
    return ("SEC504", KIM, _note(project, "See {para}`../../README#1`."))


def _definition(project: Path, markup: str) -> tuple[str, int]:
    """Put ``markup`` in a glossary definition (MyST, shown on the glossary page and in tips)."""
    rel = "corpus/glossary.yml"
    return rel, edit(project, rel, "  definition: Subsidiary body of the UN Security Council,",
                     f"  definition: Subsidiary body {markup} of the UN Security Council,")


def _doc_in_definition(project: Path) -> tuple[str, str, int]:
    return ("SEC504", *_definition(project, "{doc}`the readme <../../README>`"))


def _para_in_definition(project: Path) -> tuple[str, str, int]:
    return ("SEC504", *_definition(project, "{para}`../../README#1`"))


def _yaml_file(project: Path, rel: str, text: str) -> None:
    (project / rel).write_text(text, encoding="utf-8")


def _alias_bomb(project: Path) -> tuple[str, str, int]:
    # 372 bytes that stand for 9^9 strings: 28 s on main, a MemoryError when larger.
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [{','.join(['*' + previous] * 9)}]")
    _yaml_file(project, "corpus/timeline.yml", "\n".join(lines) + "\n")
    return ("YML606", "corpus/timeline.yml", 1)


def _anchor(project: Path) -> tuple[str, str, int]:
    line = edit(project, "corpus/sources.yml", "  type: news\n", "  type: &kind news\n")
    return ("YML606", "corpus/sources.yml", line)


def _merge_key(project: Path) -> tuple[str, str, int]:
    _yaml_file(project, "corpus/claims.yml", 'base: &b {title: "x"}\nother:\n  <<: *b\n')
    return ("YML606", "corpus/claims.yml", 1)


def _deep_nesting(project: Path) -> tuple[str, str, int]:
    _yaml_file(project, "corpus/claims.yml", "deep: " + "[" * 200 + "]" * 200 + "\n")
    return ("YML606", "corpus/claims.yml", 1)


def _huge_data_file(project: Path) -> tuple[str, str, int]:
    path = project / "corpus" / "glossary.yml"
    path.write_text(path.read_text(encoding="utf-8") + "# padding\n" * 500_000, encoding="utf-8")  # 5 MB
    return ("YML607", "corpus/glossary.yml", 1)


def _huge_article(project: Path) -> tuple[str, str, int]:
    path = project / KIM
    path.write_text(path.read_text(encoding="utf-8") + "\n" + "word " * 300_000 + "\n", encoding="utf-8")
    return ("YML607", KIM, 1)


def _huge_range(project: Path) -> tuple[str, str, int]:
    return ("FID407", KIM, edit(project, KIM, "{lines: 13-17, role: body}", "{lines: 13-999999999, role: body}"))


def _remote_image(project: Path) -> tuple[str, str, int]:
    return ("SEC505", KIM, _note(project, "![a map](https://example.org/map.png)"))


def _protocol_relative_image(project: Path) -> tuple[str, str, int]:
    return ("SEC505", KIM, _note(project, "![a map](//example.org/map.png)"))


def _math_role(project: Path) -> tuple[str, str, int]:
    return ("SEC505", KIM, _note(project, "{math}`x^2`"))


def _math_in_definition(project: Path) -> tuple[str, str, int]:
    rel = "corpus/glossary.yml"
    line = edit(project, rel, "  definition: Subsidiary body of the UN Security Council,",
                "  definition: Subsidiary body {math}`x^2` of the UN Security Council,")
    return ("SEC505", rel, line)


def _script_in_note(project: Path) -> tuple[str, str, int]:
    return ("SEC501", KIM, _note(project, "<script>alert(1)</script>"))


def _script_in_definition(project: Path) -> tuple[str, str, int]:
    rel = "corpus/glossary.yml"
    line = edit(project, rel, "  definition: Subsidiary body of the UN Security Council,",
                "  definition: Subsidiary body <img src=x onerror=alert(1)> of the UN Security Council,")
    return ("SEC501", rel, line)


def _raw_role(project: Path) -> tuple[str, str, int]:
    return ("SEC502", KIM, _note(project, "{raw-html}`<b>x</b>`"))


def _escaped_tag(project: Path) -> tuple[str, str, int]:
    # A YAML escape gives the same '<' with no '<' in the file (the check's fast path must see it).
    rel = "corpus/timeline.yml"
    text = (project / rel).read_text(encoding="utf-8")
    start = text.index("\n  title:") + 1
    end = text.index("\n", start)
    (project / rel).write_text(text[:start] + '  title: "\\u003cscript>alert(1)\\x3c/script>"' + text[end:],
                               encoding="utf-8")
    return ("SEC501", rel, text[:start].count("\n") + 1)


def _glossary_key(project: Path) -> tuple[str, str, int]:
    # Keys of the other data files are walked with their values; the glossary's are keys too.
    rel = "corpus/glossary.yml"
    return ("SEC501", rel, edit(project, rel, "1718-sanctions-committee:\n",
                                "'1718-sanctions-committee\"><img src=x onerror=alert(1)>':\n"))


def _vocabulary_name(project: Path) -> tuple[str, str, int]:
    # corpus/glossator.yml names the scripts of the glossary's native names on the glossary page.
    _yaml_file(project, "corpus/glossator.yml", "scripts:\n  ko: '<img src=x onerror=alert(1)>'\n")
    return ("SEC501", "corpus/glossator.yml", 2)


def _javascript_url(project: Path) -> tuple[str, str, int]:
    rel = "corpus/sources.yml"
    text = (project / rel).read_text(encoding="utf-8")
    start = text.index("unidentified-2019-kim-in-russia:")
    line = text[:start].count("\n") + 1
    text = text[:start] + text[start:].replace("\n  type:", "\n  url: javascript:alert(1)\n  type:", 1)
    (project / rel).write_text(text, encoding="utf-8")
    return ("SEC503", rel, line + 1)  # the url field, under the key


MUTATIONS = [
    Mutation("seed outside seeds/", "paths", _seed_outside, build="leads outside seeds/"),
    Mutation("seed that is a symlink out", "paths", _seed_symlink),
    Mutation("article that is a symlink out", "paths", _article_symlink),
    Mutation("data file that is a symlink out", "paths", _data_symlink),
    Mutation("reading of ../../README", "paths", _reading_outside),
    Mutation("timeline paragraph of ../../README", "paths", _timeline_outside),
    Mutation("claim position for ../../README", "paths", _claim_outside),
    Mutation("{doc} to ../../README", "paths", _doc_outside),
    Mutation("{para} to ../../README", "paths", _para_outside),
    Mutation("{doc} to ../../README in a definition", "paths", _doc_in_definition),
    Mutation("{para} to ../../README in a definition", "paths", _para_in_definition),
    Mutation("alias bomb", "bounded", _alias_bomb),
    Mutation("an anchor", "bounded", _anchor),
    Mutation("a merge key", "bounded", _merge_key),
    Mutation("200 levels of nesting", "bounded", _deep_nesting),
    Mutation("5 MB glossary", "bounded", _huge_data_file),
    Mutation("1.5 MB article", "bounded", _huge_article),
    Mutation("seed_lines 13-999999999", "bounded", _huge_range),
    Mutation("remote image", "unsupported", _remote_image, build="remote image 'https://example.org/map.png' is not shown"),
    Mutation("protocol-relative image", "unsupported", _protocol_relative_image),
    Mutation("{math} role", "unsupported", _math_role, build="mathematics is not rendered"),
    Mutation("{math} in a definition", "unsupported", _math_in_definition),
    Mutation("<script> in a note", "injection", _script_in_note, build="raw html is not allowed in contributor content"),
    Mutation("<img onerror> in a definition", "injection", _script_in_definition,
             build="raw html is not allowed in contributor content"),
    Mutation("{raw-html} role", "injection", _raw_role),
    Mutation("<img onerror> in a vocabulary name", "injection", _vocabulary_name),
    Mutation("<script> written as YAML escapes", "injection", _escaped_tag),
    Mutation("<img onerror> in a glossary key", "injection", _glossary_key),
    Mutation("javascript: record URL", "injection", _javascript_url, build="is a javascript: URL"),
]


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.name)
def test_mutation_is_caught(real_project: Path, mutation: Mutation) -> None:
    expected = mutation.apply(real_project)
    found = findings(real_project)  # a check that never ends fails here (the timings: make bench)
    assert expected in found, sorted(found)[:10]
    if mutation.build is not None:
        result = sphinx(real_project)
        assert "Traceback" not in result.stderr and "Exception occurred" not in result.stderr, result.stderr[-2000:]
        assert result.returncode != 0 and mutation.build in result.stderr, result.stderr[-3000:]


def test_a_seed_outside_never_reaches_the_pages(real_project: Path) -> None:
    _seed_outside(real_project)
    sphinx(real_project)
    about = (real_project / "_build" / "html" / "about.html").read_text(encoding="utf-8")
    assert "SECRET-LINE" not in about


def test_a_remote_image_is_never_fetched_nor_shown(real_project: Path) -> None:
    _remote_image(real_project)
    for builder in ("html", "latex"):
        result = sphinx(real_project, builder)
        assert "Could not fetch remote image" not in result.stderr and "Traceback" not in result.stderr
    page = (real_project / "_build" / "html" / "articles" / "2019-04-25-kim-jong-un-in-russia.html")
    assert "example.org/map.png" not in page.read_text(encoding="utf-8")


def test_mathjax_is_never_loaded(real_project: Path) -> None:
    _math_role(real_project)
    sphinx(real_project)
    import lxml.html

    for page in (real_project / "_build" / "html").rglob("*.html"):
        scripts = [s.get("src", "") + (s.text or "") for s in lxml.html.parse(str(page)).iter("script")]
        assert not [s for s in scripts if "mathjax" in s.lower()], page


def test_glossator_new_refuses_a_target_outside(real_project: Path) -> None:
    # README.md at the project root, with paragraphs a note could go into: where
    # corpus/articles/../../README leads.
    readme = (real_project / KIM).read_text(encoding="utf-8")
    (real_project / "README.md").write_text(readme, encoding="utf-8")
    for args in (["note", "../../README", "-p", "1", "--label", "x"],
                 ["note", "../../README.md", "-p", "1", "--label", "x"],
                 ["event", "e1", "--date", "2019", "--paragraph", "../x#1"],
                 ["assignment", "../../README", "--title", "x", "--article", "2019-04-25-kim-jong-un-in-russia:1-2"]):
        result = subprocess.run([sys.executable, "-m", "glossator", "new", *args, "--root", str(real_project)],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.startswith("glossator: error: "), result.stderr
    # glossator import: the article's name, and the seed it reads, stay inside too.
    seed = sorted((real_project / "seeds").glob("*.txt"))[0]
    outside = real_project.parent / "outside.txt"
    outside.write_text("A text from outside.\n", encoding="utf-8")
    for args in ([str(seed), "--stem", "../../README"], [str(outside)]):
        result = subprocess.run([sys.executable, "-m", "glossator", "import", *args, "--root", str(real_project)],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 2 and result.stderr.startswith("glossator: error: "), result.stderr
    assert (real_project / "README.md").read_text(encoding="utf-8") == readme
    assert not (real_project.parent / "README.md").exists()


# -- pipes: the exit status is the checker's own, with `set -o pipefail` semantics ------------

@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_exit_status_survives_a_closed_pipe(real_project: Path, fmt: str) -> None:
    for name in ("glossary.yml", "sources.yml"):  # some 80 KB of findings: more than a pipe holds
        (real_project / "corpus" / name).unlink()
    process = subprocess.Popen([sys.executable, "-m", "glossator", "check", "--format", fmt, "--root", str(real_project)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # as `head -1` does
    status = process.wait(timeout=60)
    error = process.stderr.read().decode()
    assert first and status == 1, (status, error)
    assert "BrokenPipe" not in error and "Exception ignored" not in error and error == ""


def test_exit_status_through_head_in_a_shell(real_project: Path) -> None:
    (real_project / "corpus" / "glossary.yml").unlink()
    command = f"set -o pipefail; {sys.executable} -m glossator check --format json --root {real_project} | head -1"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and result.stderr == "", result.stderr


def test_the_suite_covers_every_class() -> None:
    assert {m.family for m in MUTATIONS} == {"paths", "bounded", "unsupported", "injection"}
    assert len(MUTATIONS) + len(_text_fields()) >= 40
    assert set(schema.ARTICLE_FIELDS) <= set(KINDS["article"])
