"""The corpus model: articles with their seeds, and the YAML data files, loaded once.

Everything here is generic: a corpus is a folder with ``articles/*.md`` and YAML data files;
the seeds live in a ``seeds/`` folder beside it. Nothing knows what the articles are about.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic
from .markdown import Block, ParsedDocument, parse_document
from .memo import Memo
from .ranges import parse_seed_lines
from .seedroles import SEED_ROLES  # noqa: F401  (the roles' home is seedroles.py)
from .vocabulary import DEFAULT as DEFAULT_VOCABULARY
from .vocabulary import VOCABULARY_FILE, Vocabulary, read_vocabulary
from .yamlio import LineDict, LineList, YamlError, load_yaml_file, load_yaml_text


class UnusableInput(Exception):
    """Input the checker cannot read at all (exit status 2)."""


@dataclass
class SeedClass:
    """One ``seed_lines`` entry: a range of seed lines and what they are."""

    first: int
    last: int
    role: str
    reason: str
    line: int  # where the entry stands in the article file
    col: int = 1
    wrapped: bool = False  # hard-wrapped: a run of lines without a blank line is one paragraph

    def numbers(self, total: int) -> range:
        """The entry's seed line numbers that exist in a seed of ``total`` lines: a range
        written past the seed (``1-999999999``) costs no more than the seed (FID407 reports it)."""
        return range(max(self.first, 1), min(self.last, total) + 1)


@dataclass
class Article:
    """One annotated article: its front matter, parsed body and seed."""

    path: Path
    rel: str  # path as shown in diagnostics
    stem: str
    text: str
    doc: ParsedDocument
    meta: LineDict
    classes: list[SeedClass] = field(default_factory=list)
    seed_path: Path | None = None
    seed_lines: list[str] = field(default_factory=list)
    memo: Memo = field(default_factory=Memo, repr=False, compare=False)  # derived values (memo.py)

    @property
    def docname(self) -> str:
        return f"articles/{self.stem}"

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.doc.blocks if b.para is not None]

    def meta_line(self, key: str) -> int:
        return self.meta.line_of(key) if self.meta else 1


@dataclass
class Corpus:
    """All articles and data files of a corpus, with the problems met while loading."""

    root: Path  # the project root: holds corpus/ and seeds/
    articles: list[Article]
    sources: LineDict
    glossary: LineDict
    findings: list[Diagnostic]
    broken: set[str] = field(default_factory=set)  # data files that did not load
    timeline: LineDict = field(default_factory=lambda: _empty())  # event id -> event
    claims: LineDict = field(default_factory=lambda: _empty())  # claim id -> claim
    assignments: dict[str, LineDict] = field(default_factory=dict)  # file stem -> assignment
    data_limit: int = 1_000_000  # bytes a data file may have (set from the articles' size)
    vocabulary: Vocabulary = DEFAULT_VOCABULARY  # corpus/glossator.yml over the defaults
    memo: Memo = field(default_factory=Memo, repr=False, compare=False)  # derived values (memo.py)
    vocabulary_table: LineDict = field(default_factory=lambda: _empty())  # that file as written (SEC501 reads it)
    # key -> the label a link to the record shows ("Gray 2020"): set by the Sphinx extension from
    # the build's citation style (sphinxext/citations.py); empty outside a build.
    cite_labels: dict[str, str] = field(default_factory=dict)

    def loaded(self, path: Path) -> bool:
        """Whether a data file loaded; checks that depend on it stay quiet if not."""
        return self.rel(path) not in self.broken

    def rel(self, path: Path) -> str:
        """The path as diagnostics show it, relative to the project (memoised: checks ask
        for the same few data files once per record)."""
        cache = self.memo.table("rel")
        if path not in cache:
            try:
                cache[path] = path.resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                cache[path] = str(path)
        return cache[path]

    def article(self, stem: str) -> Article | None:
        """The article of that file stem, or None."""
        # Keyed by the list's length: the loader (and a test) may add articles after a lookup.
        index = self.memo.get(("by_stem", len(self.articles)), lambda: {a.stem: a for a in self.articles})
        return index.get(stem)

    def record_of(self, article: Article) -> dict | None:
        """The article's bibliography record (its ``source:`` in sources.yml), the one lookup
        of it; None when the article names none or the record is not a mapping."""
        record = self.sources.get(article.meta.get("source"))
        return record if isinstance(record, dict) else None

    @property
    def sources_path(self) -> Path:
        return self.root / "corpus" / "sources.yml"

    @property
    def glossary_path(self) -> Path:
        return self.root / "corpus" / "glossary.yml"

    @property
    def timeline_path(self) -> Path:
        return self.root / "corpus" / "timeline.yml"

    @property
    def vocabulary_path(self) -> Path:
        return self.root / "corpus" / VOCABULARY_FILE

    @property
    def claims_path(self) -> Path:
        return self.root / "corpus" / "claims.yml"

    def assignment_path(self, key: str) -> Path:
        return self.root / "corpus" / "assignments" / f"{key}.yml"


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds ``corpus/articles``."""
    for folder in [start, *start.parents]:
        if (folder / "corpus" / "articles").is_dir():
            return folder
    return None


