"""``glossator new``: scaffold a glossary term, a source record, a note or a timeline event.

Each command writes a stub in the project's own format and then runs the checks, printing the
findings that concern the new entry: what ``glossator check`` will report until the editor has
finished it. A stub never passes silently where the editor still owes content: a note's stub
cites a placeholder key (CIT201), a term without a definition has an empty one (GLO304).

YAML files are edited as text: the new entry is written in the file's own style (PyYAML block
style, 100 columns, a blank line between entries) and inserted in key order when the file is
kept sorted, else appended. Nothing else in the file changes, comments included. An existing
key is never overwritten.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Collection
from datetime import date
from difflib import get_close_matches
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic
from .schema import date_problem
from .vocabulary import DEFAULT as DEFAULT_VOCABULARY
from .vocabulary import Vocabulary, load_vocabulary
from .yamlio import LineDict, YamlError, load_yaml_file

KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
PLACEHOLDER_KEY = "TODO-source-key"
NOTE_PLACEHOLDER = ("Write the note here: what is known, how we know it, and why it matters to this "
                    "passage, in short declarative sentences.")


def note_leads(vocabulary: Vocabulary) -> dict[str, str]:
    """How a note of each kind begins (the style guide explains when to use which)."""
    return {slug: f"{kind.lead} " if kind.lead else "" for slug, kind in vocabulary.note_kinds.items()}


NOTE_LEADS = note_leads(DEFAULT_VOCABULARY)  # the default kinds'
TIMELINE_HEADER = """\
# The timeline: one event per key. `date` is YYYY, YYYY-MM or YYYY-MM-DD (quoted, its precision
# is its form); `sources` are keys of corpus/sources.yml; `paragraphs` are the article
# paragraphs (stem#N) that mention or presuppose the event.
"""


class ScaffoldError(Exception):
    """A usage problem: printed as ``glossator: error: …`` with exit status 2."""


# -- Shared helpers (also used by the importer) --------------------------------------------


def project_root(given: str | None) -> Path:
    from .corpus import find_root

    root = Path(given).resolve() if given else find_root(Path.cwd())
    if root is None or not (root / "corpus" / "articles").is_dir():
        raise ScaffoldError("no corpus/articles folder here or above; run inside a project or pass --root")
    return root


def rel(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def atomic_write(path: Path, text: str) -> None:
    """Write the whole file or nothing: a crash never leaves half a glossary."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def current_findings(root: Path) -> list[Diagnostic]:
    """Every finding of the checks on the project as it stands (none if it cannot be read)."""
    from .checks import run_checks
    from .corpus import UnusableInput, load_corpus

    try:
        return run_checks(load_corpus(root))
    except UnusableInput:
        return []


def report_remaining(root: Path, path: Path, lines: Collection[int] | None,
                     baseline: list[Diagnostic] | None = None) -> int:
    """Print the findings on ``path`` (on one of ``lines``, if given): what is left to do.

    With the findings from before the change (``baseline``), also count the new findings the
    change caused in other files (a new article, say, needs a position in every claim).
    """
    shown = rel(root, path)
    findings = current_findings(root)
    mine = [d for d in findings if d.path == shown and (lines is None or d.line in lines)]
    if mine:
        print(f"'glossator check' reports, until it is finished ({len(mine)}):")
        for finding in mine:
            print(finding.text())
    else:
        print("'glossator check' has nothing to report on it.")
    if baseline is not None:
        before = Counter((d.path, d.code, d.message) for d in baseline)
        elsewhere = []
        for d in findings:
            if d.path != shown and before[(d.path, d.code, d.message)] <= 0:
                elsewhere.append(d)
            before[(d.path, d.code, d.message)] -= 1
        if elsewhere:
            print(f"It also causes {len(elsewhere)} new finding{'s' * (len(elsewhere) != 1)} in other files, for example:")
            for finding in elsewhere[:3]:
                print(finding.text())
    return len(mine)


