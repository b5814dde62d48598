// The search index in the browser: one Pagefind bundle per week of the newest month, per older
// month of the newest year and per older year (src/search/bundles.ts). The newest bundle is Pagefind's primary index and the others are
// merged into it, sharing its WebAssembly. Pagefind orders merged results by score, so to list them
// newest first each bundle is asked for its own date-ordered results (every record carries a
// `bundle` filter) and the bundles are joined newest first; bundles outside a date range are skipped.

/** First and last day a bundle can hold: `2025`, `2026-10` or `2026-11-22` (a week: 22–28). */
function period(name) {
  if (name.length === 4) return [`${name}-01-01`, `${name}-12-31`];
  if (name.length === 7) return [`${name}-01`, `${name}-31`];
  const last = Number(name.slice(8)) + 6;
  return [name, last >= 29 ? `${name.slice(0, 8)}31` : `${name.slice(0, 8)}${String(last).padStart(2, "0")}`];
}

/**
 * @param {{ root: string, bundles: string[], options?: object }} setup  root: URL of pagefind/;
 *   bundles: names, newest first; options: Pagefind options (excerptLength …).
 */
export async function openSearchIndex({ root, bundles, options = {} }) {
  const [primary, ...others] = bundles;
  const module = await import(new URL(`${primary}/pagefind.js`, root).href);
  // Every bundle answers with the record's own site path behind one "/", whatever its folder:
  // the page resolves it against the site root, so the site works from any sub-path.
  const shared = { ...options, baseUrl: "/" };
  await module.options(shared);
  await module.init();
  for (const name of others) await module.mergeIndex(new URL(`${name}/`, root).href, shared);
  return {
    filters: () => module.filters(),
    /**
     * Results for one phrase, newest first.
     * @param {string} phrase
     * @param {{ filters?: object, from?: string, to?: string }} [query]  from/to: YYYY-MM-DD bounds
     *   (the caller still filters exact dates; these only skip whole bundles).
     */
    async search(phrase, { filters = {}, from = "", to = "" } = {}) {
      const wanted = bundles.filter((name) => {
        const [start, end] = period(name);
        return (!from || end >= from) && (!to || start <= to);
      });
      const answers = await Promise.all(wanted.map((name) => module.search(phrase, { filters: { ...filters, bundle: name }, sort: { date: "desc" } })));
      return answers.flatMap((answer) => answer?.results ?? []);
    },
  };
}