def _empty() -> LineDict:
    empty = LineDict()
    empty.key_lines = {}
    return empty


def _yaml_finding(err: YamlError) -> Diagnostic:
    code = "YML602" if "duplicate key" in err.message else "YML606" if err.code == "YML606" else "YML601"
    return Diagnostic(err.path, err.line, err.col, code, err.message)


def _load_data(corpus: Corpus, path: Path) -> LineDict:
    if not path.exists():
        empty = LineDict()
        empty.key_lines = {}
        return empty
    shown = _shown(corpus.root, path)
    if not inside(path, corpus.root):
        corpus.findings.append(Diagnostic(shown, 1, 1, "SEC504", f"{path.name} is a link to {path.resolve()}, "
                                          "outside the project; put the file itself in corpus/"))
        corpus.broken.add(corpus.rel(path))
        return _empty()
    if too_large(path, shown, 1, corpus.findings, limit=corpus.data_limit):
        corpus.broken.add(corpus.rel(path))
        return _empty()
    try:
        data = load_yaml_file(path, corpus.rel(path))
    except YamlError as err:
        if err.message.startswith("cannot read"):
            raise UnusableInput(str(err)) from None
        corpus.findings.append(_yaml_finding(err))
        corpus.broken.add(corpus.rel(path))
        data = None
    if data is None:
        data = LineDict()
        data.key_lines = {}
    if not isinstance(data, LineDict):
        corpus.findings.append(
            Diagnostic(corpus.rel(path), getattr(data, "line", 1), 1, "YML603",
                       "the file must be a mapping of keys to entries")
        )
        data = LineDict()
        data.key_lines = {}
    return data


