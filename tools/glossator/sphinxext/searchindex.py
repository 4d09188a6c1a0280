"""The search page's chunked index: a small header first, then only the shards a query needs.

``search.html`` loads ``_static/glossator-search/index.js`` (the *header*) and nothing else of
the index. A query then adds ``<script src>`` elements (a page opened from ``file://`` may load
a script but not fetch a file) for

- the *postings* of its words' stems: ``index/p<k>.js`` holds every stem whose FNV-1a hash is
  *k* modulo the number of such shards; a stem with a long list of postings (a frequent word)
  has a shard of its own, ``index/b<k>.js``, named in the header, so that a rare word does not
  pay for a frequent one. A glossary alias is a key (``=`` and the alias's words) in the same
  shards;
- the *text* of the passages shown: ``index/t<k>.js`` holds consecutive passages (in page
  order) and their pages' links and titles, about ``TEXT_SHARD`` bytes of text each.

Each shard registers itself into ``window.GLOSSATOR_SEARCH_PARTS`` under its name. The header
holds what ranking needs for every passage without its text: the number of passages and their
average length (BM25), each page's first passage and weight, where each text shard starts, and
the vocabulary (for "Did you mean"), most frequent word first, with each word's stem. A posting carries the passage's
length, its term frequency and flags (the word is in the page's title; the passage is a note)
and the word's positions (phrases and proximity). ``search.js`` reads all of it; the two must
agree on ``fold``/``WORD`` (tokens) and ``fnv``; a word the corpus holds is stemmed as the
header says (the build used Sphinx's Python stemmer), any other by ``language_data.js``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable

COMBINING = re.compile("[\u0300-\u036f]")
WORD = re.compile(r"[^\W_]+")  # letters and digits: JavaScript's /[\p{L}\p{N}]+/u
POSTING_SHARD = 16 * 1024  # bytes of postings per hashed shard (about)
OWN_SHARD = 4 * 1024  # a stem whose postings exceed this has a shard of its own
TEXT_SHARD = 8 * 1024  # characters of passage text per text shard (about)
FREQUENT = 5  # a word seen once, close to a word seen this often, is taken as its misspelling
ALIAS = "="  # prefix of an alias key (a stem never holds it)
NOTE_WEIGHT_FLAG, TITLE_FLAG = 1, 2  # a posting's flags, below its term frequency (tf * 4 + flags)


def fold(text: str) -> str:
    """Case and accents folded, as search.js folds them."""
    return COMBINING.sub("", unicodedata.normalize("NFKD", text)).lower()


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


def fnv(key: str) -> int:
    """32-bit FNV-1a over the key's code points (search.js computes the same)."""
    h = 2166136261
    for ch in key:
        h = ((h ^ ord(ch)) * 16777619) & 0xFFFFFFFF
    return h


KIND_WEIGHTS = (1.0, 0.9, 0.7, 0.6, 0.5, 0.3)  # kind_weight's values


def kind_weight(doc: str) -> float:
    """One weight per kind of page: the articles first, then the pages that synthesise them."""
    if doc.startswith("articles/"):
        return 1.0
    if doc.startswith("claims/"):
        return 0.9
    if doc == "timeline":
        return 0.6
    if doc == "glossary":
        return 0.5
    if doc.startswith("assignments/"):
        return 0.7
    if doc.startswith("contributing/") or doc in ("performance", "bibliography"):
        return 0.3
    return 0.6


def _with_stem(word: str, stem: str) -> str:
    """A vocabulary entry: the word, and its stem as ``:k`` (its first k letters) and any
    letters after them (``:k:xy``). The page stems an indexed word with this, not its own
    stemmer: Sphinx's Python and JavaScript stemmers disagree on a few words (snowballstemmer
    3 stems "international" to "internat", language_data.js to "intern")."""
    if stem == word:
        return word
    k = 0
    while k < min(len(word), len(stem)) and word[k] == stem[k]:
        k += 1
    return f"{word}:{k}" + (f":{stem[k:]}" if stem[k:] else "")


def _script(name: str, data: object) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"(window.GLOSSATOR_SEARCH_PARTS=window.GLOSSATOR_SEARCH_PARTS||{{}})[{json.dumps(name)}]={payload};\n"


