"""FID4xx: the article, with annotation markup removed, is its seed, word for word and in order."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..corpus import Article, Corpus, SeedClass
from ..diagnostics import Diagnostic, rule
from ..markdown import XREF_ROLES, Block, visible_span
from ..schema import display_title
from ..seedroles import DROPPED_ROLE, SEED_ROLES

# Line breaks and runs of ASCII spaces fold to one space; nothing else does. A no-break, em,
# thin or ideographic space, or U+2028, is a different character from the seed's space,
# and a reader (or a copy-paste) sees it as such. Only at a block's two ends is any
# whitespace trimmed: Markdown strips it there, so no output can show it (several seeds end
# lines with a no-break space). docs/contributing/checks.md documents this.
_FOLDS = re.compile(r"(?:\r\n|[ \r\n])+")


def fold(text: str) -> str:
    """Line breaks and runs of ASCII spaces folded to one space, trimmed: the form in which
    the article, its seed and the built outputs are compared."""
    return _FOLDS.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """The folded text split at its (ASCII) spaces."""
    folded = fold(text)
    return folded.split(" ") if folded else []


def _visible(text: str) -> str:
    """Spaces other than U+0020, line separators and invisible format characters, named,
    so that a message does not show two texts that look alike."""
    import unicodedata

    def name(char: str) -> str:
        if char == " " or not (char.isspace() or unicodedata.category(char) in {"Cf", "Zl", "Zp"}):
            return char
        return f"<U+{ord(char):04X} {unicodedata.name(char, 'unnamed').lower()}>"

    return "".join(name(char) for char in text)


def _short(text: str, limit: int = 60) -> str:
    text = fold(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Expected:
    """A unit of the seed that must appear in the article as one block: a seed line, or in a
    range declared ``wrapped``, a paragraph of consecutive lines (``spans``)."""

    seed_line: int  # its first line
    role: str
    text: str  # folded; the lines joined by one space
    spans: tuple[tuple[int, int], ...] = ()  # (seed line, index of its first word in ``text``)
    entry: SeedClass | None = None

    @property
    def last_line(self) -> int:
        return self.spans[-1][0] if self.spans else self.seed_line

    @property
    def joined(self) -> bool:
        return len(self.spans) > 1

    @property
    def label(self) -> str:
        """'seed line 12' or 'seed lines 12–18'."""
        if self.last_line == self.seed_line:
            return f"seed line {self.seed_line}"
        return f"seed lines {self.seed_line}–{self.last_line}"

    def line_of_word(self, index: int) -> int:
        """The seed line that holds the ``index``-th word of the unit's text."""
        line = self.seed_line
        for number, start in self.spans:
            if start <= index:
                line = number
        return line


@dataclass
class Alignment:
    """How an article's blocks line up with its classified seed lines."""

    changed: list[tuple[Expected, Block]]
    missing: list[tuple[Expected, int]]  # with the article line where it belongs
    added: list[Block]
    moved: list[tuple[Expected, Block]]  # a seed line standing at the wrong place
    role_mismatch: list[tuple[Expected, Block]]
    title_block: Block | None  # H1 when the seed has no title line
    # One block holding several seed units (lines the seed does not join), and one unit
    # written as several blocks (a wrapped paragraph broken in two).
    joined: list[tuple[list[Expected], Block]] = field(default_factory=list)
    split: list[tuple[Expected, list[Block]]] = field(default_factory=list)


def seed_role_map(article: Article) -> dict[int, str]:
    return {number: entry.role for number, entry in seed_entry_map(article).items()}


def seed_entry_map(article: Article) -> dict[int, SeedClass]:
    """Each classified seed line's entry (the first, where entries overlap: FID407)."""
    entries: dict[int, SeedClass] = {}
    for entry in article.classes:
        for number in entry.numbers(len(article.seed_lines)):
            entries.setdefault(number, entry)
    return entries


# A list item's bullet in the seed is list markup, not words of the article.
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
# A line that starts with a bullet starts a paragraph of its own even inside a wrapped run
# (a list item); a number starts one only in a list, since wrapped prose may begin "1863. ".
_ITEM = re.compile(r"^\s*[-*+•]\s+")


def starts_item(text: str, role: str = "body") -> bool:
    """Whether a seed line starts a new paragraph although the line before is not blank."""
    return bool(_ITEM.match(text) or (role == "list" and _BULLET.match(text)))


