// A static file server for the release build, on loopback only, used by the end-to-end tests.
// Usage: node serve.mjs <dir> <port> [sub-path]. With a sub-path (e.g. /repo/), the build is
// served only under it, as GitHub Pages serves a project site.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const [root = 'dist', port = '4173', base = '/'] = process.argv.slice(2);
const rootDir = resolve(root);
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.markdown': 'text/markdown; charset=utf-8',
};

createServer(async (request, response) => {
  const url = new URL(request.url, 'http://localhost');
  let path = decodeURIComponent(url.pathname);
  if (!path.startsWith(base)) {
    response.writeHead(404).end('not found');
    return;
  }
  path = normalize(join(rootDir, path.slice(base.length)));
  if (!path.startsWith(rootDir)) {
    response.writeHead(403).end('forbidden');
    return;
  }
  try {
    if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
    const body = await readFile(path);
    response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
    response.end(body);
  } catch {
    response.writeHead(404).end('not found');
  }
}).listen(Number(port), '127.0.0.1', () => {
  console.log(`serving ${rootDir} at http://127.0.0.1:${port}${base}`);
});