def _read_mapping(path: Path, shown: str) -> tuple[str, LineDict]:
    if not path.exists():
        empty = LineDict()
        empty.key_lines = {}
        return "", empty
    try:
        text = path.read_text(encoding="utf-8")
        data = load_yaml_file(path, shown)
    except (OSError, UnicodeDecodeError) as exc:
        raise ScaffoldError(f"{shown}: cannot read file: {exc}") from None
    except YamlError as err:
        raise ScaffoldError(f"{err}; fix the file before adding to it") from None
    if data is None:
        data = LineDict()
        data.key_lines = {}
    if not isinstance(data, LineDict):
        raise ScaffoldError(f"{shown}:1: the file must be a mapping of keys to entries")
    return text, data


def dump_entry(key: str, entry: dict[str, Any]) -> str:
    """One entry in the style of glossary.yml and sources.yml: PyYAML block style, 100 columns."""
    return yaml.safe_dump({key: entry}, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


def _quoted(value: Any) -> str:
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a YAML double-quoted string


def dump_event(key: str, entry: dict[str, Any]) -> str:
    """One event in the style of timeline.yml: quoted texts, flow list of sources, paragraphs below."""
    lines = [f"{key}:"]
    for name, value in entry.items():
        if name == "paragraphs":
            if value:
                lines += [f"  {name}:", *(f"    - {_quoted(item)}" for item in value)]
        elif isinstance(value, list):
            lines.append(f"  {name}: [{', '.join(str(item) for item in value)}]")
        else:
            lines.append(f"  {name}: {_quoted(value)}")
    return "\n".join(lines) + "\n"


def _by_key(data: LineDict, key: str) -> str | None:
    """The key to insert before, when the file is kept in key order; None: append."""
    keys = [str(k) for k in data]
    later = [k for k in keys if k > key]
    return later[0] if keys == sorted(keys) and later else None


def _by_date(data: LineDict, when: str) -> str | None:
    """The event to insert before, when the file is kept in date order; None: append."""
    dates = [(str(k), str(v.get("date", ""))) for k, v in data.items() if isinstance(v, dict)]
    if [d for _, d in dates] != sorted(d for _, d in dates):
        return None
    return next((k for k, d in dates if d > when), None)


def insert_entry(path: Path, root: Path, key: str, entry: dict[str, Any], header: str = "",
                 dump: Callable[[str, dict[str, Any]], str] = dump_entry,
                 before: Callable[[LineDict], str | None] | None = None) -> tuple[int, int]:
    """Add ``key: entry`` to a YAML mapping file as text; return its first and last line.

    The entry goes before the key that ``before`` names (by default: in key order when the
    file is sorted by key), else at the end. Refuses (ScaffoldError) an existing key, a file
    that does not parse, or an invalid key; nothing else in the file changes.
    """
    shown = rel(root, path)
    if not KEY.match(key):
        raise ScaffoldError(f"key '{key}' must be lower-case letters, digits and hyphens (e.g. kim-jong-un)")
    text, data = _read_mapping(path, shown)
    if key in data:
        raise ScaffoldError(f"{shown}:{data.line_of(key)}: '{key}' already exists; choose another key or edit that entry")
    block = dump(key, entry).rstrip("\n").split("\n")
    lines = (text or header).split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the text ended with a newline
    following = (before or (lambda d: _by_key(d, key)))(data)
    if following is not None:
        at = data.line_of(following) - 1  # 0-based index of the next entry's line
        while at > 0 and lines[at - 1].startswith("#"):
            at -= 1  # keep a comment with the entry it introduces
        lines[at:at] = [*block, ""]
        first = at + 1
    else:
        while lines and lines[-1].strip() == "":
            lines.pop()
        if lines:
            lines.append("")
        first = len(lines) + 1
        lines += block
    new_text = "\n".join(lines) + "\n"
    try:
        check = yaml.safe_load(new_text)
    except yaml.YAMLError as exc:  # pragma: no cover - defensive: the dump is valid YAML
        raise ScaffoldError(f"{shown}: the new entry would not parse ({exc}); nothing was written") from None
    if not isinstance(check, dict) or key not in check or len(check) != len(data) + 1:
        raise ScaffoldError(f"{shown}: inserting '{key}' would change other entries; nothing was written")
    atomic_write(path, new_text)
    return first, first + len(block) - 1


def _hint(name: str, options: list[str]) -> str:
    """'; did you mean …?' for the nearest option, or for one that contains the name."""
    close = get_close_matches(name, options, n=1) or sorted(o for o in options if name.lower() in o.lower())[:1]
    return f"; did you mean '{close[0]}'?" if close else ""


def _known(data: dict, name: str, what: str, shown: str) -> None:
    if name not in data:
        raise ScaffoldError(f"{what} '{name}' is not a key of {shown}{_hint(name, [str(k) for k in data])}")


def vocabulary_of(root: Path) -> Vocabulary:
    """The project's vocabulary (corpus/glossator.yml); a table with problems is refused."""
    vocabulary, problems = load_vocabulary(root)
    if problems:
        shown = "; ".join(d.text() for d in problems[:3])
        raise ScaffoldError(f"{shown}; fix the vocabulary table first")
    return vocabulary


def _choice(value: str | None, options: Collection[str], option: str, where: str) -> None:
    """Refuse a value the project's vocabulary does not list."""
    if value is not None and value not in options:
        raise ScaffoldError(f"{option} '{value}' is not one of {', '.join(options)}{_hint(value, list(options))} "
                            f"(a project adds its own in {where})")


def _sources(root: Path) -> LineDict:
    return _read_mapping(root / "corpus" / "sources.yml", "corpus/sources.yml")[1]


def _check_date(value: str, option: str) -> str:
    problem = date_problem(value)
    if problem:
        raise ScaffoldError(f"{option} '{value}' {problem}")
    return value


# -- new term -----------------------------------------------------------------------------


def new_term(root: Path, args: argparse.Namespace) -> tuple[Path, tuple[int, int]]:
    path = root / "corpus" / "glossary.yml"
    vocabulary = vocabulary_of(root)
    _choice(args.category, vocabulary.glossary_categories, "--category", f"{vocabulary.path} under glossary_categories")
    glossary = _read_mapping(path, "corpus/glossary.yml")[1]
    sources = _sources(root)
    for key in args.source:
        _known(sources, key, "source", "corpus/sources.yml")
    for key in args.related:
        _known(glossary, key, "related entry", "corpus/glossary.yml")
    entry: dict[str, Any] = {"term": args.term}
    if args.alias:
        entry["aliases"] = list(args.alias)
    entry["category"] = args.category
    entry["definition"] = args.definition or ""
    if args.related:
        entry["related"] = list(args.related)
    entry["sources"] = list(args.source)
    return path, insert_entry(path, root, args.key, entry)


# -- new source ---------------------------------------------------------------------------


def new_source(root: Path, args: argparse.Namespace) -> tuple[Path, tuple[int, int]]:
    path = root / "corpus" / "sources.yml"
    vocabulary = vocabulary_of(root)
    _choice(args.type, vocabulary.source_types, "--type", f"{vocabulary.path} under source_types")
    _choice(args.source_kind, list(vocabulary.source_kinds), "--kind", f"{vocabulary.path} under source_kinds")
    entry: dict[str, Any] = {}
    if args.type:
        entry["type"] = args.type
    if args.source_kind:
        entry["kind"] = args.source_kind
    entry["title"] = args.title
    if args.author:
        entry["authors"] = list(args.author)
    if args.organisation:
        entry["organisation"] = args.organisation
    if args.outlet:
        entry["outlet"] = args.outlet
    if args.date:
        entry["date"] = _check_date(args.date, "--date")
    entry["url"] = args.url
    entry["accessed"] = _check_date(args.accessed or date.today().isoformat(), "--accessed")
    if args.seen:
        entry["seen"] = args.seen
    return path, insert_entry(path, root, args.key, entry)


# -- new event ----------------------------------------------------------------------------

_PARA = re.compile(r"^([a-z0-9][a-z0-9-]*)#(\d+)$")


def _check_paragraph(root: Path, ref: str) -> str:
    from .corpus import Corpus, load_article

    match = _PARA.match(ref)
    if not match:
        raise ScaffoldError(f"--paragraph '{ref}' must be ARTICLE-STEM#N, e.g. 2019-kireeva-zakharova-takeaways#4")
    from .corpus import inside

    path = root / "corpus" / "articles" / f"{match[1]}.md"
    if not inside(path, root / "corpus" / "articles"):
        raise ScaffoldError(f"--paragraph '{ref}': '{match[1]}' leads outside corpus/articles")
    if not path.is_file():
        stems = [p.stem for p in (root / "corpus" / "articles").glob("*.md")]
        raise ScaffoldError(f"--paragraph '{ref}': no article '{match[1]}' in corpus/articles{_hint(match[1], stems)}")
    article = load_article(path, Corpus(root, [], LineDict(), LineDict(), []))
    count = len(article.paragraphs)
    if not 1 <= int(match[2]) <= count:
        raise ScaffoldError(f"--paragraph '{ref}': {match[1]} has paragraphs 1-{count}")
    return ref


def new_event(root: Path, args: argparse.Namespace) -> tuple[Path, tuple[int, int]]:
    path = root / "corpus" / "timeline.yml"
    sources = _sources(root)
    for key in args.source:
        _known(sources, key, "source", "corpus/sources.yml")
    entry: dict[str, Any] = {
        "date": _check_date(args.date, "--date"),
        "title": args.title or "",
        "description": args.description or "",
        "sources": list(args.source),
        "paragraphs": [_check_paragraph(root, ref) for ref in args.paragraph],
    }
    return path, insert_entry(path, root, args.key, entry, header=TIMELINE_HEADER, dump=dump_event,
                              before=lambda data: _by_date(data, entry["date"]))


# -- new note -----------------------------------------------------------------------------


def _article_path(root: Path, name: str) -> Path:
    from .corpus import inside

    folder = root / "corpus" / "articles"
    candidate = Path(name)
    if candidate.suffix == ".md" and candidate.exists():
        path = candidate
    else:
        path = folder / f"{candidate.stem if candidate.suffix == '.md' else name}.md"
    if not inside(path, folder):
        raise ScaffoldError(f"'{name}' leads outside corpus/articles; name an article by its stem, "
                            "e.g. 2020-04-gray-vladivostok-visit")
    path = path.resolve()
    if not path.is_file():
        stems = [p.stem for p in (root / "corpus" / "articles").glob("*.md")]
        raise ScaffoldError(f"no article '{name}' in corpus/articles{_hint(candidate.stem, stems)}")
    return path


def new_note(root: Path, args: argparse.Namespace) -> tuple[Path, tuple[int, int]]:
    from .corpus import Corpus, load_article

    path = _article_path(root, args.article)
    shown = rel(root, path)
    leads = note_leads(vocabulary_of(root))
    _choice(args.note_kind, list(leads), "--kind", "corpus/glossator.yml under note_kinds")
    if not LABEL.match(args.label):
        raise ScaffoldError(f"note label '{args.label}' must be letters, digits, '-' and '_' (e.g. treaty-2000)")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScaffoldError(f"{shown}: cannot read file: {exc}") from None
    article = load_article(path, Corpus(root, [], LineDict(), LineDict(), []))
    paragraphs = article.paragraphs
    if not 1 <= args.paragraph <= len(paragraphs):
        raise ScaffoldError(f"{shown}: ¶{args.paragraph} does not exist; the article has paragraphs 1-{len(paragraphs)}")
    defined = {note.label: note.line for note in article.doc.footnotes}
    if args.label in defined or f"[^{args.label}]" in text:
        line = defined.get(args.label) or text[: text.find(f"[^{args.label}]")].count("\n") + 1
        raise ScaffoldError(f"{shown}:{line}: note [^{args.label}] already exists; choose another label")
    sources = _sources(root)
    for key in args.cite:
        _known(sources, key, "citation key", "corpus/sources.yml")
    block = paragraphs[args.paragraph - 1]
    lines = text.split("\n")
    at = block.end_line - 1
    lines[at] = lines[at].rstrip() + f"[^{args.label}]"
    while lines and lines[-1].strip() == "":
        lines.pop()
    cites = "; ".join(f"{{cite}}`{key}`" for key in (args.cite or [PLACEHOLDER_KEY]))
    body = f"{leads[args.note_kind]}{args.text or NOTE_PLACEHOLDER} Source{'s' * (len(args.cite) > 1)}: {cites}."
    lines += ["", f"[^{args.label}]: {body}"]
    atomic_write(path, "\n".join(lines) + "\n")
    opening = " ".join(block.text.split()[:8])
    print(f"{shown}:{at + 1}: note mark [^{args.label}] added at the end of ¶{args.paragraph} ('{opening} …')")
    args.mark_line = at + 1
    return path, (len(lines), len(lines))


# -- The command --------------------------------------------------------------------------


# -- new assignment -----------------------------------------------------------------------


def _load_articles(root: Path) -> dict[str, Any]:
    from .corpus import Corpus, load_article

    folder = root / "corpus" / "articles"
    empty = Corpus(root, [], LineDict(), LineDict(), [])
    return {path.stem: load_article(path, empty) for path in sorted(folder.glob("*.md"))}


def _article_reading(articles: dict[str, Any], value: str) -> dict[str, Any]:
    """``--article STEM:4-13`` (or STEM alone, the whole article) as a reading."""
    from .ranges import parse_range, range_problem

    stem, _, span_text = value.partition(":")
    if stem not in articles:
        raise ScaffoldError(f"--article '{value}': no article '{stem}' in corpus/articles{_hint(stem, list(articles))}")
    reading: dict[str, Any] = {"article": stem}
    if span_text:
        span = parse_range(span_text)
        count = len(articles[stem].paragraphs)
        problem = range_problem(span, count) if span else "is not N or N-M"
        if problem:
            raise ScaffoldError(f"--article '{value}': the range '{span_text}' {problem}".replace("the article", stem))
        reading["paragraphs"] = str(span[0]) if span[0] == span[1] else f"{span[0]}-{span[1]}"
    return reading


def _timeline_reading(value: str) -> dict[str, Any]:
    """``--timeline FROM:TO`` (either may be empty: ``2019:`` or ``:2019-04``)."""
    start, colon, end = value.partition(":")
    if not colon:
        raise ScaffoldError(f"--timeline '{value}' must be FROM:TO, e.g. 2017:2019 or 2019-04:2019-09 (one may be empty)")
    reading: dict[str, Any] = {"section": "timeline"}
    if start:
        reading["from"] = _check_date(start, "--timeline FROM")
    if end:
        reading["to"] = _check_date(end, "--timeline TO")
    if start and end and end[:len(start)] < start[:len(end)]:
        raise ScaffoldError(f"--timeline '{value}': the period ends before it begins")
    return reading


def dump_assignment(entry: dict[str, Any]) -> str:
    """An assignment file in the style of corpus/assignments (quoted strings, one reading per item)."""
    lines = [f"title: {_quoted(entry['title'])}"]
    for name in ("audience", "due", "instructions"):
        if entry.get(name):
            lines.append(f"{name}: {_quoted(entry[name])}")
    lines.append("readings:")
    for reading in entry["readings"]:
        first, *rest = reading.items()
        lines.append(f"  - {first[0]}: {first[1]}")
        lines += [f"    {k}: {_quoted(v)}" for k, v in rest]
    if entry.get("questions"):
        lines.append("questions:")
        lines += [f"  - {_quoted(q)}" for q in entry["questions"]]
    return "\n".join(lines) + "\n"


def new_assignment(root: Path, args: argparse.Namespace) -> tuple[Path, tuple[int, int]]:
    if not LABEL.match(args.key):
        raise ScaffoldError(f"assignment id '{args.key}' must be letters, digits, - and _ (it names the file and its page)")
    path = root / "corpus" / "assignments" / f"{args.key}.yml"
    if path.exists():
        raise ScaffoldError(f"{rel(root, path)} exists already: choose another id, or edit that file")
    if not args.title.strip():
        raise ScaffoldError("--title must not be empty")
    articles = _load_articles(root)
    readings = [_article_reading(articles, value) for value in args.article]
    readings += [_timeline_reading(value) for value in args.timeline]
    if args.claim:
        claims = _read_mapping(root / "corpus" / "claims.yml", "corpus/claims.yml")[1]
        for key in args.claim:
            _known(claims, key, "--claim", "corpus/claims.yml")
            readings.append({"claim": key})
    if not readings:
        raise ScaffoldError("an assignment needs at least one reading: give --article STEM:N-M, --timeline FROM:TO or --claim KEY")
    entry = {"title": args.title.strip(), "audience": args.audience, "due": args.due, "instructions": args.instructions,
             "readings": readings, "questions": [q.strip() for q in args.question if q.strip()]}
    text = dump_assignment(entry)
    atomic_write(path, text)
    return path, (1, text.count("\n"))


_MAKERS = {"term": new_term, "source": new_source, "event": new_event, "note": new_note,
           "assignment": new_assignment}


def cmd_new(args: argparse.Namespace) -> int:
    if not getattr(args, "kind", None):
        args.new_parser.print_help(sys.stderr)
        return 2
    try:
        root = project_root(args.root)
        baseline = current_findings(root)
        path, (first, last) = _MAKERS[args.kind](root, args)
    except ScaffoldError as exc:
        print(f"glossator: error: {exc}", file=sys.stderr)
        return 2
    shown = rel(root, path)
    if args.kind == "note":
        print(f"{shown}:{first}: note [^{args.label}] defined; write it and cite its source")
        if not args.cite:
            print(f"Replace {PLACEHOLDER_KEY} with the key of the record the note relies on "
                  "(add the record first with 'glossator new source' if it is new).")
        report_remaining(root, path, {args.mark_line, first}, baseline)
    else:
        print(f"{shown}:{first}: {args.kind} '{args.key}' added (lines {first}-{last})")
        report_remaining(root, path, range(first, last + 1), baseline)
    return 0


def add_new_parser(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser(
        "new", help="add a glossary term, source record, note, timeline event or assignment",
        description="Write a stub in the corpus's own format, then print what 'glossator check' "
                    "reports on it until it is finished.")
    new.set_defaults(handler=cmd_new, new_parser=new)
    kinds = new.add_subparsers(dest="kind", metavar="KIND", parser_class=type(new))

    def common(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--root", help="project folder holding corpus/ and seeds/ (default: found from here)")

    term = kinds.add_parser("term", help="a glossary entry in corpus/glossary.yml")
    term.add_argument("key", metavar="KEY", help="the entry's key, e.g. kim-jong-un")
    term.add_argument("--term", required=True, help="the headword, as the articles spell it")
    term.add_argument("--category", required=True,
                      help="one of the vocabulary's categories (default: "
                           f"{', '.join(DEFAULT_VOCABULARY.glossary_categories)})")
    term.add_argument("--alias", action="append", default=[], help="another spelling or form (repeatable)")
    term.add_argument("--definition", help="one to three sentences, ending with a full stop")
    term.add_argument("--related", action="append", default=[], metavar="KEY", help="a related entry (repeatable)")
    term.add_argument("--source", action="append", default=[], metavar="KEY", help="a source record (repeatable)")
    common(term)

    source = kinds.add_parser("source", help="a bibliography record in corpus/sources.yml")
    source.add_argument("key", metavar="KEY", help="the record's key, e.g. gray-2020-diplomat")
    source.add_argument("--url", required=True, help="the address of the page you saw")
    source.add_argument("--title", required=True, help="the title exactly as published")
    source.add_argument("--type", help="one of the vocabulary's source types (default: "
                                       f"{', '.join(DEFAULT_VOCABULARY.source_types)})")
    source.add_argument("--kind", dest="source_kind",
                        help="who published it, one of the vocabulary's source kinds (default: " + "; ".join(
                            f"{k.slug}: {k.label}" for k in DEFAULT_VOCABULARY.source_kinds.values()) + ")")
    source.add_argument("--author", action="append", default=[], help="'Family, Given' (repeatable)")
    source.add_argument("--organisation", help="corporate author, when there is no personal author")
    source.add_argument("--outlet", help="website, periodical or publisher")
    source.add_argument("--date", help="publication date: YYYY, YYYY-MM or YYYY-MM-DD")
    source.add_argument("--accessed", help="when you saw the page (default: today)")
    source.add_argument("--seen", help="what you saw that confirms the record")
    common(source)

    note = kinds.add_parser("note", help="a footnote at the end of a paragraph of an article")
    note.add_argument("article", metavar="ARTICLE-STEM", help="the article, e.g. 2020-04-gray-vladivostok-visit")
    note.add_argument("--paragraph", "-p", type=int, required=True, metavar="N", help="the ¶ number")
    note.add_argument("--label", required=True, help="what the note is about, e.g. treaty-2000")
    note.add_argument("--kind", dest="note_kind", default="context",
                      help="how the note begins, one of the vocabulary's note kinds (default kinds: "
                           f"{', '.join(sorted(NOTE_LEADS))}; default: context, no lead-in)")
    note.add_argument("--text", help="the note's text (default: a placeholder to replace)")
    note.add_argument("--cite", action="append", default=[], metavar="KEY",
                      help=f"a source it cites (repeatable; default: the placeholder {PLACEHOLDER_KEY})")
    common(note)

    event = kinds.add_parser("event", help="a dated event in corpus/timeline.yml")
    event.add_argument("key", metavar="ID", help="the event's id, e.g. diplomatic-relations-1948")
    event.add_argument("--date", required=True, help="YYYY, YYYY-MM or YYYY-MM-DD")
    event.add_argument("--title", help="a short title")
    event.add_argument("--description", help="one neutral sentence on what happened")
    event.add_argument("--source", action="append", default=[], metavar="KEY", help="a source record (repeatable)")
    event.add_argument("--paragraph", action="append", default=[], metavar="STEM#N",
                       help="an article paragraph that mentions it (repeatable)")
    common(event)

    assignment = kinds.add_parser("assignment", help="a reading assignment in corpus/assignments/ID.yml")
    assignment.add_argument("key", metavar="ID", help="the file name, e.g. week-3-vladivostok")
    assignment.add_argument("--title", required=True, help="the assignment's title")
    assignment.add_argument("--article", action="append", default=[], metavar="STEM:N-M",
                            help="paragraphs of an article, e.g. 2019-kireeva-zakharova-takeaways:4-13 (repeatable)")
    assignment.add_argument("--timeline", action="append", default=[], metavar="FROM:TO",
                            help="a period of the timeline, e.g. 2017:2019 (repeatable; one side may be empty)")
    assignment.add_argument("--claim", action="append", default=[], metavar="KEY", help="a claim of corpus/claims.yml (repeatable)")
    assignment.add_argument("--question", action="append", default=[], help="a question to prepare (repeatable)")
    assignment.add_argument("--due", help="when it is due, e.g. 'Before the seminar of week 3'")
    assignment.add_argument("--audience", help="who it is for")
    assignment.add_argument("--instructions", help="what to do with the reading")
    common(assignment)
