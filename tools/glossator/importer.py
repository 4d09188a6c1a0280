"""``glossator import``: a draft article from a new seed text.

Every non-blank line of the seed is given a role by a few plain heuristics (the title is the
first short line, or the one the page repeats; headings are short lines without final
punctuation; and so on). The draft is written in the project's article format, one sentence
per line with Markdown's special characters escaped, so that it passes the fidelity checks
(FID4xx) as written; a comment in its front matter lists every guess for the editor to confirm.

Nothing here knows what the articles are about: the heuristics read the shape of a scraped
web page, not its subject.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import string
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .scaffold import (
    ScaffoldError,
    atomic_write,
    current_findings,
    project_root,
    rel,
    report_remaining,
)
from .schema import display_title
from .seedroles import DIRECTIVE_ROLES
from .yamlio import YamlError, load_yaml_file

# -- Classification ------------------------------------------------------------------------

SHORT = 150  # a title, byline or dek candidate is at most this long
HEADING_MAX = 100  # a heading is at most this long
LONG = 200  # a line longer than this is body text: the page's head ends before it
FINAL = tuple(".!?…;,")  # a line ending with one of these is a sentence, not a heading
CLOSERS = "”\"’')]»"

# Lines that are the website's furniture wherever they stand (compared lower-cased).
NAVIGATION = {
    "skip to main content", "skip to content", "skip to navigation", "recent features",
    "recent posts", "related articles", "related posts", "related", "read more", "advertisement",
    "share", "share this", "share this article", "print", "email", "menu", "search", "subscribe",
    "sign in", "log in", "login", "register", "newsletter", "sign up for our newsletter",
    "most read", "most popular", "trending", "you may also like", "tags", "comments",
    "leave a comment", "back to top", "home", "next article", "previous article",
}
_CAPTION_START = re.compile(
    r"^(credit|image courtesy|photo credit|photo|image|picture|source|courtesy)\b\s*[:.]?", re.IGNORECASE)
_CAPTION_END = re.compile(r"\((source|photo|credit|image|picture)s?:[^()]*\)\s*$", re.IGNORECASE)
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_DATE = re.compile(
    rf"\b(({_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+({_MONTHS})\.?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b")
_BYLINE_START = re.compile(
    r"^(by\s|written by\b|author:|authors:|publication:|published\b|posted\b|updated\b)", re.IGNORECASE)
_PIPES = re.compile(r"\s*\|\s*")
# "Name is a …", "Name, Ph.D., is an …", "Name Surname is currently the …"
_BIO = re.compile(
    r"^[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4}(?:,\s*[^,]{1,25},)?\s+(?:is|was|are)\s+"
    r"(?:\w+ly\s+)?(?:a|an|the|one)\b")
_BULLET = re.compile(r"^(?:[-*•+])\s+")
_WORDS = re.compile(r"\w+")


@dataclass
class Guess:
    """The role guessed for one non-blank seed line (or, in a hard-wrapped seed, one paragraph
    of consecutive lines), and why."""

    number: int  # 1-based line of the seed (the paragraph's first)
    text: str  # the line, stripped (the paragraph's lines joined by a space)
    role: str
    why: str
    last: int = 0  # the paragraph's last line; 0: the line alone

    @property
    def last_line(self) -> int:
        return self.last or self.number


# -- Hard wrapping ---------------------------------------------------------------------------

WRAP_MAX = 100  # a text wrapped wider than this is not a hard-wrapped plain-text edition
WRAP_SLACK = 15  # a wrapped line ends within this many columns of the width
WRAP_SHARE = 0.8  # of the lines inside paragraphs


@dataclass(frozen=True)
class Wrapping:
    """Whether a seed looks hard-wrapped, at what width, and the evidence, in words."""

    wrapped: bool
    width: int
    why: str


def paragraphs_of(lines: list[str]) -> list[tuple[int, int, str]]:
    """(first line, last line, joined text) of each paragraph of a hard-wrapped seed: a run of
    consecutive non-blank lines, a list item starting at its bullet, as the fidelity check
    joins the lines of a ``wrapped`` seed_lines entry."""
    from .checks.fidelity import starts_item

    out: list[tuple[int, int, str]] = []
    previous = False
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text:
            previous = False
            continue
        if previous and not starts_item(text):
            first, _, joined = out[-1]
            out[-1] = (first, number, f"{joined} {text}")
        else:
            out.append((number, number, text))
        previous = True
    return out


def detect_wrapping(lines: list[str]) -> Wrapping:
    """A seed is hard-wrapped when its paragraphs run over several lines (blank lines between
    them) and most lines inside a paragraph end near one width, as Project Gutenberg's texts
    (70 columns) and text copied from a PDF do. A scraped web page has one line per paragraph."""
    inner = [len(lines[n - 1].rstrip()) for first, last, _ in paragraphs_of(lines) for n in range(first, last)]
    if len(inner) < 3:
        return Wrapping(False, 0, "no paragraph runs over several lines")
    ordered = sorted(inner)
    width = ordered[int(0.9 * (len(ordered) - 1))]
    near = sum(width - WRAP_SLACK <= n <= width + WRAP_SLACK for n in inner)
    share = near / len(inner)
    evidence = (f"{near} of the {len(inner)} lines inside paragraphs end within {WRAP_SLACK} columns "
                f"of {width}")
    if width > WRAP_MAX:
        return Wrapping(False, width, f"{evidence}, wider than a hard-wrapped text ({WRAP_MAX})")
    if share < WRAP_SHARE:
        return Wrapping(False, width, evidence)
    return Wrapping(True, width, evidence)


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.replace("’", "'").lower())


def _ends_sentence(text: str) -> bool:
    return text.rstrip(CLOSERS + " ").endswith(FINAL)


def _sentences(text: str) -> list[str]:
    return split_sentences(text)


def _is_navigation(text: str) -> bool:
    return text.strip().lower().rstrip(":") in NAVIGATION


def _is_caption(text: str) -> bool:
    return bool(_CAPTION_START.match(text) or _CAPTION_END.search(text))


def _is_byline(text: str) -> bool:
    return len(text) <= SHORT and bool(_BYLINE_START.match(text) or _DATE.search(text))


def _is_tags(text: str) -> bool:
    parts = [p for p in _PIPES.split(text) if p]
    return (len(parts) >= 2 and all(len(p.split()) <= 5 and p[0].isupper() for p in parts)
            and not _DATE.search(text))


def classify(lines: list[str], wrapped: bool = False) -> list[Guess]:
    """Guess a role for every non-blank line of a seed (``lines`` as split on newlines), or
    with ``wrapped``, for every paragraph of consecutive lines."""
    ends: dict[int, int] = {}
    if wrapped:
        items = []
        for first, last, text in paragraphs_of(lines):
            items.append((first, text))
            ends[first] = last
    else:
        items = [(n, line.strip()) for n, line in enumerate(lines, start=1) if line.strip()]
    if not items:
        return []
    count = Counter(text for _, text in items)
    roles: dict[int, tuple[str, str]] = {}  # index into items -> (role, why)

    def free(i: int) -> bool:
        return i not in roles

    # Site furniture, wherever it stands.
    for i, (_, text) in enumerate(items):
        if _is_navigation(text):
            roles[i] = ("chrome", f"site navigation ('{text}')")
        elif _is_tags(text):
            roles[i] = ("chrome", "site category tags")

    # The page's head: everything before the first long line.
    head_end = next((i for i, (_, text) in enumerate(items) if len(text) > LONG), len(items))
    candidates = [i for i in range(head_end) if free(i) and len(items[i][1]) <= SHORT
                  and not _is_caption(items[i][1]) and not _is_byline(items[i][1])]
    title = None
    if candidates:
        title = max(candidates, key=lambda i: (count[items[i][1]], len(items[i][1].split()) >= 3, -i))
        repeats = [n for n, text in items if text == items[title][1] and n != items[title][0]]
        why = "the first short line of the page"
        if repeats:
            where = ", ".join(map(str, repeats))
            why = f"a short line the page repeats (line{'s' * (len(repeats) > 1)} {where})"
        roles[title] = ("title", why)
        for i in range(title):
            if free(i):
                roles[i] = ("chrome", f"site section label above the title ('{items[i][1][:40]}')")
    title_text = items[title][1] if title is not None else None

    # Repeats: of the title (page header, or the title of an image above its credit line),
    # and of lines already dropped as chrome.
    chrome_texts = {items[i][1]: items[i][0] for i, (role, _) in roles.items() if role == "chrome"}
    for i, (n, text) in enumerate(items):
        if not free(i):
            continue
        if text == title_text:
            nxt = items[i + 1] if i + 1 < len(items) else None
            if nxt and nxt[0] == n + 1 and free(i + 1):
                why = "image title repeating the article title, and the credit line under it"
                roles[i] = roles[i + 1] = ("caption", why)
            else:
                roles[i] = ("chrome", "repeat of the title in the page header")
        elif text in chrome_texts:
            roles[i] = ("chrome", f"repeats line {chrome_texts[text]}, dropped as site chrome")

    for i, (_, text) in enumerate(items):
        if free(i) and _is_caption(text):
            roles[i] = ("caption", "image credit ('Credit:', 'Image courtesy', '(Source: …)')")

    # Bylines: date or author lines in the head, after the title.
    start = title + 1 if title is not None else 0
    for i in range(start, head_end):
        if free(i) and _is_byline(items[i][1]):
            roles[i] = ("byline", "date or publication line under the title")

    # Author biographies: the last lines of the page, of the form 'Name is a …'.
    i = len(items) - 1
    while i >= 0 and (not free(i) and roles[i][0] == "chrome" or free(i) and _BIO.match(items[i][1])):
        if free(i):
            roles[i] = ("bio", "a closing line of the form 'Name is a …'")
        i -= 1

    for i, (_, text) in enumerate(items):
        if free(i) and _BULLET.match(text):
            roles[i] = ("list", "starts with a bullet ('- ')")

    # Pull-quotes: a line repeating most of the words of a longer body line near it.
    for i, (_, text) in enumerate(items):
        words = set(_words(text))
        if not free(i) or len(_words(text)) < 10:  # shorter lines that echo the body are headings
            continue
        for j in range(max(0, i - 3), min(len(items), i + 4)):
            other = items[j][1]
            if j == i or len(other) < 1.2 * len(text) or (not free(j) and roles[j][0] != "body"):
                continue
            if len(words & set(_words(other))) / len(words) >= 0.75:
                roles[i] = ("pull-quote", f"repeats most words of seed line {items[j][0]}")
                break

    for i, (n, text) in enumerate(items):
        if free(i) and i != title and len(text) <= HEADING_MAX and not _ends_sentence(text):
            introduces_list = (text.endswith(":") and i + 1 < len(items) and items[i + 1][0] == n + 1
                               and roles.get(i + 1, ("",))[0] == "list")
            if not introduces_list:  # 'Three things would change this:' above a list is body text
                roles[i] = ("heading", "a short line without final punctuation")

    # The dek: one to three one-sentence lines between the title and the first caption or heading.
    if title is not None:
        run = []
        i = title + 1
        while i < len(items) and (not free(i) and roles[i][0] in {"chrome", "byline"}):
            i += 1
        while i < len(items) and free(i):
            run.append(i)
            i += 1
        follows = roles.get(i, ("", ""))[0] if i < len(items) else ""
        if (1 <= len(run) <= 3 and follows in {"caption", "heading"}
                and all(len(items[k][1]) <= 300 and len(_sentences(items[k][1])) == 1 for k in run)):
            for k in run:
                roles[k] = ("dek", "one-sentence standfirst between the title and the first caption or heading")

    return [Guess(n, text, *roles.get(i, ("body", "everything else is body text")),
                  last=ends.get(n, n) if ends.get(n, n) != n else 0)
            for i, (n, text) in enumerate(items)]


# -- Writing the article --------------------------------------------------------------------

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "prof", "gen", "col", "lt", "sgt", "capt", "jr", "sr", "inc", "ltd",
    "co", "corp", "vs", "etc", "no", "nos", "vol", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "rev", "hon", "gov", "sen", "rep", "pres", "mt", "ft", "approx",
    "dept", "est", "cf", "al", "ed", "eds", "pp", "p",
}
_BOUNDARY = re.compile(r"([.!?…])([”\"’')\]]*)(\s+)")
_NEXT_STARTS = re.compile(r"[“\"‘'(\[]?[A-Z0-9]")


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, conservatively: a missed split costs nothing."""
    out: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if not _NEXT_STARTS.match(text, match.end()):
            continue
        if match.group(1) == ".":
            before = text[start:match.start()].split()
            word = before[-1].lstrip("(“\"‘'") if before else ""
            if len(word) <= 1 or "." in word or word.lower() in _ABBREVIATIONS:
                continue  # an initial, 'U.S.', 'Ph.D.', 'Dr.'
        out.append(text[start:match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<&|])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def escape_inline(text: str) -> str:
    """Escape the characters Markdown would read as markup anywhere in a line."""
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def escape_line(text: str) -> str:
    """Escape a line of text so that it cannot start a Markdown or MyST block."""
    text = escape_inline(text.strip())
    if text and text[0] in string.punctuation and not text.startswith("\\"):
        return "\\" + text
    return _ORDERED.sub(r"\1\\\2", text)


