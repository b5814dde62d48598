// ← / →: the previous and next page (or article), following the page's own rel=prev / rel=next
// links, so the keys go exactly where the visible links go. Ignored while typing or with modifiers.
document.addEventListener("keydown", (event) => {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
  const target = event.target;
  if (target instanceof HTMLElement && (target.isContentEditable || target.closest("input, textarea, select"))) return;
  const rel = event.key === "ArrowLeft" ? "prev" : "next";
  const link = document.querySelector(`nav a[rel="${rel}"]`);
  if (link instanceof HTMLAnchorElement) {
    event.preventDefault();
    link.click();
  }
});
