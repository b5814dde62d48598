// Broadsheet service worker: editions a reader saved ("保存本期") stay readable offline.
// It never serves a saved edition as today's: `/`, the archive and everything undated go to the
// network; offline they get a page that lists the saved editions by date.
const EDITION_CACHE = /^broadsheet-edition-(\d{4}-\d{2}-\d{2})$/;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function sitePathOf(url) {
  const scope = new URL(self.registration.scope);
  return url.pathname.startsWith(scope.pathname) ? url.pathname.slice(scope.pathname.length) : undefined;
}

async function savedEditions() {
  const names = await caches.keys();
  return names.map((name) => EDITION_CACHE.exec(name)?.[1]).filter(Boolean).sort().reverse();
}

function escapeText(text) {
  return text.replace(/[&<>"]/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[char]);
}

async function offlinePage() {
  const scope = self.registration.scope;
  const dates = await savedEditions();
  const items = dates.map((date) => `<li><a href="${escapeText(new URL(`${date}/`, scope).href)}">${escapeText(date)}</a></li>`).join("");
  const body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>离线</title></head><body><main><h1>您现在处于离线状态</h1><p>无法获取最新一期。以下是您保存在本机的往期报纸，并非今日报纸：</p>${items ? `<ul>${items}</ul>` : "<p>尚未保存任何一期。</p>"}</main></body></html>`;
  return new Response(body, { status: 503, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

async function fromSaved(request) {
  const match = await caches.match(request, { ignoreSearch: true });
  if (match) return match;
  return request.mode === "navigate" ? offlinePage() : Response.error();
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const sitePath = sitePathOf(url);
  if (sitePath === undefined) return;

  // Content-hashed assets never change: a saved copy is as good as the network's.
  if (/^assets\/[^/]+\.[0-9a-f]{10}\.[a-z]+$/.test(sitePath)) {
    event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
    return;
  }
  // A dated edition (its pages, articles, images, edition.json): the network first, the saved copy offline.
  if (/^\d{4}-\d{2}-\d{2}\//.test(sitePath)) {
    event.respondWith(fetch(request).catch(() => fromSaved(request)));
    return;
  }
  // Today's paper, the archive, search: only ever from the network.
  if (request.mode === "navigate") event.respondWith(fetch(request).catch(() => offlinePage()));
});

