// Starts one of Lectern's worker programs (src/browser/worker.rs): the parsing worker
// (`lectern-worker`), or the one the address's fragment names (`#lectern-archiver`,
// `#lectern-publisher`: a fragment, so every program's loader is one file to cache). The page
// names its own build in the query (`?v=…`); it is passed on to the program's files, so a
// browser never pairs a worker cached from an older build with a newer page.
//
// A page that goes (a reload) while the worker still downloads its files aborts the download:
// no one's error, and said to no one (Firefox throws NS_BINDING_ABORTED, from `importScripts`
// too; others an AbortError). Any other failure is this worker's error, which the page hears
// of: it says the worker could not start and reads on without it.
const build = self.location.search;
const PROGRAMS = ['lectern-worker', 'lectern-archiver', 'lectern-publisher'];
const named = self.location.hash.slice(1);
const program = PROGRAMS.includes(named) ? named : PROGRAMS[0];
const aborted = (error) => /abort/i.test(`${error?.name} ${error?.message} ${error}`);

function start() {
  try {
    importScripts(`./${program}.js${build}`);
  } catch (error) {
    if (aborted(error)) return;
    throw error;
  }
  wasm_bindgen(`./${program}_bg.wasm${build}`).catch((error) => {
    if (aborted(error)) return;
    // Thrown from a timer: a rejection would stay inside the worker, and the page would wait
    // for a worker that never answers.
    setTimeout(() => {
      throw error;
    });
  });
}

start();
