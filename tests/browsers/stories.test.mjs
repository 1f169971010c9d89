// The core of the end-to-end stories in the engines beside Chromium (where Playwright runs
// them all): open the hosted build, search, filter, read, bring files, reload; and the single
// file from disk. Over WebDriver, since Playwright's Firefox does not drive Debian's ESR and
// its WebKit is not Debian's:
//
// - Firefox (firefox-esr, geckodriver): the console is read over WebDriver BiDi, from before
//   the page loads; every test requires it free of errors.
// - WebKit (WebKitGTK's MiniBrowser and WebKitWebDriver, under Xvfb: it has no headless
//   mode): WebKitWebDriver reads no console, so errors are caught by a listener the test adds
//   as soon as each page has loaded (errors while it loads would show as a page that does
//   not work).
//
//   LECTERN_BROWSER=firefox|webkit node --test tests/browsers/   (run by `cargo xtask test`,
//   which installs the browsers and drivers and sets the variables below)
import { after, afterEach, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Builder, By, Capabilities, Key, until } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import LogInspector from 'selenium-webdriver/bidi/logInspector.js';

const BROWSER = process.env.LECTERN_BROWSER ?? 'firefox';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(here, '../../dist');
const PORT = 4191;
/// The first WebKitWebDriver server's port; one started again takes the next.
const WEBKIT_DRIVER_PORT = 4192;
const SITE = `http://127.0.0.1:${PORT}/`;
const SINGLE_FILE = pathToFileURL(join(dist, 'lectern.html')).href;
const NEWS = '人民日报：夯实脱贫群众就业增收基本盘';
/// A file in a legacy encoding: its title, once read right.
const GBK = resolve(here, '../../crates/articles/tests/fixtures/edge/gbk-encoded.md');
const GBK_TITLE = 'GBK 编码的文章';
const WAIT = 15_000;
/// How long a new WebKit session may take (well under a second when all is well).
const SESSION_WAIT = 20_000;

let server;
let webkitDriver;
let webkitDriverPort = WEBKIT_DRIVER_PORT - 1;
let driver;
let problems;

before(async () => {
  server = spawn(process.execPath, [resolve(here, '../e2e/serve.mjs'), dist, String(PORT)], { stdio: 'ignore' });
  await answering(SITE);
});

after(() => {
  server?.kill();
  stopWebkitDriver();
});

