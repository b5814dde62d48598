// Live preview client: served by `npm start` only, never part of the built site.
// Reloads the page when a saved change has been rebuilt; shows content errors over the page.
(() => {
  const source = new EventSource("/__preview/events");
  let overlay;

  function show(problems) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.className = "broadsheet-preview-overlay";
      overlay.setAttribute("role", "alertdialog");
      overlay.setAttribute("aria-label", "内容错误 Content error");
      document.body.append(overlay);
    }
    overlay.replaceChildren();
    const heading = document.createElement("h2");
    heading.textContent = `内容错误 · ${problems.length} content error${problems.length === 1 ? "" : "s"} — the preview shows the last good version`;
    const list = document.createElement("ol");
    for (const problem of problems) {
      const item = document.createElement("li");
      const where = document.createElement("code");
      where.textContent = [problem.file, problem.line, problem.column].filter((part) => part !== undefined && part !== null).join(":");
      item.append(where, document.createTextNode(` ${problem.field ? `${problem.field}: ` : ""}${problem.message}`));
      list.append(item);
    }
    const hint = document.createElement("p");
    hint.textContent = "Fix the file and save: this page reloads by itself.";
    overlay.append(heading, list, hint);
  }

  function hide() {
    overlay?.remove();
    overlay = undefined;
  }

  // Tells tests (and the curious) that the page listens for rebuilds.
  source.addEventListener("open", () => (document.documentElement.dataset.preview = "connected"));
  source.addEventListener("state", (event) => {
    const { problems } = JSON.parse(event.data);
    if (problems.length) show(problems);
    else hide();
  });
  source.addEventListener("reload", () => location.reload());
})();
