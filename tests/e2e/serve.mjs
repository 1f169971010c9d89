// A static file server for the release build, on loopback only, used by the end-to-end tests.
//
//   node serve.mjs <dir> <port> [base] [--mount <url-prefix>=<dir>]... [--cors] [--gzip] [--h2]
//
// With a base (e.g. /lectern/) the build is served only under it, as GitHub Pages serves a
// project site. A mount serves another folder under a URL prefix (a generated library).
// --cors lets pages of other origins read the files (a library opened with ?library=).
// --gzip compresses responses (level 9) for browsers that accept it, as static hosts do: the
// benchmarks time downloads on throttled links with it.
// --h2 serves HTTP/2 (and HTTP/1.1) over TLS, with a certificate for 127.0.0.1 made for the run,
// as static hosts and CDNs serve: a browser fetches many files of one origin at once over one
// connection, not six at a time. Browsers speak HTTP/2 only over TLS, so the browser must be
// told to accept the certificate. Without `openssl` to make one, it serves HTTP/1.1 and says so.
// The first line printed names the origin served.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createSecureServer } from 'node:http2';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const flags = args.filter((a, i) => a.startsWith('--') || args[i - 1] === '--mount');
const [root = 'dist', port = '4173', base = '/'] = args.filter((a) => !flags.includes(a));
const cors = args.includes('--cors');
const gzip = args.includes('--gzip');
const h2 = args.includes('--h2');
const mounts = args
  .map((a, i) => (args[i - 1] === '--mount' ? a.split('=') : null))
  .filter(Boolean)
  .map(([prefix, dir]) => [prefix, resolve(dir)]);
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.markdown': 'text/markdown; charset=utf-8',
};

/// The file for a URL path, or null when it is outside what is served.
function locate(path) {
  for (const [prefix, dir] of mounts) {
    if (path.startsWith(prefix)) return within(dir, path.slice(prefix.length));
  }
  return path.startsWith(base) ? within(resolve(root), path.slice(base.length)) : null;
}

function within(dir, relative) {
  const file = normalize(join(dir, relative));
  return file.startsWith(dir) ? file : null;
}

/// Files compressed once, as a host serves them precompressed: compressing per request would
/// time the server, not the page.
const gzipped = new Map();
function compressed(file, body) {
  const known = gzipped.get(file);
  if (known?.source.equals(body)) return known.body;
  const entry = { source: body, body: gzipSync(body, { level: 9 }) };
  gzipped.set(file, entry);
  return entry.body;
}

async function serve(request, response) {
  const headers = cors ? { 'access-control-allow-origin': '*' } : {};
  let file = locate(decodeURIComponent(new URL(request.url, 'http://localhost').pathname));
  try {
    if (!file) throw new Error('outside');
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    let body = await readFile(file);
    if (gzip && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
      body = compressed(file, body);
      headers['content-encoding'] = 'gzip';
    }
    response.writeHead(200, { ...headers, 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    response.end(body);
  } catch {
    response.writeHead(404, headers).end('not found');
  }
}

/// A self-signed certificate for 127.0.0.1, valid for a day; null without `openssl`.
function certificate() {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-serve-'));
  try {
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } catch {
    console.error('serve: no openssl to make a certificate with: serving HTTP/1.1');
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tls = h2 ? certificate() : null;
const server = tls ? createSecureServer({ ...tls, allowHTTP1: true }, serve) : createServer(serve);
server.listen(Number(port), '127.0.0.1', () => {
  console.log(`serving ${resolve(root)} at ${tls ? 'https' : 'http'}://127.0.0.1:${port}${base}`);
});