def _paragraph(text: str, indent: str = "") -> list[str]:
    lines = [escape_line(s) for s in split_sentences(text)]
    return [lines[0]] + [indent + line for line in lines[1:]] if lines else []


def _heading(text: str, level: int) -> str:
    body = escape_inline(text.strip())
    if body.endswith("#"):
        body = body[:-1] + "\\#"
    return "#" * level + " " + body


def render_body(guesses: list[Guess], fallback_title: str) -> list[str]:
    """The article's body: one block per kept seed line, in the seed's order."""
    out: list[str] = []
    kept = [g for g in guesses if g.role != "chrome"]
    if not any(g.role == "title" for g in kept):
        out += [_heading(fallback_title, 1), ""]
    i = 0
    while i < len(kept):
        guess = kept[i]
        if guess.role in DIRECTIVE_ROLES:
            group = [guess]
            while i + 1 < len(kept) and kept[i + 1].role == guess.role:
                i += 1
                group.append(kept[i])
            out.append(f":::{{{guess.role}}}")
            for k, member in enumerate(group):
                if k:
                    out.append("")
                out += _paragraph(member.text)
            out += [":::", ""]
        elif guess.role == "list":
            while True:
                item = _BULLET.sub("", kept[i].text, count=1)
                lines = _paragraph(item, indent="  ")
                out += ["- " + lines[0], *lines[1:]]
                if i + 1 < len(kept) and kept[i + 1].role == "list":
                    i += 1
                else:
                    break
            out.append("")
        elif guess.role in {"title", "heading"}:
            out += [_heading(guess.text, 1 if guess.role == "title" else 2), ""]
        else:
            out += [*_paragraph(guess.text), ""]
        i += 1
    while out and out[-1] == "":
        out.pop()
    return out


