/* Glossator search: passage-level results over a chunked index (index.js, the header this page
   loads, and the shards a query adds; sphinxext/searchindex.py writes them). Replaces Sphinx's
   Search.query (searchtools.js stays: it draws the results frame and reads ?q=). Ranking:
   BM25 over passages with the build's stems, a bonus for the query as a phrase and for its
   words close together, for a glossary name equal to the query (aliases), a weight per kind
   of page and a share of the page's other matching passages. A word that no passage contains
   (or that the site holds once, near a frequent word) is replaced by the closest word that
   one does (1 or 2 edits), and the page says "Did you mean …?".
   Design: docs/contributing/search-quality.md. */
(() => {
  "use strict";
  const H = window.GLOSSATOR_SEARCH;
  if (!H || typeof Search === "undefined") return;
  const stemmer = typeof Stemmer === "function" ? new Stemmer() : { stemWord: (w) => w };
  const STOP = typeof stopwords !== "undefined" ? new Set(stopwords) : new Set();
  const WORD = /[\p{L}\p{N}]+/gu;
  const K1 = 1.2, B = 0.75;
  const PROXIMITY = 0.5, WINDOW = 12;
  const PAGE_EVIDENCE = 0.1;  // the share of a page's other matching passages' scores a passage gets  // the bonus for the query's words close together, and how close
  const PER_DOC = 3, MAX_RESULTS = 60, PAGE = 20;  // PAGE: results shown before "Show more"

  const fold = (s) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const words = (s) => fold(s).match(WORD) || [];
  /* A word the corpus holds is stemmed as the build stemmed it (the header's vocabulary: Sphinx's
     Python and JavaScript stemmers differ on a few words); any other by language_data.js. */
  const stemCache = new Map();
  const VOCABULARY = [];
  for (const entry of (H.vocabulary ? H.vocabulary.split(" ") : [])) {
    const [word, k, rest] = entry.split(":");
    VOCABULARY.push(word);
    stemCache.set(word, k === undefined ? word : word.slice(0, Number(k)) + (rest || ""));
  }
  const ONCE = new Set(VOCABULARY.slice(H.once));  // words the corpus holds once
  const stem = (w) => {
    let s = stemCache.get(w);
    if (s === undefined) { s = stemmer.stemWord(w); stemCache.set(w, s); }
    return s;
  };
  const normName = (s) => words(s).join(" ");

  /* The index (sphinxext/searchindex.py): the header is loaded with this page; a query adds a
     <script> for each shard it needs (fetch is refused from file://), which registers itself
     into GLOSSATOR_SEARCH_PARTS. */
  const PARTS = (window.GLOSSATOR_SEARCH_PARTS = window.GLOSSATOR_SEARCH_PARTS || {});
  const HERE = (document.currentScript && document.currentScript.src) || document.baseURI;
  const NOTE = 1, TITLE = 2;  // a posting's flags
  const ALIAS = "=";           // prefix of an alias key
  const DOC_COUNT = H.docs.length / 2;

  const requested = new Map();  // shard name -> Promise of its data
  const load = (name) => {
    if (PARTS[name]) return Promise.resolve(PARTS[name]);
    if (!requested.has(name)) {
      requested.set(name, new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = new URL(`index/${name}.js`, HERE).href;
        script.onload = () => (PARTS[name] ? resolve(PARTS[name]) : reject(new Error(`${script.src} is not a search shard`)));
        script.onerror = () => { requested.delete(name); reject(new Error(`cannot load ${script.src}`)); };
        document.head.append(script);
      }));
    }
    return requested.get(name);
  };

  /* 32-bit FNV-1a over code points, as searchindex.py hashes a stem to its shard. */
  const fnv = (key) => {
    let h = 2166136261;
    for (const ch of key) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
    return h;
  };
  const shardOf = (key) => (Object.hasOwn(H.own, key) ? `b${H.own[key]}` : `p${fnv(key) % H.shards}`);
  const entry = (key) => {
    const part = PARTS[shardOf(key)];
    return part && Object.hasOwn(part, key) ? part[key] : null;
  };

  /* A stem's postings: passage id -> {tf, len, flags, pos}, decoded once. */
  const decoded = new Map();
  const row = (s) => {
    if (decoded.has(s)) return decoded.get(s);
    if (!PARTS[shardOf(s)]) return null;  // not loaded (yet): nothing is cached
    const flat = entry(s);
    let out = null;
    if (flat) {
      out = new Map();
      for (let i = 0, id = 0; i < flat.length;) {
        id += flat[i];
        const len = flat[i + 1], code = flat[i + 2], tf = code >> 2;
        i += 3;
        const pos = new Array(tf);
        for (let k = 0, at = 0; k < tf; k++) pos[k] = at += flat[i++];
        out.set(id, { tf, len, flags: code & 3, pos });
      }
    }
    decoded.set(s, out);
    return out;
  };

  /* The entry (first passage, weight) a passage id falls in: binary search over starts. */
  const locate = (starts, step, id) => {
    let lo = 0, hi = starts.length / step - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid * step] <= id) lo = mid; else hi = mid - 1;
    }
    return lo;
  };
  const docOf = (id) => locate(H.docs, 2, id);
  const weightOf = (id, note) => H.weights[H.docs[2 * docOf(id) + 1]] * (note ? 0.6 : 1);
  const textShard = (id) => locate(H.texts, 1, id);

  /* A passage's text, label, anchor and page (its text shard must be loaded). */
  const passage = (id) => {
    const k = textShard(id), part = PARTS[`t${k}`];
    const [anchor, label, text] = part.passages[id - H.texts[k]];
    const [link, title] = part.docs[docOf(id)];
    return { anchor, label, text, link, title, doc: docOf(id) };
  };

  /* Every shard (GlossatorSearch.loadAll): after it, no query loads anything. */
  const loadAll = () => {
    const names = [];
    for (let k = 0; k < H.shards; k++) names.push(`p${k}`);
    for (const k of Object.values(H.own)) names.push(`b${k}`);
    H.texts.forEach((_, k) => names.push(`t${k}`));
    return Promise.all(names.map(load));
  };
  /* For the tests (tests/test_search.py) and a page that wants the whole index at hand. */
  window.GlossatorSearch = { loadAll, words, stem };

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

  /* The closest word the passages contain (ties: the more frequent; the vocabulary comes most
     frequent first), or null. */
  const correct = (word, among = VOCABULARY.length) => {
    if (word.length < 4 || /^\d+$/.test(word)) return null;
    const limit = word.length >= 7 ? 2 : 1;
    let found = null, foundDistance = limit + 1;
    for (let i = 0; i < among; i++) {
      const candidate = VOCABULARY[i];
      const d = distance(word, candidate, Math.min(limit, foundDistance));
      if (d < foundDistance) { found = candidate; foundDistance = d; }
      if (d === 0) break;
    }
    return foundDistance <= limit ? found : null;
  };

  /* A phrase as the stems of its words, a stopword standing for any one word (its postings
     are not loaded): [stem | null], without nulls at either end. */
  const sequence = (list) => {
    const seq = list.map((w) => (STOP.has(w) ? null : stem(w)));
    while (seq.length && seq[0] === null) seq.shift();
    while (seq.length && seq[seq.length - 1] === null) seq.pop();
    return seq;
  };
  const hasPhrase = (id, seq) => {
    const first = row(seq[0]) && row(seq[0]).get(id);
    if (!first) return false;
    return first.pos.some((p0) => seq.every((s, k) => {
      if (s === null || k === 0) return true;
      const hit = row(s) && row(s).get(id);
      return Boolean(hit && hit.pos.includes(p0 + k));
    }));
  };

  /* Query words, their stems, corrections and the phrase (quoted, or the whole query); the
     shards they need are loaded first (and those of the corrected words after). */
  const parse = async (query) => {
    const all = words(query);
    const kept = all.filter((w) => !STOP.has(w) || all.length === 1);
    await Promise.all([...new Set([...kept.map((w) => shardOf(stem(w))), shardOf(ALIAS + normName(query))])].map(load));
    const corrections = new Map();
    const terms = kept.map((w) => {
      // A word the corpus holds once, close to a frequent one, is most likely a misspelling of
      // it (the site's own pages may hold a typo, or quote one).
      const better = row(stem(w)) ? (ONCE.has(w) ? correct(w, H.frequent) : null) : correct(w);
      if (better && stem(better) !== stem(w)) corrections.set(w, better);
      return corrections.get(w) || w;
    });
    const fix = (list) => list.map((w) => corrections.get(w) || w);
    const name = fix(words(query)).join(" ");
    await Promise.all([...new Set([...terms.map((w) => shardOf(stem(w))), shardOf(ALIAS + name)])].map(load));
    const quoted = [...query.matchAll(/"([^"]+)"/g)].map((m) => sequence(fix(words(m[1])))).filter((s) => s.length);
    const phrase = all.length > 1 ? sequence(fix(all)) : [];
    return { stems: [...new Set(terms.map(stem))], corrections: [...corrections], quoted,
             phrase: phrase.filter(Boolean).length > 1 ? phrase : null, name };
  };

  /* How close together the query's words stand in a passage: (k - 1) / (span - 1) for the
     shortest span of tokens holding one of each of its k words present, 1 when they are
     side by side, 0 beyond WINDOW tokens. */
  const closeness = (id, stems) => {
    const lists = [];
    for (const s of stems) {
      const hit = row(s) && row(s).get(id);
      if (hit) lists.push(hit.pos);
    }
    if (lists.length < 2) return 0;
    // The shortest window: walk the merged positions, keeping the last position of each word.
    const merged = [];
    lists.forEach((pos, w) => pos.forEach((p) => merged.push([p, w])));
    merged.sort((a, b) => a[0] - b[0]);
    const lastAt = new Array(lists.length).fill(-Infinity);
    let best = Infinity;
    for (const [p, w] of merged) {
      lastAt[w] = p;
      const first = Math.min(...lastAt);
      if (first > -Infinity) best = Math.min(best, p - first + 1);
    }
    return best > WINDOW ? 0 : (lists.length - 1) / (best - 1);
  };

  const rank = (q) => {
    const scores = new Map(), matched = new Map(), notes = new Set();
    const n = H.n;
    for (const s of q.stems) {
      const postings = row(s);
      if (!postings) continue;
      const idf = Math.log(1 + (n - postings.size + 0.5) / (postings.size + 0.5));
      for (const [id, p] of postings) {
        const part = idf * (p.tf * (K1 + 1)) / (p.tf + K1 * (1 - B + B * p.len / H.avg));
        scores.set(id, (scores.get(id) || 0) + part + (p.flags & TITLE ? idf * 0.3 : 0));
        matched.set(id, (matched.get(id) || 0) + 1);
        if (p.flags & NOTE) notes.add(id);
      }
    }
    const aliasHits = new Set(entry(ALIAS + q.name) || []);
    const results = [];
    for (const [id, base] of scores) {
      if (q.quoted.length && !q.quoted.every((seq) => hasPhrase(id, seq))) continue;
      const coverage = matched.get(id) / q.stems.length;
      let score = base * coverage * coverage * weightOf(id, notes.has(id));
      if (q.phrase && hasPhrase(id, q.phrase)) score *= 1.5;
      if (matched.get(id) > 1) score *= 1 + PROXIMITY * closeness(id, q.stems);
      if (aliasHits.has(id)) score *= 3;  // the query is one of this entry's names
      results.push([score, id]);
    }
    for (const id of aliasHits) if (!scores.has(id)) results.push([1, id]);
    // A page's other passages that match are evidence that the page is about the query.
    const pageTotal = new Map();
    for (const [score, id] of results) pageTotal.set(docOf(id), (pageTotal.get(docOf(id)) || 0) + score);
    for (const r of results) r[0] += PAGE_EVIDENCE * (pageTotal.get(docOf(r[1])) - r[0]);
    results.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    const perDoc = new Map(), shown = [];
    for (const [, id] of results) {
      const doc = docOf(id);
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

  /* One result: the page's title linking to the passage, where on the page, and a snippet. */
  const item = (id, stems) => {
    const p = passage(id);
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = `${docRoot}${p.link}#${p.anchor}`;
    link.textContent = p.title;
    const where = document.createElement("span");
    where.className = "glossator-result-where";
    where.textContent = ` — ${p.label}`;
    const text = document.createElement("p");
    text.className = "glossator-result-snippet";
    snippet(p.text, stems, text);
    li.append(link, where, text);
    return li;
  };

  /* The next PAGE results, once their text shards are loaded. */
  const texts = (ids) => Promise.all([...new Set(ids.map(textShard))].map((k) => load(`t${k}`)));

  let generation = 0;  // a newer query makes an older one's late results void
  const run = async (query) => {
    const mine = ++generation;
    const q = await parse(query);
    const ids = rank(q);
    const first = ids.slice(0, PAGE);
    await texts(first);
    if (mine !== generation) return;
    Search.stopPulse();
    if (Search.title) Search.title.textContent = "Search Results";
    const list = Search.output;
    list.replaceChildren();
    root.querySelectorAll(".glossator-didyoumean, .glossator-more").forEach((node) => node.remove());
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
    first.forEach((id) => list.append(item(id, stems)));
    // The rest on request: their text is loaded only if asked for.
    if (ids.length > PAGE) {
      const more = document.createElement("button");
      more.type = "button";
      more.className = "glossator-more";
      more.textContent = "Show more results";
      let shown = PAGE;
      more.addEventListener("click", async () => {
        const next = ids.slice(shown, shown + PAGE);
        await texts(next);
        if (mine !== generation) return;
        next.forEach((id) => list.append(item(id, stems)));
        shown += next.length;
        if (shown >= ids.length) more.remove();
      });
      list.after(more);
    }
    const pages = new Set(ids.map(docOf)).size;
    Search.status.textContent = ids.length
      ? `Found ${ids.length} passage${ids.length === 1 ? "" : "s"} on ${pages} page${pages === 1 ? "" : "s"}.`
      : "Your search did not match any passage. Check the spelling, or try fewer words.";
    // Said when a query's results are shown (make bench times a query with it).
    root.dispatchEvent(new CustomEvent("glossator-search-done", { detail: { query } }));
  };

  Search.query = (query) => {
    run(query).catch((error) => {
      Search.stopPulse();
      Search.status.textContent = `The search index could not be loaded (${error.message}). Rebuild the site (make html).`;
    });
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