def build_index(docs: Iterable[tuple[str, str, str, list[list]]], stem: Callable[[str], str]) -> dict[str, str]:
    """The index's files (path under ``_static/glossator-search/`` -> script text) for
    ``docs``: (docname, link, title, passages as [anchor, label, text, names?]), in order."""
    postings: dict[str, list[int]] = {}  # stem -> flat [id delta, length, tf*4+flags, positions...]
    last: dict[str, int] = {}
    vocabulary: Counter[str] = Counter()  # words seen outside contributor pages, and how often
    seen_anywhere: Counter[str] = Counter()
    aliases: dict[str, list[int]] = {}
    starts: list[int] = []  # the header's docs: first passage, weight index (flat)
    weights: list[float] = []
    texts: list[int] = []  # first passage of each text shard
    text_shards: list[dict] = []
    total_length = 0
    ident = 0
    stem_cache: dict[str, str] = {}

    def stem_of(word: str) -> str:
        found = stem_cache.get(word)
        if found is None:
            found = stem_cache[word] = stem(word)
        return found

    shard: dict | None = None
    shard_size = 0
    for number, (doc, link, title, passages) in enumerate(docs):
        weight = kind_weight(doc)
        if weight not in weights:
            weights.append(weight)
        starts += [ident, weights.index(weight)]
        title_stems = {stem_of(w) for w in words(title)}
        for anchor, label, text, *rest in passages:
            tokens = words(text)
            total_length += len(tokens)
            seen_anywhere.update(tokens)
            if weight > min(KIND_WEIGHTS):  # contributor pages quote misspellings (the query set)
                vocabulary.update(tokens)
            seen: dict[str, list[int]] = {}
            for position, word in enumerate(tokens):
                seen.setdefault(stem_of(word), []).append(position)
            note = NOTE_WEIGHT_FLAG if label.startswith("Note") else 0
            for s, positions in seen.items():
                row = postings.setdefault(s, [])
                flags = note | (TITLE_FLAG if s in title_stems else 0)
                row += [ident - last.get(s, 0), len(tokens), len(positions) * 4 + flags, positions[0]]
                row += [b - a for a, b in zip(positions, positions[1:], strict=False)]
                last[s] = ident
            # An entry's other names (aliases), not its headword: searching for the headword finds
            # the passages that use it; searching for an alias also finds the entry it names.
            for name in (rest[0] if rest else [])[1:]:
                aliases.setdefault(ALIAS + " ".join(words(name)), []).append(ident)
            if shard is None or shard_size >= TEXT_SHARD:
                shard = {"docs": {}, "passages": []}
                text_shards.append(shard)
                texts.append(ident)
                shard_size = 0
            shard["docs"].setdefault(str(number), [link, title])
            shard["passages"].append([anchor, label, text])
            shard_size += len(text)
            ident += 1

    # Frequent stems get a shard each; the rest are hashed into shards of about POSTING_SHARD.
    encoded = {s: json.dumps(row, separators=(",", ":")) for s, row in postings.items()}
    own = sorted(s for s, row in encoded.items() if len(row) > OWN_SHARD)
    rest_size = sum(len(row) + len(s) + 4 for s, row in encoded.items() if s not in own)
    rest_size += sum(len(k) + 8 * len(v) for k, v in aliases.items())
    count = max(1, -(-rest_size // POSTING_SHARD))
    hashed: list[dict[str, list[int]]] = [{} for _ in range(count)]
    files: dict[str, str] = {}
    for s, row in postings.items():
        if s not in own:
            hashed[fnv(s) % count][s] = row
    for key, ids in aliases.items():
        hashed[fnv(key) % count][key] = ids
    for k, part in enumerate(hashed):
        files[f"index/p{k}.js"] = _script(f"p{k}", part)
    for k, s in enumerate(own):
        files[f"index/b{k}.js"] = _script(f"b{k}", {s: postings[s]})
    for k, part in enumerate(text_shards):
        files[f"index/t{k}.js"] = _script(f"t{k}", part)
    # The vocabulary, most frequent first (on a tie, the first seen): "Did you mean" takes the
    # first closest word, so the more frequent wins.
    # Most frequent first; words only contributor pages hold come last, counted as unseen.
    ranked = vocabulary.most_common() + [(w, 0) for w in seen_anywhere if w not in vocabulary]
    header = {
        "n": ident,
        "avg": total_length / max(ident, 1),
        "shards": count,
        "own": {s: k for k, s in enumerate(own)},
        "docs": starts,
        "weights": weights,
        "texts": texts,
        "vocabulary": " ".join(_with_stem(w, stem_of(w)) for w, _ in ranked),
        # Where the words seen FREQUENT times or more end, and where those seen once begin.
        "frequent": sum(1 for _, c in ranked if c >= FREQUENT),
        "once": sum(1 for _, c in ranked if c > 1),  # from here: seen once, or on contributor pages only
    }
    payload = json.dumps(header, ensure_ascii=False, separators=(",", ":"))
    files["index.js"] = f"window.GLOSSATOR_SEARCH={payload};\n"
    return files