def _ranges(guesses: list[Guess]) -> list[tuple[int, int, str, str, bool]]:
    """Consecutive non-blank lines of one role and reason, merged into ``first-last`` ranges,
    each with whether it holds a paragraph of several lines (then it is declared ``wrapped``)."""
    merged: list[list] = []
    for g in guesses:
        joins = g.last_line > g.number and g.role != "chrome"
        if merged and merged[-1][2] == g.role and merged[-1][3] == g.why:
            merged[-1][1] = g.last_line
            merged[-1][4] = merged[-1][4] or joins
        else:
            merged.append([g.number, g.last_line, g.role, g.why, joins])
    return [tuple(m) for m in merged]


def _yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def render_article(guesses: list[Guess], seed: str, digest: str, source: str | None,
                   source_title: str | None) -> str:
    """The whole draft: front matter with the classification and its guesses, then the body."""
    has_title = any(g.role == "title" for g in guesses)
    fallback = source_title or "Title supplied by the editors"
    front = [
        "---",
        f"# Draft written by `glossator import` from seeds/{seed}. Every role in seed_lines is a",
        "# guess: compare each entry with the seed, correct it where the guess is wrong, and delete",
        "# these comment lines when you have confirmed them all. To confirm:",
    ]
    for first, last, role, why, _ in _ranges(guesses):
        if role == "body":
            continue
        span = f"line {first}" if first == last else f"lines {first}-{last}"
        front.append(f"#   {span}: {role}: {why}")
    if not has_title:
        front.append(f"#   no title line was found: the '# ' title is {'the source record’s' if source_title else 'a placeholder'}")
    if not source:
        front.append("# Still to add: 'source:' (its record in corpus/sources.yml; see 'glossator new source').")
    front.append("# Still to add: 'summary:' (one line for the landing page's card).")
    front += [f"seed: {seed}", f"seed_sha256: {digest}"]
    if source:
        front.append(f"source: {source}")
    front.append("seed_lines:")
    for first, last, role, why, joins in _ranges(guesses):
        span = str(first) if first == last else f"{first}-{last}"
        reason = f", reason: {_yaml_str(why)}" if role == "chrome" else ""
        wrapped = ", wrapped: true" if joins else ""
        front.append(f"  - {{lines: {span}, role: {role}{wrapped}{reason}}}")
    front.append("---")
    return "\n".join([*front, "", *render_body(guesses, fallback), ""])


