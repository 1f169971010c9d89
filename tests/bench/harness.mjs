// What the browser benchmarks share: a static server for a folder on loopback, and headless
// Chromium. `withBrowser(dir, port, run)` serves `dir`, launches the browser, calls
// `run(browser, origin)` and tears both down, whatever happens.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVE = resolve(dirname(fileURLToPath(import.meta.url)), '../e2e/serve.mjs');

export async function withBrowser(dir, port, run) {
  const server = spawn('node', [SERVE, dir, String(port)], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    await run(browser, `http://127.0.0.1:${port}`);
  } finally {
    await browser.close();
    server.kill();
  }
}
