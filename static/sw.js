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
// build in their query, as the page asks for them) and the hosted catalog with its shards; and,
// for a library small enough ([FILES_KEPT] files), its search index, connection shards and the
// cards' pictures, so a search never tried before, an article's backlinks and the list as it
// looked work offline too (a picture the first visit asked for before this worker ran would
// otherwise fail offline). (A larger library's
// are kept as they are fetched: what was searched and read before works offline.)
const FILES_KEPT = 256;

/** The search index's and connection shards' files a catalog names (`src/browser/fetch.rs`,
 *  `articles::search::hosted`, `articles::connections`), relative to the catalog. */
function libraryFiles(catalog) {
  const files = [];
  const index = catalog.search_index;
  if (index) {
    const at = (name, n) => `${index.dir}search/${name}-${String(n).padStart(4, '0')}.bin`;
    index.terms.forEach((_, n) => files.push(at('terms', n)));
    for (let n = 0; n < index.postings; n += 1) files.push(at('postings', n));
    for (let n = 0; n < (index.skips ?? 0); n += 1) files.push(at('skips', n));
    for (let n = 0; n < index.positions; n += 1) files.push(at('positions', n));
  }
  const build = catalog.build || 'index/';
  for (let n = 0; n < (catalog.connections ?? 0); n += 1) files.push(`${build}connections/${n}.json`);
  // The cards' own pictures (relative to the catalog; another site's are not this worker's).
  for (const article of catalog.articles ?? []) {
    if (article.cover && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(article.cover)) files.push(article.cover);
  }
  return files.length <= FILES_KEPT ? files : [];
}
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
        const named = await catalog.clone().json();
        await cache.put('./articles/index.json', catalog);
        const files = [...(named.shards ?? []), ...libraryFiles(named)];
        await Promise.all(files.map((path) => keep(`./articles/${path}`)));
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
