// Runs inside the page (page.evaluate): measures the rendered newspaper page. Plain JavaScript in
// a string, so no build helper leaks into the browser.
(() => {
  const rect = (element) => {
    const box = element.getBoundingClientRect();
    return { left: box.left + scrollX, top: box.top + scrollY, right: box.right + scrollX, bottom: box.bottom + scrollY, width: box.width, height: box.height };
  };
  const page = document.querySelector(".newspaper-page");
  const grid = document.querySelector(".page-grid");
  const head = page.querySelector(".masthead, .running-head");
  const foot = page.querySelector(".page-foot");
  const style = getComputedStyle(page);
  const fontSize = parseFloat(style.fontSize);
  const pageRect = rect(page);
  const headRect = rect(head);
  const footRect = rect(foot);
  // The type area: inside the margins, between the head and the foot.
  const content = {
    left: pageRect.left + parseFloat(style.paddingLeft),
    right: pageRect.right - parseFloat(style.paddingRight),
    top: headRect.bottom,
    bottom: footRect.top,
  };
  const stories = [...grid.querySelectorAll(":scope > .story")].map((box) => {
    const boxRect = rect(box);
    // Everything the box holds, as drawn: the union of its descendants' boxes.
    let inkLeft = Infinity, inkTop = Infinity, inkRight = -Infinity, inkBottom = -Infinity;
    for (const element of box.querySelectorAll("*")) {
      for (const part of element.getClientRects()) {
        if (part.width === 0 && part.height === 0) continue;
        inkLeft = Math.min(inkLeft, part.left + scrollX);
        inkTop = Math.min(inkTop, part.top + scrollY);
        inkRight = Math.max(inkRight, part.right + scrollX);
        inkBottom = Math.max(inkBottom, part.bottom + scrollY);
      }
    }
    const headline = box.querySelector(".headline a");
    return {
      slug: box.dataset.slug,
      rect: boxRect,
      ink: { left: inkLeft, top: inkTop, right: inkRight, bottom: inkBottom },
      scrollOverflow: box.scrollWidth - box.clientWidth,
      rows: Number(box.dataset.rows),
      href: headline ? headline.href : null,
      visible: getComputedStyle(box).display !== "none",
    };
  });
  const frame = document.querySelector(".scan-frame");
  const zones = frame
    ? [...frame.querySelectorAll(".hot-zone")].map((zone) => ({
        slug: zone.dataset.slug,
        href: zone.href,
        rect: rect(zone),
        label: zone.textContent.trim(),
        focusable: zone.tabIndex >= 0,
      }))
    : [];
  return {
    viewport: innerWidth,
    documentWidth: document.documentElement.scrollWidth,
    fontSize,
    line: parseFloat(getComputedStyle(grid).gridAutoRows) || fontSize * 1.5,
    page: pageRect,
    content,
    grid: rect(grid),
    rows: Number(grid.dataset.rows),
    usedRows: Number(grid.dataset.usedRows),
    stories,
    frame: frame ? rect(frame) : null,
    zones,
  };
})()