# -- The command ----------------------------------------------------------------------------

_STEM = re.compile(r"^[a-z0-9][a-z0-9-]*$")


_STOPWORDS = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "and", "or", "with", "by",
              "is", "are", "was", "did", "do", "does", "what", "we", "how", "why", "its", "it", "s"}


def _slug(text: str, words: int = 3) -> str:
    """The first few words of a title that say something, for a file name."""
    kept = [w for w in _words(text.replace("’", "").replace("'", "")) if w not in _STOPWORDS]
    return "-".join(kept[:words])


def _default_stem(record: dict | None, title: str | None, seed_stem: str) -> str:
    """Like the editors' names: date, author (or organisation) and a few title words."""
    if not record:
        return _slug(title or seed_stem, 5) or "draft"
    authors = record.get("authors")
    who = str(authors[0]).split(",")[0] if isinstance(authors, list) and authors else str(record.get("organisation") or "")
    parts = [str(record.get("date") or ""), _slug(who, 1), _slug(str(record.get("title") or title or seed_stem))]
    return "-".join(p for p in parts if p) or "draft"


def draft_from_seed(root: Path, seed: str, stem: str | None, source: str | None,
                    wrapped: bool | None = None) -> tuple[Path, str, list[Guess], Wrapping]:
    """Read the seed, classify it and return (article path, article text, guesses, what the
    wrapping detection found); write nothing. ``wrapped`` None: as detected."""
    seed_path = root / "seeds" / Path(seed).name
    if Path(seed).parent not in (Path("."), Path("seeds")) and Path(seed).resolve().parent != (root / "seeds").resolve():
        raise ScaffoldError(f"{seed}: a seed must stand in seeds/ (copy it there unchanged, then import it)")
    if not seed_path.is_file():
        raise ScaffoldError(f"seeds/{seed_path.name}: no such seed file; copy the text into seeds/ first")
    from .corpus import inside

    if not inside(seed_path, root / "seeds"):
        raise ScaffoldError(f"seeds/{seed_path.name} is a link to {seed_path.resolve()}, outside seeds/; "
                            "copy the text itself into seeds/")
    try:
        raw = seed_path.read_bytes()
        text = seed_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScaffoldError(f"seeds/{seed_path.name}: cannot read the seed as UTF-8 text: {exc}") from None
    detected = detect_wrapping(text.split("\n"))
    guesses = classify(text.split("\n"), detected.wrapped if wrapped is None else wrapped)
    if not guesses:
        raise ScaffoldError(f"seeds/{seed_path.name}: the seed has no text")
    record = None
    if source:
        sources_path = root / "corpus" / "sources.yml"
        try:
            sources = load_yaml_file(sources_path, "corpus/sources.yml") if sources_path.exists() else {}
        except YamlError as err:
            raise ScaffoldError(f"{err}; fix corpus/sources.yml first") from None
        record = sources.get(source) if isinstance(sources, dict) else None
        if not isinstance(record, dict):
            raise ScaffoldError(f"source '{source}' is not in corpus/sources.yml; add it first with "
                                f"'glossator new source {source} --url … --title …'")
    title = next((g.text for g in guesses if g.role == "title"), None)
    source_title = display_title(record) if record and record.get("title") else None
    if stem is None:
        stem = _default_stem(record, title, seed_path.stem)
    if not _STEM.match(stem):
        raise ScaffoldError(f"article name '{stem}' must be lower-case letters, digits and hyphens")
    article = root / "corpus" / "articles" / f"{stem}.md"
    body = render_article(guesses, seed_path.name, hashlib.sha256(raw).hexdigest(), source, source_title)
    return article, body, guesses, detected


