// Lectern's service worker: after one visit, Lectern opens, lists and reads with the network
// off. Registered by the page (src/browser/offline.rs) as `sw.js?v=<build>`, so every build is a
// new worker, and its cache is that build's: an old cache is dropped when a new build takes
// over, so a cached parsing worker never answers a newer page.
//
// Network first, the cache behind it: online, every same-origin GET goes to the network as
// usual (the reader always gets the newest app and library) and the answer is kept; offline,
// the kept answer is served. Cross-origin requests (remote images) are not touched.
const BUILD = new URL(self.location).searchParams.get('v') ?? 'dev';
const CACHE = `lectern-${BUILD}`;

// What the first visit fetched before this worker ran is fetched again and kept: the page, the
// files it names (script, wasm, style, icons), the parsing worker's files (which carry the
// build in their query, as the page asks for them) and the hosted catalog with its shards.
self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const keep = (url) => cache.add(url).catch(() => {});
      const page = await fetch('./');
      const html = await page.clone().text();
      await cache.put('./', page);
      const named = html.match(/\.\/[\w.-]+\.(?:js|wasm|css|svg|webmanifest)/g) ?? [];
      const worker = ['worker-loader.js', 'lectern-worker.js', 'lectern-worker_bg.wasm'].map((f) => `./${f}?v=${BUILD}`);
      await Promise.all([...new Set(named), ...worker].map(keep));
      const catalog = await fetch('./articles/index.json').catch(() => null);
      if (catalog?.ok) {
        const { shards = [], search = [] } = await catalog.clone().json();
        await cache.put('./articles/index.json', catalog);
        await Promise.all([...shards, ...search].map((path) => keep(`./articles/${path}`)));
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        const response = await fetch(request);
        if (response.ok) await cache.put(request, response.clone());
        return response;
      } catch (offline) {
        // A page opened at another address (a hash route, a query) is the same page.
        const kept = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
        if (kept) return kept;
        throw offline;
      }
    })(),
  );
});