/// Waits until `url` answers.
async function answering(url) {
  for (let tries = 0; ; tries += 1) {
    try {
      await fetch(url);
      return;
    } catch (error) {
      if (tries > 100) throw error;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}

async function firefoxDriver() {
  const options = new firefox.Options()
    .setBinary(process.env.FIREFOX ?? '/usr/bin/firefox-esr')
    .addArguments('-headless')
    // Article images point at the internet, which the test machines cannot reach.
    .setPreference('network.proxy.type', 0)
    .setPreference('intl.accept_languages', 'en-US')
    .enableBidi();
  const service = new firefox.ServiceBuilder(process.env.GECKODRIVER ?? 'geckodriver');
  const started = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
  const logs = await LogInspector(started);
  await logs.onConsoleEntry((entry) => entry.level === 'error' && problems.push(`console: ${entry.text}`));
  await logs.onJavascriptException((entry) => problems.push(`exception: ${entry.text}`));
  return started;
}

/// A new MiniBrowser, through the run's WebKitWebDriver server. Now and then that server never
/// answers a request for a new session (3 runs of these stories in 55 on the test machine; one
/// such run held CI until its time ran out): then a new server is started and asked again.
async function webkit() {
  for (let attempt = 1; ; attempt += 1) {
    if (!webkitDriver) await startWebkitDriver();
    const session = new Builder()
      .usingServer(`http://127.0.0.1:${webkitDriverPort}`)
      .withCapabilities(
        new Capabilities({
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': { binary: process.env.WEBKIT ?? 'MiniBrowser', args: ['--automation'] },
        }),
      )
      .build();
    // A session given up on fails once its server is stopped; that failure is expected.
    session.catch(() => {});
    let timer;
    const late = new Promise((_, fail) => {
      timer = setTimeout(() => fail(new Error(`no WebKit session after ${SESSION_WAIT} ms`)), SESSION_WAIT);
    });
    try {
      return await Promise.race([session, late]);
    } catch (error) {
      stopWebkitDriver();
      if (attempt === 3) throw error;
      console.log(`${error.message}: WebKitWebDriver started again`);
    } finally {
      clearTimeout(timer);
    }
  }
}

async function startWebkitDriver() {
  webkitDriverPort += 1;
  webkitDriver = spawn(
    'xvfb-run',
    // xvfb-run's screen is 640×480 unless told: too small for the desktop window below.
    ['-a', '-s', '-screen 0 1600x1200x24', process.env.WEBKIT_DRIVER ?? 'WebKitWebDriver', `--port=${webkitDriverPort}`],
    { stdio: 'ignore', detached: true },
  );
  await answering(`http://127.0.0.1:${webkitDriverPort}/status`);
}

/// Stops xvfb-run's group: the X server, the driver and its browsers (unless already gone).
function stopWebkitDriver() {
  try {
    if (webkitDriver) process.kill(-webkitDriver.pid);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
  webkitDriver = undefined;
}

beforeEach(async () => {
  problems = [];
  driver = BROWSER === 'webkit' ? await webkit() : await firefoxDriver();
  // A desktop's window: the filter panel beside the list.
  await driver.manage().window().setRect({ width: 1280, height: 900 });
});

afterEach(async () => {
  await collectProblems();
  await driver.quit();
  assert.deepEqual(problems, [], 'the console has no errors');
});

/// Opens `url` (or loads the page again); in WebKit, then listens for errors on the page (see
/// the top of this file).
async function visit(url) {
  await collectProblems();
  await (url ? driver.get(url) : driver.navigate().refresh());
  if (BROWSER !== 'webkit') return;
  await driver.executeScript(() => {
    window.__lecternProblems = [];
    const error = console.error.bind(console);
    console.error = (...args) => {
      window.__lecternProblems.push(`console: ${args.join(' ')}`);
      error(...args);
    };
    addEventListener('error', (event) => window.__lecternProblems.push(`exception: ${event.message}`));
    addEventListener('unhandledrejection', (event) => window.__lecternProblems.push(`rejection: ${event.reason}`));
  });
}

/// The errors the WebKit listener caught on the page shown, before it goes.
async function collectProblems() {
  if (BROWSER !== 'webkit' || !driver) return;
  const caught = await driver.executeScript(() => window.__lecternProblems ?? []).catch(() => []);
  problems.push(...caught);
}

/// The text of what `css` finds first, found afresh (the app re-renders elements), or null.
async function textOf(css) {
  try {
    return await (await driver.findElement(By.css(css))).getText();
  } catch {
    return null;
  }
}

/// Waits until what `css` finds says `text` (or contains it).
async function waitForText(css, text, { contains = false } = {}) {
  let seen = null;
  const matches = async () => {
    seen = await textOf(css);
    return seen !== null && (contains ? seen.includes(text) : seen === text);
  };
  await driver.wait(matches, WAIT).catch(() => assert.fail(`${css} says ${JSON.stringify(seen)}, not ${JSON.stringify(text)}`));
}

/// Waits until the library's count says `text`.
const count = (text) => waitForText('main [role=status]', text);

async function search(text) {
  const box = await driver.findElement(By.css('input[type=search]'));
  // As a person does: WebDriver's clear() would fire no input event.
  await box.sendKeys(Key.CONTROL, 'a', Key.NULL, Key.BACK_SPACE);
  if (text) await box.sendKeys(text);
}

/// A link by its exact text; if none comes, what the page shows instead.
const link = (text) =>
  driver
    .wait(until.elementLocated(By.xpath(`//a[normalize-space()="${text}"]`)), WAIT)
    .catch(async () => assert.fail(`no link ${JSON.stringify(text)}; the page shows: ${await textOf('main')}`));

/// Files for "Open files", written to a temporary folder.
async function files(named) {
  const folder = await mkdtemp(join(tmpdir(), 'lectern-firefox-'));
  const paths = [];
  for (const [name, text] of Object.entries(named)) {
    await writeFile(join(folder, name), text);
    paths.push(join(folder, name));
  }
  return paths;
}

/// Clicks `element` once it is scrolled into view: the filter panel scrolls on its own, as a
/// reader scrolls it, and WebKitWebDriver (unlike geckodriver) does not scroll inner panels.
async function click(element) {
  await driver.executeScript((target) => target.scrollIntoView({ block: 'center' }), element);
  await element.click();
}

/// Chooses files in "Open files", one after another (WebKitWebDriver takes one per call).
async function open(paths) {
  for (const path of paths) {
    const input = await driver.findElement(By.css('input[type=file][multiple]:not([webkitdirectory])'));
    await input.sendKeys(path);
  }
}

test('hosted: the library opens, a search and a tag narrow it, an article reads', async () => {
  await visit(SITE);
  await count('12 articles');
  await search('脱贫');
  await count('1 article');
  await search('hexo');
  await count('5 articles');
  await search('');
  await count('12 articles');
  const english = () =>
    driver.findElement(By.xpath('//fieldset[legend="Tags"]//label[span[@class="facet-value"]="English"]'));
  await click(await english());
  await count('1 article');
  // The address is written after the render that shows the count.
  await driver
    .wait(async () => /tag=English/.test(await driver.getCurrentUrl()), WAIT)
    .catch(async () => assert.fail(`the address is ${await driver.getCurrentUrl()}, without tag=English`));
  await click(await english());
  await count('12 articles');
  await (await link(NEWS)).click();
  await waitForText('.reader-body', '拓展就地就近就业', { contains: true });
  assert.equal(await textOf('h1'), NEWS);
});

test('hosted: files brought in are parsed, found, read, and still there after a reload', async () => {
  await visit(SITE);
  await count('12 articles');
  await open(await files({ 'harbour.md': '---\ntitle: A quiet harbour\ntags: [travel]\n---\n\nBoats **asleep** at dusk.\n' }));
  await count('13 articles');
  await search('asleep');
  await count('1 article');
  await (await link('A quiet harbour')).click();
  await waitForText('.reader-body strong', 'asleep');
  await visit(null);
  await waitForText('.reader-body strong', 'asleep');
  await visit(SITE);
  await count('13 articles');
});

test('hosted: a file in GBK reads as Chinese (the worker fetches the encoding detector)', async () => {
  await visit(SITE);
  await count('12 articles');
  await open(await files({ 'gbk.md': await readFile(GBK) }));
  await count('13 articles');
  await (await link(GBK_TITLE)).click();
  await waitForText('h1', GBK_TITLE);
});

test('from disk: the single file reads files, searches and keeps them across a reload', async () => {
  await visit(SINGLE_FILE);
  await count('0 articles');
  await open(
    await files({ 'a.md': '# Alpha\n\nFirst note.\n', 'b.md': '# Beta\n\nSecond note, about tides.\n', 'gbk.md': await readFile(GBK) }),
  );
  await count('3 articles');
  await search('tides');
  await count('1 article');
  await (await link('Beta')).click();
  await waitForText('.reader-body', 'about tides', { contains: true });
  await visit(SINGLE_FILE);
  await count('3 articles');
  // Its encoding detector came inside the file.
  await (await link(GBK_TITLE)).click();
  await waitForText('h1', GBK_TITLE);
});
