// The core of the end-to-end stories in Firefox (Debian's firefox-esr, driven over WebDriver
// BiDi by geckodriver: Playwright's Firefox does not drive the ESR): open the hosted build,
// search, filter, read, bring files, reload; and the single file from disk. As in Chromium,
// every test also requires a console free of errors.
//
//   node --test tests/firefox/   (run by `cargo xtask test`, which installs Firefox and
//   geckodriver and sets FIREFOX and GECKODRIVER)
import { after, afterEach, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Builder, By, Key, until } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import LogInspector from 'selenium-webdriver/bidi/logInspector.js';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(here, '../../dist');
const PORT = 4191;
const SITE = `http://127.0.0.1:${PORT}/`;
const SINGLE_FILE = pathToFileURL(join(dist, 'lectern.html')).href;
const NEWS = '人民日报：夯实脱贫群众就业增收基本盘';
const WAIT = 15_000;

let server;
let driver;
let problems;

before(async () => {
  server = spawn(process.execPath, [resolve(here, '../e2e/serve.mjs'), dist, String(PORT)], { stdio: 'ignore' });
  for (let tries = 0; ; tries += 1) {
    try {
      if ((await fetch(SITE)).ok) break;
    } catch (error) {
      if (tries > 100) throw error;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
});

after(() => server?.kill());

beforeEach(async () => {
  const options = new firefox.Options()
    .setBinary(process.env.FIREFOX ?? '/usr/bin/firefox-esr')
    .addArguments('-headless')
    // Article images point at the internet, which the test machines cannot reach.
    .setPreference('network.proxy.type', 0)
    .setPreference('intl.accept_languages', 'en-US')
    .enableBidi();
  const service = new firefox.ServiceBuilder(process.env.GECKODRIVER ?? 'geckodriver');
  driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
  problems = [];
  const logs = await LogInspector(driver);
  await logs.onConsoleEntry((entry) => entry.level === 'error' && problems.push(`console: ${entry.text}`));
  await logs.onJavascriptException((entry) => problems.push(`exception: ${entry.text}`));
});

afterEach(async () => {
  await driver.quit();
  assert.deepEqual(problems, [], 'the console has no errors');
});

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

/// A link by its exact text.
const link = (text) => driver.wait(until.elementLocated(By.xpath(`//a[normalize-space()="${text}"]`)), WAIT);

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

async function open(paths) {
  const input = await driver.findElement(By.css('input[type=file][multiple]:not([webkitdirectory])'));
  await input.sendKeys(paths.join('\n'));
}

test('hosted: the library opens, a search and a tag narrow it, an article reads', async () => {
  await driver.get(SITE);
  await count('12 articles');
  await search('脱贫');
  await count('1 article');
  await search('hexo');
  await count('5 articles');
  await search('');
  await count('12 articles');
  const english = () =>
    driver.findElement(By.xpath('//fieldset[legend="Tags"]//label[span[@class="facet-value"]="English"]'));
  await (await english()).click();
  await count('1 article');
  assert.match(await driver.getCurrentUrl(), /tag=English/);
  await (await english()).click();
  await count('12 articles');
  await (await link(NEWS)).click();
  await waitForText('.reader-body', '拓展就地就近就业', { contains: true });
  assert.equal(await textOf('h1'), NEWS);
});

test('hosted: files brought in are parsed, found, read, and still there after a reload', async () => {
  await driver.get(SITE);
  await count('12 articles');
  await open(await files({ 'harbour.md': '---\ntitle: A quiet harbour\ntags: [travel]\n---\n\nBoats **asleep** at dusk.\n' }));
  await count('13 articles');
  await search('asleep');
  await count('1 article');
  await (await link('A quiet harbour')).click();
  await waitForText('.reader-body strong', 'asleep');
  await driver.navigate().refresh();
  await waitForText('.reader-body strong', 'asleep');
  await driver.get(SITE);
  await count('13 articles');
});

test('from disk: the single file reads files, searches and keeps them across a reload', async () => {
  await driver.get(SINGLE_FILE);
  await count('0 articles');
  await open(await files({ 'a.md': '# Alpha\n\nFirst note.\n', 'b.md': '# Beta\n\nSecond note, about tides.\n' }));
  await count('2 articles');
  await search('tides');
  await count('1 article');
  await (await link('Beta')).click();
  await waitForText('.reader-body', 'about tides', { contains: true });
  await driver.get(SINGLE_FILE);
  await count('2 articles');
});
