// The Pagefind benchmark's page (see pagefind.mjs), served as /bench.js by /bench.html.
//
// Pagefind searches the index of its page's language (`<html lang>`), with that language's
// stemmer and word segmentation. To search several languages the page opens one frame per
// language, each a page in that language with its own Pagefind: instances of different languages
// in one page share wasm-bindgen's module state and corrupt each other (Pagefind 1.6 fails with
// "unreachable" or "memory access out of bounds"), and `mergeIndex` searches every index with the
// first language's stemmer.
//
//   openFrames(languages)  the top page: one frame per language, loaded (untimed, before counting)
//   loadPagefind(noWorker) imports Pagefind in every frame, as a site's search page does on focus;
//                          with noWorker, Pagefind searches on the frame's thread instead of in its
//                          web worker (throttling does not reach a worker's fetches, see pagefind.mjs)
//   searchAll(q)           every frame searches q; resolves with the milliseconds from just before
//                          the searches (Pagefind initialises lazily, so its entry file, wasm and
//                          language metadata are timed) to every result's data loaded, and the URLs
const lang = new URLSearchParams(location.search).get('lang');
if (lang) document.documentElement.lang = lang;

let pagefind;
// In a frame: this page's language only.
window.loadHere = async (noWorker) => {
  pagefind = await import('/pagefind/pagefind.js');
  if (noWorker) await pagefind.options({ noWorker: true });
};
window.searchHere = async (q) => {
  const search = await pagefind.search(q);
  const data = await Promise.all(search.results.map((result) => result.data()));
  return data.map((d) => d.url);
};

// In the top page: every language, through the frames.
let frames = [];
window.openFrames = async (languages) => {
  frames = await Promise.all(
    languages.map(
      (language) =>
        new Promise((loaded) => {
          const frame = document.createElement('iframe');
          frame.src = `/bench.html?lang=${encodeURIComponent(language)}`;
          frame.addEventListener('load', () => loaded(frame));
          document.body.append(frame);
        }),
    ),
  );
};
window.loadPagefind = (noWorker) => Promise.all(frames.map((frame) => frame.contentWindow.loadHere(noWorker)));
window.searchAll = async (q) => {
  const start = performance.now();
  const urls = await Promise.all(frames.map((frame) => frame.contentWindow.searchHere(q)));
  return { ms: performance.now() - start, urls: urls.flat() };
};