def expected_lines(article: Article) -> list[Expected]:
    """The seed's kept units in order: each line, except that in a ``wrapped`` entry the lines
    of a paragraph (consecutive, no blank line between; a list item starts at its bullet) are
    one unit, their text joined by a space. Paragraph boundaries are thus always the seed's
    own, never the article's, so the check stays exact for wrapped seeds too."""
    return article.memo.get("expected", lambda: _expected_lines(article))


def _expected_lines(article: Article) -> list[Expected]:
    entries = seed_entry_map(article)
    kept: list[Expected] = []
    previous: tuple[int, SeedClass] | None = None  # the last kept line and its entry
    for number, text in enumerate(article.seed_lines, start=1):
        entry = entries.get(number)
        role = entry.role if entry else DROPPED_ROLE
        if not text.strip() or role == DROPPED_ROLE or role not in SEED_ROLES:
            previous = None
            continue
        bullet = starts_item(text, role)
        if role == "list":
            text = _BULLET.sub("", text, count=1)
        folded = fold(text)
        if (entry is not None and entry.wrapped and previous == (number - 1, entry) and not bullet and kept):
            unit = kept[-1]
            spans = unit.spans or ((unit.seed_line, 0),)
            start = len(unit.text.split(" ")) if unit.text else 0
            kept[-1] = Expected(unit.seed_line, unit.role, f"{unit.text} {folded}".strip(),
                                (*spans, (number, start)), entry)
        else:
            kept.append(Expected(number, role, folded, ((number, 0),), entry))
        previous = (number, entry) if entry is not None else None
    return kept


# At most this many places are tried for each unmatched block or unit: the ones whose first
# words it shares. A hostile article of thousands of lines that all begin alike then costs
# no more than a few passes over the region (``make bench``, hostile inputs).
_TRIES = 8


def _key(text: str) -> tuple[str, ...]:
    return tuple(text.split(" ", 3)[:3]) if text else ()


