// Lectern as one file: the program, its style and its worker are inside this page (the
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
// The parsing worker starts from a blob: URL holding its script, this function and its own
// gzipped WebAssembly, and the modules it compiles when a file needs them, the encoding
// detector and TeX math (from `lecternDetect` and `lecternMath`: a worker from a blob: URL
// fetches nothing beside it); the app reads the address from here (src/browser/page.rs).
const carried = ['lectern-detect-wasm', 'lectern-math-wasm', 'lectern-worker-wasm'].map(
  (id) => `inflate('${inside(id).trim()}')`,
);
window.lecternWorker = URL.createObjectURL(
  new Blob(
    [
      inside('lectern-worker-js'),
      `\n${inflate}\n`,
      `Promise.all([${carried}]).then(([detect, math, wasm]) => {`,
      ` self.lecternDetect = detect; self.lecternMath = math; return wasm_bindgen({ module_or_path: wasm }); });\n`,
    ],
    { type: 'text/javascript' },
  ),
);
await __wbg_init({ module_or_path: await inflate(inside('lectern-wasm').trim()) });
