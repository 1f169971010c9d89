// Starts Lectern's parsing worker (the `lectern-worker` program; see src/browser/parser.rs).
// The page names its own build in the query (`?v=…`); it is passed on to the worker's files, so
// a browser never pairs a worker cached from an older build with a newer page.
const build = self.location.search;
importScripts(`./lectern-worker.js${build}`);
wasm_bindgen(`./lectern-worker_bg.wasm${build}`).catch((error) => {
  // Not left as an unhandled rejection: a page that goes (a reload while the program is still
  // downloading) aborts the download, and that is no error of the page's. Where the page
  // stays (its host lacks the file), it hears of it as this worker's error, says the worker
  // could not start and reads on without it, rather than waiting for a worker that never
  // answers.
  setTimeout(() => {
    throw error;
  });
});
