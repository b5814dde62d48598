// 保存本期: stores one edition (its pages, articles, images, API file and this page's assets) in
// Cache Storage for offline reading, and registers the service worker (sw.js at the site root)
// that serves them when the network is gone. Without this script, or without service workers,
// the button stays hidden and the site works as before.
const button = document.querySelector("button[data-save-edition]");
const status = document.querySelector(".save-edition-status");
const CACHE_PREFIX = "broadsheet-edition-";

if (button && status && "serviceWorker" in navigator && "caches" in window && window.isSecureContext) {
  const base = document.baseURI;
  const root = new URL(button.dataset.root ?? "./", base);
  const cacheName = `${CACHE_PREFIX}${button.dataset.date}`;
  const show = (text) => (status.textContent = text);

  navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname }).catch(() => undefined);

  async function editionUrls() {
    const apiUrl = new URL(button.dataset.api, base);
    const response = await fetch(apiUrl);
    if (!response.ok) throw new Error(`${apiUrl}: ${response.status}`);
    const edition = await response.json();
    const paths = [edition.path];
    for (const page of edition.pages) {
      paths.push(page.path);
      if (page.scan) paths.push(page.scan.path);
      for (const story of page.stories) {
        paths.push(story.path);
        for (const image of story.images) for (const size of image.sizes) paths.push(size.path);
      }
    }
    const assets = [...document.querySelectorAll('link[rel="stylesheet"], script[src]')].map((element) => element.href || element.src);
    return [...new Set([apiUrl.href, ...paths.map((path) => new URL(path, root).href), ...assets])];
  }

  async function refresh() {
    const saved = await caches.has(cacheName);
    button.textContent = saved ? "删除已保存的本期" : "保存本期，离线阅读";
    button.dataset.saved = saved ? "true" : "false";
  }

  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      if (button.dataset.saved === "true") {
        await caches.delete(cacheName);
        show("已删除本期的离线副本。");
      } else {
        show("正在保存……");
        const urls = await editionUrls();
        const cache = await caches.open(cacheName);
        await cache.addAll(urls);
        show(`已保存 ${urls.length} 个文件，没有网络时也可以阅读本期。`);
      }
    } catch (error) {
      await caches.delete(cacheName);
      show("保存失败，请稍后再试。");
      console.error(error);
    } finally {
      button.disabled = false;
      await refresh();
    }
  });

  button.hidden = false;
  refresh();
}