def _run_of(start: int, remaining: set[int], texts: list[str], long: str) -> list[int]:
    """The indices ``start``, ``start + 1``, … still in ``remaining`` whose texts, joined by
    spaces, make up ``long`` or nearly (90 %), when they are at least two; else []."""
    target = len(long.split(" "))
    run, taken, index = [], 0, start
    while index in remaining and taken < target:
        taken += len(texts[index].split(" ")) if texts[index] else 0
        run.append(index)
        index += 1
    if len(run) < 2 or abs(taken - target) > max(2, target // 10):
        return []
    joined = " ".join(texts[i] for i in run)
    if joined == long or SequenceMatcher(None, joined, long, autojunk=False).ratio() >= 0.9:
        return run
    return []


def _joins_and_splits(result: Alignment, expected: list[Expected], blocks: list[Block],
                      seeds: list[int], spare: list[int], seed_texts: list[str], block_texts: list[str]) -> None:
    """Pair a block with the several seed units it joins, and a unit with the several blocks
    it is split into, taking them out of ``seeds`` and ``spare``: the cause is then reported
    once (FID413, FID414) instead of as changed, missing and added text."""
    left_seeds, left_blocks = set(seeds), set(spare)
    by_key: dict[tuple[str, ...], list[int]] = {}
    for i in seeds:
        by_key.setdefault(_key(seed_texts[i]), []).append(i)
    for j in spare:
        for i in [i for i in by_key.get(_key(block_texts[j]), ()) if i in left_seeds][:_TRIES]:
            run = _run_of(i, left_seeds, seed_texts, block_texts[j])
            if run:
                result.joined.append(([expected[k] for k in run], blocks[j]))
                left_seeds -= set(run)
                left_blocks.discard(j)
                break
    by_key = {}
    for j in sorted(left_blocks):
        by_key.setdefault(_key(block_texts[j]), []).append(j)
    for i in sorted(left_seeds):
        for j in [j for j in by_key.get(_key(seed_texts[i]), ()) if j in left_blocks][:_TRIES]:
            run = _run_of(j, left_blocks, block_texts, seed_texts[i])
            if run:
                result.split.append((expected[i], [blocks[k] for k in run]))
                left_blocks -= set(run)
                left_seeds.discard(i)
                break
    seeds[:] = [i for i in seeds if i in left_seeds]
    spare[:] = [j for j in spare if j in left_blocks]


def align(article: Article) -> Alignment:
    """Compare the article's blocks with its seed; memoised per article."""
    return article.memo.get("alignment", lambda: _align(article))


def _align(article: Article) -> Alignment:
    expected = expected_lines(article)
    blocks = list(article.doc.blocks)
    title_block = None
    if not any(e.role == "title" for e in expected):
        title_block = next((b for b in blocks if b.role == "title"), None)
        if title_block is not None:
            blocks.remove(title_block)
    result = Alignment([], [], [], [], [], title_block)
    seed_texts = [e.text for e in expected]
    block_texts = [fold(b.text) for b in blocks]
    # Lines are matched on (role, text), so that a seed title repeated as a paragraph is the
    # added one, not the '# ' heading; a line whose form alone changed is paired afterwards.
    matcher = SequenceMatcher(None, [(e.role, e.text) for e in expected],
                              [(b.role, t) for b, t in zip(blocks, block_texts, strict=True)], autojunk=False)
    regions = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        seeds, spare = list(range(i1, i2)), list(range(j1, j2))
        for i in list(seeds):
            same = next((j for j in spare if block_texts[j] == seed_texts[i]), None)
            if same is not None:
                seeds.remove(i)
                spare.remove(same)
                result.role_mismatch.append((expected[i], blocks[same]))
        _joins_and_splits(result, expected, blocks, seeds, spare, seed_texts, block_texts)
        regions.append((seeds, spare, j2))
    # A seed line counts as moved only if an unmatched block holds its text: counted, so that
    # deleting one of two equal seed lines (a title repeated as a caption) is still missing.
    moved = (Counter(seed_texts[i] for seeds, _, _ in regions for i in seeds)
             & Counter(block_texts[j] for _, spare, _ in regions for j in spare))
    seed_moved, block_moved = Counter(moved), Counter(moved)
    end_line = article.text.count("\n") + 1

    def where(j: int) -> int:
        return blocks[j].line if j < len(blocks) else end_line

    for seeds, spare, j2 in regions:
        for i in seeds:
            exp = expected[i]
            if seed_moved[exp.text] > 0:
                seed_moved[exp.text] -= 1
                continue  # it stands elsewhere in the article: reported as moved there
            best, best_ratio = None, 0.0
            for j in spare:
                if block_texts[j] in moved:
                    continue
                ratio = SequenceMatcher(None, exp.text, block_texts[j], autojunk=False).quick_ratio()
                if ratio > best_ratio:
                    best, best_ratio = j, ratio
            if best is not None and best_ratio >= 0.6:
                spare.remove(best)
                result.changed.append((exp, blocks[best]))
            else:
                result.missing.append((exp, where(spare[0] if spare else j2)))
        for j in spare:
            text = block_texts[j]
            if block_moved[text] > 0:
                block_moved[text] -= 1
                result.moved.append((expected[seed_texts.index(text)], blocks[j]))
            else:
                result.added.append(blocks[j])
    return result


def _first_difference(seed: str, article: str) -> tuple[int, str, str]:
    """Index (in article words) of the first differing word, and short seed/article excerpts."""
    seed_words, art_words = words(seed), words(article)
    matcher = SequenceMatcher(None, seed_words, art_words, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            before = art_words[max(0, j1 - 2) : j1]
            was = " ".join(before + seed_words[i1 : min(i2, i1 + 6)])
            now = " ".join(before + art_words[j1 : min(j2, j1 + 6)])
            return j1, _visible(was) or "(nothing)", _visible(now) or "(nothing)"
    return 0, seed, article


def _first_seed_word(seed: str, article: str) -> int:
    """Index (in seed words) of the first seed word that the article does not have as is."""
    matcher = SequenceMatcher(None, words(seed), words(article), autojunk=False)
    return next((i1 for op, i1, _, _, _ in matcher.get_opcodes() if op != "equal"), 0)


_MARKUP = re.compile(
    r"\[\^[^\]]+\]"  # footnote reference
    r"|\{(?P<role>[\w:.-]+)\}`(?P<content>[^`]*)`"  # role
    r"|\]\([^)]*\)"  # link target
)
_WORD = re.compile(r"\w+")


def _mask(match: re.Match) -> str:
    """Blank out markup, keeping offsets; a role keeps the part of its content a reader sees."""
    if match["role"] is None:
        return " " * len(match.group(0))
    start, end = visible_span(match["role"], match["content"])
    content = match["content"]
    opener = len(match["role"]) + 3
    return " " * (opener + start) + content[start:end] + " " * (len(content) - end + 1)


def _word_position(block: Block, word_index: int) -> tuple[int, int]:
    """Line and column of the n-th visible word of a block in its source.

    Markup is blanked out (keeping offsets), then the word characters of the visible text are
    found in order, so a word that touches markup (``{term}`Moscow`’s``) is still found.
    """
    from ..markdown import _Locator

    masked = _MARKUP.sub(_mask, block.raw)
    target_runs = sum(len(_WORD.findall(word)) for word in words(block.text)[:word_index])
    locate = _Locator(block.raw, block.line)
    pos, count = 0, 0
    for run in _WORD.findall(fold(block.text)):
        found = masked.find(run, pos)
        if found < 0:
            break
        if count == target_runs:
            return locate.at(found)
        pos, count = found + len(run), count + 1
    return locate.at(min(pos, len(block.raw)))


@rule("FID400", "the article names a seed file that exists")
def check_seed_present(corpus: Corpus) -> Iterator[Diagnostic]:
    """The front matter's ``seed`` names a file in ``seeds/``.

    Bad:  seed: 001_typo.txt
    Good: seed: 001_c30df2cd9969f424.txt
    """
    yield from (d for d in corpus.findings if d.code == "FID400")
    # The loader has already reported front matter that is missing, unreadable or no mapping.
    reported = {d.path for d in corpus.findings if d.code == "FID400" or d.code.startswith("YML")}
    for article in corpus.articles:
        seed = article.meta.get("seed")
        if article.rel in reported:
            continue
        if not isinstance(seed, str) or not seed:
            yield Diagnostic(article.rel, article.meta.line, 1, "FID400",
                             "front matter has no 'seed:'; name the seed file in seeds/ this article reproduces")
        elif article.seed_path is None:
            yield Diagnostic(article.rel, article.meta_line("seed"), 1, "FID400",
                             f"seed file 'seeds/{seed}' does not exist")


@rule("FID401", "a paragraph's words differ from its seed line")
def check_changed_text(corpus: Corpus) -> Iterator[Diagnostic]:
    """A block's text, markup removed, must equal its seed line (whitespace folded).

    Bad:  Russian Ambassador Alexander Matsegora said in December
    Good: Russian Ambassador Alexander Matsegora noted in December
    """
    for article in corpus.articles:
        if article.seed_path is None:
            continue
        for exp, block in align(article).changed:
            index, was, now = _first_difference(exp.text, fold(block.text))
            line, col = _word_position(block, index)
            if exp.joined:
                differs = exp.line_of_word(_first_seed_word(exp.text, fold(block.text)))
                yield Diagnostic(article.rel, line, col, "FID401",
                                 f"paragraph joins {exp.label} but line {differs} differs: "
                                 f"seed has '{was}', article has '{now}'")
                continue
            yield Diagnostic(article.rel, line, col, "FID401",
                             f"text differs from seed line {exp.seed_line}: seed has '{was}', article has '{now}'")


@rule("FID402", "a seed line is missing from the article")
def check_missing_text(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every seed line classified as kept text must appear in the article.

    Bad:  (a body paragraph of the seed left out)
    Good: every kept seed line stands in the article, in order
    """
    for article in corpus.articles:
        if article.seed_path is None:
            continue
        for exp, line in align(article).missing:
            yield Diagnostic(article.rel, line, 1, "FID402",
                             f"{exp.label} ({exp.role}) {'are' if exp.joined else 'is'} missing here: '{_short(exp.text)}'")


@rule("FID403", "the article has text that is not in the seed")
def check_added_text(corpus: Corpus) -> Iterator[Diagnostic]:
    """Text outside annotation markup must come from the seed; editorial text goes in notes.

    Bad:  a sentence typed into a paragraph
    Good: the same sentence in a footnote: ``[^n]: ...``
    """
    for article in corpus.articles:
        if article.seed_path is None:
            continue
        for block in align(article).added:
            yield Diagnostic(article.rel, block.line, 1, "FID403",
                             f"text is not in the seed: '{_short(block.text)}'; put editorial text in a footnote")


@rule("FID404", "a paragraph stands out of the seed's order")
def check_order(corpus: Corpus) -> Iterator[Diagnostic]:
    """Blocks keep the seed's order.

    Bad:  seed lines 18 and 16 in that order
    Good: seed lines 16 and 18 in that order
    """
    for article in corpus.articles:
        if article.seed_path is None:
            continue
        for exp, block in align(article).moved:
            where = "those lines stand" if exp.joined else "that line stands"
            yield Diagnostic(article.rel, block.line, 1, "FID404",
                             f"out of order: this is {exp.label}; move it to where {where} in the seed")


_ROLE_SHAPE = {name: role.shape for name, role in SEED_ROLES.items() if name != DROPPED_ROLE}


@rule("FID405", "a block's form does not match its seed line's role")
def check_role_shape(corpus: Corpus) -> Iterator[Diagnostic]:
    """A seed line classified as a heading is a heading, a pull-quote a pull-quote, and so on.

    Bad:  seed line 20 is a heading, written as a paragraph
    Good: ``## Putin-Kim Summit: Driving Factors and Significance``
    """
    for article in corpus.articles:
        if article.seed_path is None:
            continue
        for exp, block in align(article).role_mismatch:
            yield Diagnostic(article.rel, block.line, 1, "FID405",
                             f"{exp.label} {'are' if exp.joined else 'is'} classified '{exp.role}' and must be "
                             f"{_ROLE_SHAPE.get(exp.role, exp.role)}, not {_ROLE_SHAPE.get(block.role, block.role)}")


@rule("FID406", "a seed line is not classified")
def check_unclassified(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every non-blank seed line has an entry in ``seed_lines``; nothing is dropped silently.

    Bad:  seed line 5 'Recent Features' in no entry
    Good: ``- {lines: 5, role: chrome, reason: site navigation}``
    """
    for article in corpus.articles:
        if article.seed_path is None:
            continue
        roles = seed_role_map(article)
        line = article.meta_line("seed_lines")
        for number, text in enumerate(article.seed_lines, start=1):
            if text.strip() and number not in roles:
                yield Diagnostic(article.rel, line, 1, "FID406",
                                 f"seed line {number} is not classified: '{_short(text)}'; "
                                 "add it to seed_lines with a role")


@rule("FID407", "seed line entries overlap or run past the seed")
def check_class_ranges(corpus: Corpus) -> Iterator[Diagnostic]:
    """Each seed line is classified once, within the seed's length.

    Bad:  ``{lines: 16-30, role: body}`` and ``{lines: 30, role: bio}``
    Good: ``{lines: 16-28, role: body}`` and ``{lines: 30, role: bio}``
    """
    for article in corpus.articles:
        if article.seed_path is None:
            continue
        seen: dict[int, int] = {}
        total = len(article.seed_lines)
        for entry in article.classes:
            if entry.first > entry.last or entry.last > total or entry.first < 1:
                yield Diagnostic(article.rel, entry.line, entry.col, "FID407",
                                 f"lines {entry.first}-{entry.last} are outside the seed (1-{total})")
                continue
            for number in range(entry.first, entry.last + 1):
                if number in seen:
                    yield Diagnostic(article.rel, entry.line, entry.col, "FID407",
                                     f"seed line {number} is already classified on line {seen[number]}")
                    break
                seen[number] = entry.line


@rule("FID408", "a seed line entry has an unknown role or drops text without a reason")
def check_class_roles(corpus: Corpus) -> Iterator[Diagnostic]:
    """Roles come from a fixed list; ``chrome`` needs a reason saying what was dropped and why.

    Bad:  ``{lines: 5, role: chrome}``
    Good: ``{lines: 5, role: chrome, reason: site navigation}``
    """
    for article in corpus.articles:
        for entry in article.classes:
            if entry.role not in SEED_ROLES:
                known = ", ".join(SEED_ROLES)
                yield Diagnostic(article.rel, entry.line, entry.col, "FID408",
                                 f"unknown role '{entry.role}'; use one of: {known}")
            elif entry.role == DROPPED_ROLE and not entry.reason.strip():
                yield Diagnostic(article.rel, entry.line, entry.col, "FID408",
                                 "role 'chrome' drops seed text and needs a 'reason'")


@rule("FID409", "the seed file differs from the one the article was made from")
def check_seed_checksum(corpus: Corpus) -> Iterator[Diagnostic]:
    """``seed_sha256`` pins the seed's bytes, so an edited seed cannot pass unnoticed.

    Bad:  a seed file changed after the article was made
    Good: ``seed_sha256`` equal to ``sha256sum seeds/<file>``
    """
    for article in corpus.articles:
        if article.seed_path is None:
            continue
        digest = hashlib.sha256(article.seed_path.read_bytes()).hexdigest()
        pinned = article.meta.get("seed_sha256")
        if pinned != digest:
            yield Diagnostic(article.rel, article.meta_line("seed_sha256"), 1, "FID409",
                             f"seed_sha256 is {pinned!r} but seeds/{article.meta.get('seed')} hashes to "
                             f"{digest}; seeds are never edited, restore the seed")


@rule("FID410", "the article body holds content that is neither seed text nor annotation")
def check_stray_content(corpus: Corpus) -> Iterator[Diagnostic]:
    """Only seed text, its structural directives and annotation markup may stand in an article.

    Bad:  ``:::{note}`` with editorial prose in the body
    Good: the prose as a footnote
    """
    from .safety import UNSAFE_DIRECTIVES

    unsafe = {f"directive {{{name}}}" for name in UNSAFE_DIRECTIVES}  # SEC502 reports those
    for article in corpus.articles:
        for line, what in article.doc.stray:
            if what in unsafe:
                continue
            yield Diagnostic(article.rel, line, 1, "FID410",
                             f"{what} is not allowed in an article; use the seed's structure and footnotes")
        refs = [ref for block in article.doc.blocks for ref in block.refs]
        refs += [ref for note in article.doc.footnotes for ref in note.refs]
        for ref in refs:
            if ref.kind == "image":
                yield Diagnostic(article.rel, ref.line, ref.col, "FID410",
                                 f"image '{ref.name}' (alt text '{_short(ref.title, 40)}') is not allowed in an "
                                 "article: the edition reproduces no images, and its alt text is read and shown "
                                 "as words; describe the image in a footnote")


@rule("FID411", "an article without a seed title must take its title from its source record")
def check_editorial_title(corpus: Corpus) -> Iterator[Diagnostic]:
    """Where the seed has no title line, the '# ' title is the source record's title, exactly:
    the published title, or, where it was not seen (``title_supplied: true``), the editors'
    title in [brackets].

    Bad:  ``# Kim and Putin meet again`` (invented)
    Good: ``# <title in corpus/sources.yml>``
    """
    for article in corpus.articles:
        if article.seed_path is None:
            continue
        block = align(article).title_block
        if block is None:
            continue
        record = corpus.record_of(article)
        title = record.get("title") if record is not None else None
        # A title the editors supplied is shown as theirs, in brackets, on the page as everywhere.
        supplied = bool(isinstance(record, dict) and record.get("title_supplied"))
        expected = display_title(record) if title else None
        if not title or fold(str(expected)) != fold(block.text):
            form = "'[title]' (title_supplied: the editors' title, in brackets)" if supplied else "the 'title'"
            yield Diagnostic(article.rel, block.line, 1, "FID411",
                             f"the seed has no title line, so the '# ' title must be {form} of "
                             f"source '{article.meta.get('source')}' in corpus/sources.yml")



@rule("FID412", "a cross-reference in seed text shows a generated title")
def check_generated_titles(corpus: Corpus) -> Iterator[Diagnostic]:
    """A ``{doc}``, ``{ref}``, ``{numref}``, ``{para}`` or ``{cite}`` without a title shows a
    page's or heading's title, "¶3" or "Gray 2020" inside the seed's sentence: words that are
    not the seed's. In seed text give the reference the seed's own words as its title; in a
    note (apparatus) it may stand untitled.

    Bad:  his inaugural {doc}`/glossary` visit
    Good: his {doc}`inaugural </glossary>` visit
    """
    for article in corpus.articles:
        for block in article.doc.blocks:
            for ref in block.refs:
                if ref.kind == "role" and ref.name in XREF_ROLES - {"term"} and not ref.title:
                    yield Diagnostic(article.rel, ref.line, ref.col, "FID412",
                                     f"{{{ref.name}}}`{ref.target}` has no title, so it shows a generated "
                                     "label inside the seed's text; write it as "
                                     f"{{{ref.name}}}`seed words <{ref.target}>` or move it to a footnote")


def _join_cause(units: list[Expected], block: Block) -> tuple[int, int, str]:
    """Where and why a block's joining of several seed units is wrong: (line, col, message)."""
    label = f"seed lines {units[0].seed_line}–{units[-1].last_line}"
    words_before = 0
    for before, after in zip(units, units[1:], strict=False):
        words_before += len(words(before.text))
        if after.seed_line != before.last_line + 1:
            line, col = _word_position(block, words_before)
            return line, col, (f"paragraph joins {label}, but a blank line ends the seed's paragraph after "
                               f"line {before.last_line}: start a new paragraph at '{_short(after.text, 30)}'")
        if after.entry is not before.entry:
            line, col = _word_position(block, words_before)
            where = f" (line {after.entry.line})" if after.entry else ""
            return line, col, (f"paragraph joins {label}, but seed line {after.seed_line} is classified by "
                               f"another seed_lines entry{where}: start a new paragraph at "
                               f"'{_short(after.text, 30)}'")
    entry = units[0].entry
    where = f" on line {entry.line}" if entry else ""
    return block.line, 1, (f"paragraph joins {label}, one paragraph per line in the seed_lines entry{where}: "
                           "if the seed is hard-wrapped, add 'wrapped: true' to that entry; "
                           "else end a paragraph after each seed line")


@rule("FID413", "a paragraph joins seed lines that the seed keeps apart")
def check_joined_lines(corpus: Corpus) -> Iterator[Diagnostic]:
    """A paragraph is one seed line, or in an entry declared ``wrapped: true``, one of the
    seed's paragraphs (its consecutive lines, up to a blank line). A paragraph that joins more
    is reported once, naming the lines and the cause, not as changed, missing and added text.

    Bad:  seed lines 12-18 written as one paragraph under ``{lines: 12-18, role: body}``
    Good: ``{lines: 12-18, role: body, wrapped: true}`` for a hard-wrapped seed
    """
    for article in corpus.articles:
        if article.seed_path is None:
            continue
        for units, block in align(article).joined:
            line, col, message = _join_cause(units, block)
            joined = " ".join(u.text for u in units)
            text = fold(block.text)
            if joined != text:
                seed_index = _first_seed_word(joined, text)
                line_no = units[-1].last_line
                for unit, start in _unit_starts(units):
                    if start <= seed_index < start + len(words(unit.text)):
                        line_no = unit.line_of_word(seed_index - start)
                        break
                _, was, now = _first_difference(joined, text)
                message += f"; and line {line_no} differs: seed has '{was}', article has '{now}'"
            yield Diagnostic(article.rel, line, col, "FID413", message)


def _unit_starts(units: list[Expected]) -> Iterator[tuple[Expected, int]]:
    """Each unit with the index of its first word in the units' joined text."""
    start = 0
    for unit in units:
        yield unit, start
        start += len(words(unit.text))


@rule("FID414", "a wrapped seed paragraph is split into several paragraphs")
def check_split_paragraph(corpus: Corpus) -> Iterator[Diagnostic]:
    """In an entry declared ``wrapped: true``, the lines of one seed paragraph (no blank line
    between them) are one paragraph of the article: ¶ numbers count the seed's paragraphs.

    Bad:  seed lines 12-18 (no blank line) written as two paragraphs, 12-14 and 15-18
    Good: lines 12-18 as one paragraph, one sentence per line
    """
    for article in corpus.articles:
        if article.seed_path is None:
            continue
        for exp, parts in align(article).split:
            taken = 0
            for before, after in zip(parts, parts[1:], strict=False):
                taken += len(words(before.text))
                if not exp.joined:
                    yield Diagnostic(article.rel, after.line, 1, "FID414",
                                     f"{exp.label} is one paragraph in the seed, but a new paragraph starts "
                                     "here: join it to the paragraph before")
                    continue
                yield Diagnostic(article.rel, after.line, 1, "FID414",
                                 f"{exp.label} are one paragraph in the seed (wrapped, no blank line between), "
                                 f"but a new paragraph starts here at seed line {exp.line_of_word(taken)}: "
                                 "join it to the paragraph before")
