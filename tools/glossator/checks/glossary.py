"""GLO3xx: every term used is defined once, every entry is used, complete and sourced."""

from __future__ import annotations

from collections.abc import Iterator

from ..corpus import Corpus
from ..diagnostics import Diagnostic, rule
from ..vocabulary import parse_tag
from .common import glossary_names, roles


def _path(corpus: Corpus) -> str:
    return corpus.rel(corpus.glossary_path)


def _entries(corpus: Corpus):
    return [(str(k), v) for k, v in corpus.glossary.items() if isinstance(v, dict)]


@rule("GLO301", "a term used in an article is not in the glossary")
def check_terms_defined(corpus: Corpus) -> Iterator[Diagnostic]:
    """``{term}`` names a term or alias of ``corpus/glossary.yml`` (case does not matter).

    Bad:  {term}`six party talks`
    Good: {term}`six-party talks <Six-Party Talks>`
    """
    from difflib import get_close_matches

    if not corpus.loaded(corpus.glossary_path):
        return
    names = glossary_names(corpus)
    for loc in roles(corpus, "term"):
        target = loc.ref.target.strip().lower()
        if target not in names:
            close = get_close_matches(target, list(names), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else "; add it to corpus/glossary.yml"
            yield Diagnostic(loc.article.rel, loc.ref.line, loc.ref.col, "GLO301",
                             f"term '{loc.ref.target}' is not in corpus/glossary.yml{hint}")


@rule("GLO302", "a glossary entry is never used")
def check_terms_used(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every entry is marked with ``{term}`` in at least one article.

    Bad:  an entry no article links to
    Good: the term marked at its first mention in each article
    """
    names = glossary_names(corpus)
    used: set[str] = set()
    for loc in roles(corpus, "term"):
        used |= names.get(loc.ref.target.strip().lower(), set())
    for key, _ in _entries(corpus):
        if key not in used:
            yield Diagnostic(_path(corpus), corpus.glossary.line_of(key), 1, "GLO302",
                             f"entry '{key}' is not used by any article")


@rule("GLO303", "a term or alias names two entries")
def check_ambiguous_names(corpus: Corpus) -> Iterator[Diagnostic]:
    """A name (case-insensitive) belongs to one entry only, or a link could land on either.

    Bad:  alias 'Kim' in both kim-jong-un and kim-jong-il
    Good: 'Kim' only under kim-jong-un
    """
    for name, keys in sorted(glossary_names(corpus).items()):
        if len(keys) > 1:
            later = sorted(keys, key=corpus.glossary.line_of)[1:]
            for key in later:
                yield Diagnostic(_path(corpus), corpus.glossary.line_of(key), 1, "GLO303",
                                 f"'{name}' names both '{key}' and another entry ({', '.join(sorted(keys))})")


@rule("GLO304", "a definition is empty or does not end with a full stop")
def check_definitions(corpus: Corpus) -> Iterator[Diagnostic]:
    """Definitions are one to three sentences, ending with a full stop.

    Bad:  definition: North Korea's capital
    Good: definition: The capital of North Korea.
    """
    for key, entry in _entries(corpus):
        text = str(entry.get("definition") or "").strip()
        line = entry.line_of("definition") if "definition" in entry else corpus.glossary.line_of(key)
        if not text:
            yield Diagnostic(_path(corpus), line, 1, "GLO304", f"entry '{key}' has no definition")
        elif not text.endswith((".", ".)", ".”")):
            yield Diagnostic(_path(corpus), line, 1, "GLO304", f"entry '{key}': end the definition with a full stop")


@rule("GLO305", "a glossary entry cites no source")
def check_entry_sources(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every entry lists at least one record in ``sources``.

    Bad:  an entry without ``sources:``
    Good: sources: [kremlin-2019-talks]
    """
    for key, entry in _entries(corpus):
        if not entry.get("sources"):
            yield Diagnostic(_path(corpus), corpus.glossary.line_of(key), 1, "GLO305", f"entry '{key}' cites no source")


@rule("GLO306", "a glossary entry has an unknown category or script")
def check_categories(corpus: Corpus) -> Iterator[Diagnostic]:
    """A category is one of the vocabulary's (``glossary_categories`` in ``corpus/glossator.yml``);
    a native name is keyed by a well-formed BCP 47 language tag, its script subtag, if any,
    four letters (``ko``, ``zh-Hant``, ``sr-Cyrl``).

    Bad:  category: people; native: {sr-Cyrillic: Београд}
    Good: category: person; native: {sr-Cyrl: Београд}
    """
    categories = corpus.vocabulary.glossary_categories
    for key, entry in _entries(corpus):
        if entry.get("category") not in categories:
            line = entry.line_of("category") if "category" in entry else corpus.glossary.line_of(key)
            yield Diagnostic(_path(corpus), line, 1, "GLO306",
                             f"entry '{key}': category must be one of {', '.join(categories)}")
        native = entry.get("native")
        if isinstance(native, dict):
            for lang in native:
                parsed, problem = parse_tag(str(lang))
                if parsed is None:
                    yield Diagnostic(_path(corpus), native.line_of(lang), 1, "GLO306",
                                     f"entry '{key}': native script '{lang}' is not a BCP 47 language tag "
                                     f"({problem}); write e.g. ko, zh-Hant or sr-Cyrl")


@rule("GLO307", "a related entry does not exist")
def check_related(corpus: Corpus) -> Iterator[Diagnostic]:
    """``related`` lists keys of other entries.

    Bad:  related: [kim-jongil]
    Good: related: [kim-jong-il]
    """
    for key, entry in _entries(corpus):
        related = entry.get("related")
        if isinstance(related, list):
            for index, other in enumerate(related):
                if str(other) not in corpus.glossary:
                    yield Diagnostic(_path(corpus), related.line_of(index), 1, "GLO307",
                                     f"entry '{key}': related entry '{other}' does not exist")
