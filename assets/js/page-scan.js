// 版面图 zoom and pan, without a framework. Progressive enhancement: without this script the scan
// scrolls inside its frame and every hot zone is still a link. Sizes are set through the CSSOM
// (element.style), which a CSP without 'unsafe-inline' allows; the markup has no style attributes.
const STEPS = [1, 1.5, 2, 3, 4];

function enhance(section) {
  const viewport = section.querySelector(".scan-viewport");
  const frame = section.querySelector(".scan-frame");
  if (!viewport || !frame) return;
  let step = 0;

  const tools = document.createElement("div");
  tools.className = "scan-tools";
  tools.setAttribute("role", "group");
  tools.setAttribute("aria-label", "版面图缩放");
  const button = (label, text, action) => {
    const element = document.createElement("button");
    element.type = "button";
    element.textContent = text;
    element.setAttribute("aria-label", label);
    element.addEventListener("click", action);
    tools.append(element);
    return element;
  };
  const zoomIn = button("放大", "＋ 放大", () => zoomTo(step + 1));
  const zoomOut = button("缩小", "－ 缩小", () => zoomTo(step - 1));
  button("复原", "复原", () => zoomTo(0));
  viewport.before(tools);

  // Zooms keeping the point (x, y) of the viewport (its centre by default) where it is.
  function zoomTo(next, x = viewport.clientWidth / 2, y = viewport.clientHeight / 2) {
    next = Math.max(0, Math.min(STEPS.length - 1, next));
    if (next === step) return;
    const ratio = STEPS[next] / STEPS[step];
    const anchorX = (viewport.scrollLeft + x) * ratio - x;
    const anchorY = (viewport.scrollTop + y) * ratio - y;
    step = next;
    frame.style.width = `${STEPS[step] * 100}%`;
    viewport.scrollLeft = anchorX;
    viewport.scrollTop = anchorY;
    zoomIn.disabled = step === STEPS.length - 1;
    zoomOut.disabled = step === 0;
    section.classList.toggle("is-zoomed", step > 0);
  }
  zoomOut.disabled = true;

  viewport.addEventListener("wheel", (event) => {
    if (!event.ctrlKey && !event.metaKey) return;
    event.preventDefault();
    const box = viewport.getBoundingClientRect();
    zoomTo(step + (event.deltaY < 0 ? 1 : -1), event.clientX - box.left, event.clientY - box.top);
  }, { passive: false });

  viewport.addEventListener("keydown", (event) => {
    if (event.key === "+" || event.key === "=") zoomTo(step + 1);
    else if (event.key === "-") zoomTo(step - 1);
    else if (event.key === "0") zoomTo(0);
  });

  // Drag to pan with a mouse or pen (touch scrolls natively); a drag is not a click on a zone.
  let drag = null;
  let swallowClick = false;
  viewport.addEventListener("click", (event) => {
    if (!swallowClick) return;
    swallowClick = false;
    event.preventDefault();
    event.stopPropagation();
  }, { capture: true });
  viewport.addEventListener("pointerdown", (event) => {
    swallowClick = false;
    if (event.pointerType === "touch" || event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, left: viewport.scrollLeft, top: viewport.scrollTop, moved: false };
  });
  viewport.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 5) return;
    if (!drag.moved) {
      drag.moved = true;
      viewport.setPointerCapture(event.pointerId);
      viewport.classList.add("is-dragging");
    }
    viewport.scrollLeft = drag.left - dx;
    viewport.scrollTop = drag.top - dy;
  });
  const end = () => {
    // The click that ends a drag is not a click on a hot zone.
    swallowClick = Boolean(drag && drag.moved);
    drag = null;
    viewport.classList.remove("is-dragging");
  };
  // Links and images start a native drag-and-drop, which would cancel the pan.
  viewport.addEventListener("dragstart", (event) => event.preventDefault());
  viewport.addEventListener("pointerup", end);
  viewport.addEventListener("pointercancel", end);
}

for (const section of document.querySelectorAll(".page-scan")) enhance(section);
