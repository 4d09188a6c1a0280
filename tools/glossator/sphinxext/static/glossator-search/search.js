/* Glossator search: passage-level results over window.GLOSSATOR_PASSAGES (passages.js).
   Replaces Sphinx's Search.query (searchtools.js stays: it draws the results frame and reads
   ?q=). Ranking: BM25 over passages with Sphinx's stemmer, a bonus for the query as a phrase,
   for a glossary name equal to the query (aliases), and a weight per kind of page. A word
   that no passage contains is replaced by the closest word that does (1 or 2 edits), and
   the page says "Did you mean …?". Design: docs/contributing/search-quality.md. */
(() => {
  "use strict";
  const DOCS = window.GLOSSATOR_PASSAGES;
  if (!DOCS || typeof Search === "undefined") return;
  const stemmer = typeof Stemmer === "function" ? new Stemmer() : { stemWord: (w) => w };
  const STOP = typeof stopwords !== "undefined" ? new Set(stopwords) : new Set();
  const WORD = /[\p{L}\p{N}]+/gu;
  const K1 = 1.2, B = 0.75;
  const PER_DOC = 3, MAX_RESULTS = 60;

  /* One weight per kind of page: the articles first, then the pages that synthesise them. */
  const kindWeight = (doc) => {
    if (doc.startsWith("articles/")) return 1.0;
    if (doc.startsWith("claims/")) return 0.9;
    if (doc === "timeline") return 0.6;
    if (doc === "glossary") return 0.5;
    if (doc.startsWith("assignments/")) return 0.7;
    if (doc.startsWith("contributing/") || doc === "performance" || doc === "bibliography") return 0.3;
    return 0.6;
  };

  const fold = (s) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const words = (s) => fold(s).match(WORD) || [];
  const stemCache = new Map();
  const stem = (w) => {
    let s = stemCache.get(w);
    if (s === undefined) { s = stemmer.stemWord(w); stemCache.set(w, s); }
    return s;
  };
  const normName = (s) => words(s).join(" ");

  /* The index, built once when the page loads. */
  const passages = [];          // {doc, link, title, anchor, label, text, len, weight}
  const postings = new Map();   // stem -> Map(passage -> term frequency)
  const vocabulary = new Map(); // surface word -> count
  const names = new Map();      // normalised glossary name -> [passage]
  let totalLength = 0;
  for (const [doc, link, title, list] of DOCS) {
    const titleStems = new Set(words(title).map(stem));
    for (const [anchor, label, text, aliases] of list) {
      const id = passages.length;
      const tokens = words(text);
      // A note comments on a paragraph: it ranks below the article's own words.
      const weight = kindWeight(doc) * (label.startsWith("Note") ? 0.6 : 1);
      passages.push({ doc, link, title, anchor, label, text, len: tokens.length, weight, titleStems,
                      phrase: " " + tokens.join(" ") + " " });
      totalLength += tokens.length;
      for (const w of tokens) {
        vocabulary.set(w, (vocabulary.get(w) || 0) + 1);
        const s = stem(w);
        let row = postings.get(s);
        if (!row) postings.set(s, (row = new Map()));
        row.set(id, (row.get(id) || 0) + 1);
      }
      // An entry's other names (aliases), not its headword: searching for the headword finds
      // the passages that use it; searching for an alias should also find the entry it names.
      for (const name of (aliases || []).slice(1)) {
        const key = normName(name);
        if (!names.has(key)) names.set(key, []);
        names.get(key).push(id);
      }
    }
  }
  const avgLength = totalLength / Math.max(passages.length, 1);

  /* Edit distance (Damerau, restricted: swapping two letters is one edit), giving up
     beyond `limit`. */
  const distance = (a, b, limit) => {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let before = null;
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const cur = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          cur[j] = Math.min(cur[j], before[j - 2] + 1);
        }
        best = Math.min(best, cur[j]);
      }
      if (best > limit) return limit + 1;
      before = prev;
      prev = cur;
    }
    return prev[b.length];
  };

  /* The closest word the passages contain (ties: the more frequent), or null. */
  const correct = (word) => {
    if (word.length < 4 || /^\d+$/.test(word)) return null;
    const limit = word.length >= 7 ? 2 : 1;
    let found = null, foundDistance = limit + 1, foundCount = 0;
    for (const [candidate, count] of vocabulary) {
      const d = distance(word, candidate, Math.min(limit, foundDistance));
      if (d < foundDistance || (d === foundDistance && d <= limit && count > foundCount)) {
        found = candidate; foundDistance = d; foundCount = count;
      }
    }
    return foundDistance <= limit ? found : null;
  };

  /* Query words, their stems, corrections and the phrase (quoted, or the whole query). */
  const parse = (query) => {
    const quoted = [...query.matchAll(/"([^"]+)"/g)].map((m) => words(m[1]).join(" ")).filter(Boolean);
    const all = words(query);
    const kept = all.filter((w) => !STOP.has(w) || all.length === 1);
    const corrections = [];
    const terms = kept.map((w) => {
      if (postings.has(stem(w))) return w;
      const better = correct(w);
      if (better) corrections.push([w, better]);
      return better || w;
    });
    const fixed = (s) => corrections.reduce((acc, [from, to]) => acc.replace(new RegExp(`\\b${from}\\b`, "g"), to), s);
    return { terms, stems: [...new Set(terms.map(stem))], corrections, quoted: quoted.map(fixed),
             phrase: all.length > 1 ? fixed(all.join(" ")) : "", name: fixed(normName(query)) };
  };

  const rank = (q) => {
    const scores = new Map(), matched = new Map();
    const n = passages.length;
    for (const s of q.stems) {
      const row = postings.get(s);
      if (!row) continue;
      const idf = Math.log(1 + (n - row.size + 0.5) / (row.size + 0.5));
      for (const [id, tf] of row) {
        const p = passages[id];
        const part = idf * (tf * (K1 + 1)) / (tf + K1 * (1 - B + B * p.len / avgLength));
        scores.set(id, (scores.get(id) || 0) + part + (p.titleStems.has(s) ? idf * 0.3 : 0));
        matched.set(id, (matched.get(id) || 0) + 1);
      }
    }
    const aliasHits = new Set(names.get(q.name) || []);
    const results = [];
    for (const [id, base] of scores) {
      const p = passages[id];
      if (q.quoted.length && !q.quoted.every((ph) => p.phrase.includes(` ${ph} `))) continue;
      const coverage = matched.get(id) / q.stems.length;
      let score = base * coverage * coverage * p.weight;
      if (q.phrase && p.phrase.includes(` ${q.phrase} `)) score *= 1.5;
      if (aliasHits.has(id)) score *= 3;  // the query is one of this entry's names
      results.push([score, id]);
    }
    for (const id of aliasHits) if (!scores.has(id)) results.push([1, id]);
    results.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    const perDoc = new Map(), shown = [];
    for (const [, id] of results) {
      const doc = passages[id].doc;
      if ((perDoc.get(doc) || 0) >= PER_DOC) continue;
      perDoc.set(doc, (perDoc.get(doc) || 0) + 1);
      shown.push(id);
      if (shown.length >= MAX_RESULTS) break;
    }
    return shown;
  };

  /* The passage's words around its first match, matched words in <mark>. */
  const snippet = (text, stems, into) => {
    const re = /[\p{L}\p{N}]+/gu;
    const hits = [];
    let m;
    while ((m = re.exec(text))) if (stems.has(stem(fold(m[0])))) hits.push([m.index, m.index + m[0].length]);
    const size = 220;
    let start = 0, end = Math.min(text.length, size);
    if (hits.length && hits[0][0] > size / 3) {
      start = text.lastIndexOf(" ", hits[0][0] - size / 3) + 1;
      end = Math.min(text.length, start + size);
    }
    if (end < text.length) end = Math.max(text.lastIndexOf(" ", end), hits.length ? hits[0][1] : end);
    if (start > 0) into.append("… ");
    let at = start;
    for (const [a, b] of hits) {
      if (a < start || b > end) continue;
      into.append(text.slice(at, a));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(a, b);
      into.append(mark);
      at = b;
    }
    into.append(text.slice(at, end));
    if (end < text.length) into.append(" …");
  };

  const root = document.querySelector("#search-results");
  const docRoot = (typeof DOCUMENTATION_OPTIONS !== "undefined" && DOCUMENTATION_OPTIONS.URL_ROOT) || "";

  Search.query = (query) => {
    const q = parse(query);
    const ids = rank(q);
    Search.stopPulse();
    if (Search.title) Search.title.textContent = "Search Results";
    const list = Search.output;
    list.replaceChildren();
    root.querySelectorAll(".glossator-didyoumean").forEach((note) => note.remove());
    if (q.corrections.length) {
      const note = document.createElement("p");
      note.className = "glossator-didyoumean";
      const fixed = q.corrections.reduce((acc, [from, to]) => acc.replace(new RegExp(from, "ig"), to), query);
      note.append("Did you mean ");
      const link = document.createElement("a");
      link.href = `?q=${encodeURIComponent(fixed)}`;
      link.textContent = fixed;
      note.append(link, "? Showing results for it.");
      list.before(note);
    }
    const stems = new Set(q.stems);
    for (const id of ids) {
      const p = passages[id];
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = `${docRoot}${p.link}#${p.anchor}`;
      link.textContent = p.title;
      const where = document.createElement("span");
      where.className = "glossator-result-where";
      where.textContent = ` — ${p.label}`;
      const text = document.createElement("p");
      text.className = "glossator-result-snippet";
      snippet(p.text, stems, text);
      item.append(link, where, text);
      list.append(item);
    }
    const pages = new Set(ids.map((id) => passages[id].doc)).size;
    Search.status.textContent = ids.length
      ? `Found ${ids.length} passage${ids.length === 1 ? "" : "s"} on ${pages} page${pages === 1 ? "" : "s"}.`
      : "Your search did not match any passage. Check the spelling, or try fewer words.";
  };

  /* Search as you type: on this page the search box re-ranks in place (no reload), and the
     address keeps the query, so Back and a shared link give the same results. */
  let typing;
  document.querySelectorAll('input[name="q"]').forEach((box) => box.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      const query = box.value.trim();
      if (!query) return;
      if (Search.output) Search.query(query);
      else Search.performSearch(query);
      history.replaceState(null, "", `?q=${encodeURIComponent(query)}`);
    }, 150);
  }));

  /* searchindex.js is not loaded (templates/search/glossator-search.html): Sphinx's search
     waits for an index before it runs the query, so it is told there is one. */
  if (!Search.hasIndex()) Search.setIndex({});

  /* Results are announced: the summary line is a polite live region, present before it fills. */
  if (root) {
    root.setAttribute("aria-live", "polite");
    root.setAttribute("aria-busy", "true");
    const done = new MutationObserver(() => {
      const summary = root.querySelector(".search-summary");
      if (summary && summary.textContent) { summary.setAttribute("role", "status"); root.setAttribute("aria-busy", "false"); }
    });
    done.observe(root, { childList: true, subtree: true, characterData: true });
  }
})();
