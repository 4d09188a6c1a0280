/* Search ranking for the reader (Sphinx's html_search_scorer).
   Measured with tools/search_eval.py on twelve student queries: with Sphinx's default
   scorer the glossary's many term objects (every alias is one) crowd out the articles
   (top-1 1/12, MRR 0.31). Students search to find where a name is discussed, so article
   pages rank first, then the teaching pages, then the glossary; contributor pages last. */
var Scorer = {
  score: (result) => {
    const [docname, title, anchor, descr, score, filename, kind] = result;
    if (docname.startsWith("articles/")) return score + 40;
    if (docname.startsWith("claims/") || docname.startsWith("assignments/") || docname === "timeline") return score + 10;
    if (docname === "glossary") return score - 10;
    if (docname.startsWith("contributing/") || docname === "bibliography") return score - 20;
    return score;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
