// Starts Lectern's parsing worker (the `lectern-worker` program; see src/browser/parser.rs).
// The page names its own build in the query (`?v=…`); it is passed on to the worker's files, so
// a browser never pairs a worker cached from an older build with a newer page.
const build = self.location.search;
importScripts(`./lectern-worker.js${build}`);
wasm_bindgen(`./lectern-worker_bg.wasm${build}`);
