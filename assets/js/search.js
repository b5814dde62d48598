// 站内检索: runs Pagefind in the browser over the index written at build time. Progressive
// enhancement of a plain GET form: the query lives in the URL, so a search is a link.
const form = document.querySelector("form[data-search]");
const status = document.querySelector(".search-status");
const list = document.querySelector(".search-results");
const PAGE_SIZE = 20;

if (form && status && list) {
  const base = document.baseURI;
  const root = new URL(form.dataset.root ?? "./", base);
  const segmentation = import(new URL(form.dataset.segment, base).href);
  let index;
  const loadIndex = () =>
    (index ??= import(new URL(form.dataset.engine, base).href).then((engine) =>
      engine.openSearchIndex({ root: new URL(form.dataset.index, base).href, bundles: form.dataset.bundles.split(" "), options: { excerptLength: 36 } }),
    ));

  const field = (name) => form.elements.namedItem(name);

  function readForm() {
    const data = new FormData(form);
    return Object.fromEntries(["q", "from", "to", "section", "page", "byline"].map((name) => [name, String(data.get(name) ?? "").trim()]));
  }

  function fillForm(params) {
    for (const [name, value] of params) if (field(name) && "value" in field(name)) field(name).value = value;
  }

  /** Pagefind's excerpt, keeping only text and <mark>, with the index's word breaks removed. */
  function snippet(excerpt, unsegment) {
    const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, "text/html").body.firstChild;
    const out = document.createElement("p");
    out.className = "search-snippet";
    for (const node of parsed.childNodes) {
      const text = unsegment(node.textContent ?? "");
      if (node.nodeName === "MARK") {
        // Adjacent marks (one per character) become one highlighted run; spaces stay outside it.
        const word = text.trimEnd();
        const previous = out.lastChild;
        if (previous && previous.nodeName === "MARK") previous.textContent += word;
        else out.append(Object.assign(document.createElement("mark"), { textContent: word }));
        if (word !== text) out.append(text.slice(word.length));
      } else {
        out.append(text);
      }
    }
    return out;
  }

  function resultItem(data, unsegment) {
    const item = document.createElement("li");
    const article = document.createElement("article");
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.href = new URL(String(data.url).replace(/^\//, ""), root).href;
    link.textContent = data.meta.title;
    heading.append(link);
    const meta = document.createElement("p");
    meta.className = "search-meta";
    const time = document.createElement("time");
    time.dateTime = data.meta.date;
    time.textContent = data.meta.dateText;
    meta.append(time, ` · ${data.meta.page}`, data.meta.byline ? ` · ${data.meta.byline}` : "");
    article.append(heading, meta, snippet(data.excerpt, unsegment));
    item.append(article);
    return item;
  }

  async function filtersFor(params, module) {
    const filters = {};
    if (params.section) filters.section = params.section;
    if (params.page) filters.page = params.page;
    if (params.byline) filters.byline = params.byline;
    if (params.from || params.to) {
      const dates = Object.keys((await module.filters()).date ?? {});
      const inRange = dates.filter((date) => (!params.from || date >= params.from) && (!params.to || date <= params.to));
      filters.date = { any: inRange.length ? inRange : ["0000-00-00"] };
    }
    return filters;
  }

  let shown = [];
  let generation = 0;

  async function showMore(unsegment) {
    const next = shown.splice(0, PAGE_SIZE);
    const data = await Promise.all(next.map((result) => result.data()));
    for (const entry of data) list.append(resultItem(entry, unsegment));
    document.querySelector(".search-more")?.remove();
    if (shown.length) {
      const more = document.createElement("button");
      more.type = "button";
      more.className = "search-more";
      more.textContent = `显示更多（还有 ${shown.length} 条）`;
      more.addEventListener("click", () => showMore(unsegment));
      list.after(more);
    }
  }

  async function run() {
    const params = readForm();
    const current = ++generation;
    list.replaceChildren();
    document.querySelector(".search-more")?.remove();
    if (!params.q) {
      status.textContent = "";
      return;
    }
    status.textContent = "正在检索……";
    const [{ queryPhrases, unsegmentText }, searchIndex] = await Promise.all([segmentation, loadIndex()]);
    const filters = await filtersFor(params, searchIndex);
    // Every term must match: one exact-phrase search per term, results kept in date order of the first.
    const searches = await Promise.all(queryPhrases(params.q).map((phrase) => searchIndex.search(phrase, { filters, from: params.from, to: params.to })));
    if (current !== generation) return;
    const [first, ...others] = searches;
    const allowed = others.map((results) => new Set(results.map((result) => result.id)));
    shown = (first ?? []).filter((result) => allowed.every((ids) => ids.has(result.id)));
    status.textContent = shown.length ? `共找到 ${shown.length} 篇文章，按日期从新到旧排列` : "没有找到相关文章";
    await showMore(unsegmentText);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = new URLSearchParams(Object.entries(readForm()).filter(([, value]) => value));
    history.replaceState(null, "", `?${params}`);
    run().catch((error) => {
      status.textContent = "检索暂时不可用，请稍后再试。";
      console.error(error);
    });
  });

  const initial = new URLSearchParams(location.search);
  if (initial.get("q")) {
    fillForm(initial);
    run().catch((error) => {
      status.textContent = "检索暂时不可用，请稍后再试。";
      console.error(error);
    });
  }
}