def _parse_classes(article: Article, findings: list[Diagnostic]) -> None:
    entries = article.meta.get("seed_lines")
    line = article.meta_line("seed_lines")
    if entries is None:
        return
    if not isinstance(entries, LineList):
        findings.append(Diagnostic(article.rel, line, 1, "YML603", "seed_lines must be a list of entries"))
        return
    for index, entry in enumerate(entries):
        at, col = entries.line_of(index), entries.col_of(index)
        if not isinstance(entry, dict):
            findings.append(Diagnostic(article.rel, at, col, "YML603",
                                       "each seed_lines entry must be a mapping {lines, role, reason, wrapped}"))
            continue
        span = parse_seed_lines(entry.get("lines", ""))
        if span is None:
            findings.append(Diagnostic(article.rel, at, col, "YML603",
                                       f"seed_lines entry needs 'lines' as N or N-M, got {entry.get('lines')!r}"))
            continue
        first, last = span
        wrapped = entry.get("wrapped", False)
        if not isinstance(wrapped, bool):
            findings.append(Diagnostic(article.rel, at, col, "YML603",
                                       f"seed_lines entry's 'wrapped' must be true or false, got {wrapped!r}"))
            wrapped = False
        article.classes.append(
            SeedClass(first, last, str(entry.get("role", "")), str(entry.get("reason") or ""), at, col, wrapped)
        )


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, with every symlink and ``..`` resolved, lies in ``folder``."""
    return path.resolve().is_relative_to(folder.resolve())


# The largest files the checker reads (docs/contributing/checks.md). The largest article is
# 24 KB and the largest seed 30 KB: an article many times that is a mistake or an attack, and
# MyST parsing of dense markup runs at some 200 KB/s, so the article limit keeps every check
# under two seconds. Data files grow with the corpus (a bibliography of 500 articles is 13 MB),
# so theirs is 1 MB or four times the articles together, whichever is larger (this reader's
# bibliography alone is 2.4 times its articles; twice stopped the 100x bench corpus).
MAX_ARTICLE_BYTES = 150_000
MAX_FILE_BYTES = 1_000_000
DATA_PER_ARTICLE_BYTE = 4


def too_large(path: Path, shown: str, line: int, findings: list[Diagnostic], what: str = "the file",
              limit: int = MAX_FILE_BYTES) -> bool:
    """Report (YML607) and skip a file over ``limit`` bytes; ``shown`` is where to report it."""
    size = path.stat().st_size
    if size <= limit:
        return False
    findings.append(Diagnostic(shown, line, 1, "YML607",
                               f"{what} is {size:,} bytes, over the limit of {limit:,}; "
                               "split it or remove what does not belong"))
    return True


# markdown-it looks for the end of every '[' (a link or a note), so unclosed ones cost time in
# their square; an article has a few dozen notes and links.
MAX_BRACKETS = 5_000


def _too_bracketed(path: Path, shown: str, findings: list[Diagnostic]) -> bool:
    try:
        count = path.read_bytes().count(b"[")
    except OSError:
        return False  # load_article reports the unreadable file
    if count <= MAX_BRACKETS:
        return False
    findings.append(Diagnostic(shown, 1, 1, "YML607", f"the article has {count:,} '[' (links, notes and brackets), "
                               f"over the limit of {MAX_BRACKETS:,}; it is not read"))
    return True


def _shown(root: Path, path: Path) -> str:
    """A path as diagnostics show it, without following links (a link may lead anywhere)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def load_article(path: Path, corpus: Corpus) -> Article:
    rel = corpus.rel(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UnusableInput(f"{rel}: cannot read file: {exc}") from None
    doc = parse_document(text)
    meta: Any = None
    unreadable = False
    if doc.front_matter is not None:
        try:
            meta = load_yaml_text(doc.front_matter, rel, line_offset=1)
        except YamlError as err:
            corpus.findings.append(_yaml_finding(err))
            unreadable = True
    if not isinstance(meta, LineDict):
        if doc.front_matter is None:
            corpus.findings.append(Diagnostic(rel, 1, 1, "FID400",
                                              "article has no front matter; start the file with a '---' block naming its seed"))
        elif not unreadable:
            # A list or a string would leave the article without a seed, and so unchecked.
            got = ("nothing" if meta is None else "a list" if isinstance(meta, list)
                   else "a string" if isinstance(meta, str) else f"a {type(meta).__name__}")
            corpus.findings.append(Diagnostic(rel, 1, 1, "FID400",
                                              f"front matter must be a mapping (seed:, seed_sha256:, source:, "
                                              f"seed_lines: …), got {got}; the article cannot be checked against its seed"))
        meta = LineDict()
        meta.key_lines = {}
        meta.line = 1
    article = Article(path, rel, path.stem, text, doc, meta)
    _parse_classes(article, corpus.findings)
    seed = meta.get("seed")
    if isinstance(seed, str) and seed:
        seed_path = corpus.root / "seeds" / seed
        if not inside(seed_path, corpus.root / "seeds"):
            corpus.findings.append(Diagnostic(rel, article.meta_line("seed"), 1, "SEC504",
                                              f"seed '{seed}' leads outside seeds/; name a file that stands in seeds/"))
        elif seed_path.is_file() and too_large(seed_path, rel, article.meta_line("seed"), corpus.findings,
                                               f"seed '{seed}'"):
            pass
        elif seed_path.is_file():
            article.seed_path = seed_path
            try:
                article.seed_lines = seed_path.read_text(encoding="utf-8").split("\n")
            except (OSError, UnicodeDecodeError) as exc:
                raise UnusableInput(f"{corpus.rel(seed_path)}: cannot read seed: {exc}") from None
    return article


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector, restoring its state after.

    Loading makes millions of objects that all live as long as the corpus, so collections
    during the load find nothing, yet each full one walks everything made so far: at 100×
    they were two thirds of the time spent reading the data files.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_corpus(root: Path, only: list[Path] | None = None) -> Corpus:
    """Load the corpus under ``root``; ``only`` limits which articles are parsed."""
    with _collector_paused():
        return _load_corpus(root, only)


def _load_corpus(root: Path, only: list[Path] | None) -> Corpus:
    corpus = Corpus(root, [], LineDict(), LineDict(), [])
    article_dir = root / "corpus" / "articles"
    paths = sorted(article_dir.glob("*.md")) if article_dir.is_dir() else []
    article_bytes = sum(min(p.stat().st_size, MAX_ARTICLE_BYTES) for p in paths if p.is_file())
    corpus.data_limit = max(MAX_FILE_BYTES, DATA_PER_ARTICLE_BYTE * article_bytes)
    if corpus.vocabulary_path.exists():
        table = corpus.vocabulary_table = _load_data(corpus, corpus.vocabulary_path)
        corpus.vocabulary, problems = read_vocabulary(table, corpus.rel(corpus.vocabulary_path))
        corpus.findings.extend(problems)
    corpus.sources = _load_data(corpus, corpus.sources_path)
    corpus.glossary = _load_data(corpus, corpus.glossary_path)
    corpus.timeline = _load_data(corpus, corpus.timeline_path)
    corpus.claims = _load_data(corpus, corpus.claims_path)
    for path in sorted((root / "corpus" / "assignments").glob("*.yml")):
        corpus.assignments[path.stem] = _load_data(corpus, path)
    if only is not None:
        wanted = {p.resolve() for p in only}
        paths = [p for p in paths if p.resolve() in wanted]
    kept = []
    for path in paths:
        shown = _shown(root, path)
        if not inside(path, root):
            corpus.findings.append(Diagnostic(shown, 1, 1, "SEC504",
                                              f"{path.name} is a link to {path.resolve()}, outside the project; "
                                              "put the article itself in corpus/articles"))
        elif not too_large(path, shown, 1, corpus.findings, limit=MAX_ARTICLE_BYTES) and not _too_bracketed(
                path, shown, corpus.findings):
            kept.append(path)
    corpus.articles = [load_article(p, corpus) for p in kept]
    return corpus