def wrapping_note(seed: str, detected: Wrapping, chosen: bool | None) -> str:
    """One line saying which form the draft takes, and why."""
    form = ("one paragraph per block of lines between blank lines (wrapped: true)" if
            (detected.wrapped if chosen is None else chosen) else "one paragraph per line")
    looks = (f"looks hard-wrapped at {detected.width} columns" if detected.wrapped
             else "does not look hard-wrapped")
    if chosen is None:
        other = "--unwrapped" if detected.wrapped else "--wrapped"
        return f"seeds/{seed} {looks} ({detected.why}): {form}; {other} for the other form"
    return f"seeds/{seed} {looks} ({detected.why}); as asked: {form}"


def cmd_import(args: argparse.Namespace) -> int:
    try:
        root = project_root(args.root)
        article, body, guesses, detected = draft_from_seed(root, args.seed, args.stem, args.source, args.wrapped)
        shown = rel(root, article)
        note = wrapping_note(Path(args.seed).name, detected, args.wrapped)
        if args.stdout:
            print(note, file=sys.stderr)
            sys.stdout.write(body)
            return 0
        if article.exists():
            raise ScaffoldError(f"{shown} already exists; choose another name with --stem")
        for other in sorted((root / "corpus" / "articles").glob("*.md")):
            if re.search(rf"^seed:\s*{re.escape(Path(args.seed).name)}\s*$", other.read_text(encoding="utf-8"), re.M):
                print(f"{rel(root, other)}:1: note: this article already reproduces seeds/{Path(args.seed).name}")
        baseline = current_findings(root)
        atomic_write(article, body)
    except ScaffoldError as exc:
        print(f"glossator: error: {exc}", file=sys.stderr)
        return 2
    roles = Counter(g.role for g in guesses)
    summary = ", ".join(f"{n} {role}" for role, n in roles.most_common())
    unit = "paragraphs" if any(g.last for g in guesses) else "lines"
    print(f"{shown}:1: draft written from seeds/{Path(args.seed).name} ({len(guesses)} {unit}: {summary})")
    print(note)
    lines = body.split("\n")
    for number, line in enumerate(lines, start=1):
        if line.startswith("  - {lines:") and "role: body" not in line:
            print(f"{shown}:{number}: confirm: {line.strip()[2:]}")
        if line == "---" and number > 1:
            break
    report_remaining(root, article, None, baseline)
    return 0


def add_import_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "import", help="write a draft article from a new seed text in seeds/",
        description="Classify every line of a seed in seeds/ and write a draft article in the project's "
                    "format to corpus/articles/STEM.md; its front matter lists the guesses to confirm.")
    parser.add_argument("seed", metavar="SEED", help="the seed file, in seeds/ (a name or seeds/NAME)")
    parser.add_argument("--stem", help="the article's file name without .md (default: date and title words)")
    parser.add_argument("--source", metavar="KEY", help="the article's record in corpus/sources.yml")
    parser.add_argument("--stdout", action="store_true", help="print the draft instead of writing it")
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--wrapped", dest="wrapped", action="store_const", const=True, default=None,
                      help="the seed is hard-wrapped: a paragraph is the lines between blank lines "
                           "(default: as detected, and the command says which it chose)")
    form.add_argument("--unwrapped", dest="wrapped", action="store_const", const=False,
                      help="one paragraph per seed line")
    parser.add_argument("--root", help="project folder holding corpus/ and seeds/ (default: found from here)")
    parser.set_defaults(handler=cmd_import)
