// End-to-end tests: the release build in dist/, served on loopback, driven in Debian's Chromium.
import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const port = 4173;
const serve = resolve(here, 'serve.mjs');
const dist = resolve(here, '../../dist');
const library = process.env.LECTERN_E2E_LIBRARY;
const corpus = process.env.LECTERN_E2E_CORPUS;
const large = process.env.LECTERN_E2E_LARGE;
// What the sub-path server serves beside the build, each only when `cargo xtask test` wrote it.
const mounts = [
  ...(library ? [`--mount /lectern/articles/=${library}`] : []),
  ...(corpus ? [`--mount /lectern/corpus/=${corpus}`] : []),
  ...(large ? [`--mount /lectern/large/=${large}`] : []),
];
export const SUBPATH_PORT = 4180;

export default defineConfig({
  testDir: here,
  outputDir: resolve(here, 'test-results'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    locale: 'en-US',
    timezoneId: 'Asia/Shanghai',
    // A service worker answers requests before page.route() sees them; only the offline tests,
    // which are about it, let it run.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: `node ${serve} ${dist} ${port}`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 10_000,
    },
    // The same build under a sub-path, with a generated library and a real blog (written by
    // `cargo xtask test`), readable from other origins: a GitHub Pages project site, and a
    // ?library= host.
    ...(mounts.length
      ? [
          {
            command: `node ${serve} ${dist} ${SUBPATH_PORT} /lectern/ ${mounts.join(' ')} --cors`,
            url: `http://127.0.0.1:${SUBPATH_PORT}/lectern/`,
            reuseExistingServer: false,
            timeout: 10_000,
          },
        ]
      : []),
  ],
});
