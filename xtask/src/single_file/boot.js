// Lectern as one file: the program, its style and its workers are inside this page (the
// WebAssembly gzipped, in base64), so it runs where nothing can be fetched, as from disk.
async function inflate(base64) {
  const bytes = Uint8Array.fromBase64
    ? Uint8Array.fromBase64(base64)
    : Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  // From the bytes, not a Blob: WebKit refuses to read a Blob's stream in a worker of a page
  // opened from disk (NotReadableError).
  const stream = new Response(bytes).body.pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}
const inside = (id) => document.getElementById(id).textContent;
// A worker starts from a blob: URL holding its script, `inflate` and its own gzipped
// WebAssembly, and (a worker from a blob: URL fetches nothing beside it) the modules it compiles
// when a file needs them, in the globals it looks for them in; the app reads the addresses from
// here (src/browser/worker.rs).
function carried(script, wasm, modules = {}) {
  const globals = Object.keys(modules);
  const bytes = [...Object.values(modules), wasm].map((id) => `inflate('${inside(id).trim()}')`);
  const code = [
    inside(script),
    `\n${inflate}\n`,
    `Promise.all([${bytes}]).then((all) => {`,
    ...globals.map((global, n) => ` self.${global} = all[${n}];`),
    ` return wasm_bindgen({ module_or_path: all[${globals.length}] }); });\n`,
  ];
  return URL.createObjectURL(new Blob(code, { type: 'text/javascript' }));
}
// The parsing worker, with the encoding detector, TeX math and TOML; the archiver (`.zip`
// archives).
window.lecternWorker = carried('lectern-worker-js', 'lectern-worker-wasm', {
  lecternDetect: 'lectern-detect-wasm',
  lecternMath: 'lectern-math-wasm',
  lecternToml: 'lectern-toml-wasm',
});
window.lecternArchiver = carried('lectern-archiver-js', 'lectern-archiver-wasm');
await __wbg_init({ module_or_path: await inflate(inside('lectern-wasm').trim()) });
