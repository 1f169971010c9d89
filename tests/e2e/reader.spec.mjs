// A reader opens the reference article, a Chinese news repost, and reads it as its author meant.
import { test, expect } from './fixtures.mjs';

const TITLE = '人民日报：夯实脱贫群众就业增收基本盘';
const LINK = '#/read/news/000_6ceb1ec26c302d42';

test('the reference article reads as meant', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('link', { name: TITLE }).click();
  await expect(page).toHaveURL(new RegExp(`${LINK}$`));
  const article = page.locator('article.reader');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText(TITLE);

  const time = article.locator('header time');
  await expect(time).toHaveAttribute('datetime', '2022-02-17T23:32:20Z');
  await expect(time).toHaveText('18 Feb 2022, 07:32'); // the reader is in Beijing (timezoneId)
  await expect(article.locator('.byline')).toContainText('新浪财经');
  await expect(article.locator('.categories li')).toHaveText(['金融 › 新浪财经 › 新浪财经－国內']);
  const cover = article.locator('.reader-cover img');
  await expect(cover).toHaveAttribute('src', 'https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png');
  await expect(cover).toHaveAttribute('referrerpolicy', 'no-referrer');

  const body = article.locator('.reader-body');
  expect(await body.locator('p').count()).toBeGreaterThanOrEqual(8);
  await expect(body.locator('pre, code, style, script')).toHaveCount(0);
  const text = await body.innerText();
  for (const noise of ['&#123;', '{', 'appendQr', 'border:1px', 'news_keyword', '正文下iframe']) {
    expect(text, `no ${noise} in the body`).not.toContain(noise);
  }
  expect(text).toContain('拓展就地就近就业');
  expect(text).toContain('责任编辑：邓健');
  for (const image of await body.locator('img').all()) {
    await expect(image).toHaveAttribute('referrerpolicy', 'no-referrer');
    await expect(image).toHaveAttribute('loading', 'lazy');
  }

  await page.getByRole('link', { name: '← Library' }).click();
  await expect(page.getByRole('status')).toHaveText('12 articles');
});

test('a link to the article survives a reload', async ({ page }) => {
  await page.goto(`./${LINK}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
});

test('an unknown article id says so', async ({ page }) => {
  await page.goto('./#/read/no/such/article');
  await expect(page.getByRole('alert')).toHaveText('There is no article at this address.');
});

test.describe('in London', () => {
  test.use({ timezoneId: 'Europe/London' });

  test('the date is shown in the reader’s time zone', async ({ page }) => {
    await page.goto(`./${LINK}`);
    await expect(page.locator('article.reader header time')).toHaveText('17 Feb 2022, 23:32');
  });
});

test('a local date-time is shown as written, whatever the zone', async ({ page }) => {
  await page.goto('./#/read/samples/categories-hierarchy');
  const time = page.locator('article.reader header time');
  await expect(time).toHaveAttribute('datetime', '2018-06-01T10:00:00');
  await expect(time).toHaveText('1 Jun 2018, 10:00');
  await expect(page.locator('article.reader .categories li')).toHaveText(['Diary › Life', 'Tech']);
});

test('Hexo tag plugins read as what they mean', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('link', { name: '写作' }).click();
  const body = page.locator('.reader-body');
  await expect(body.locator('.callout .callout-title').first()).toHaveText('禁用布局');
  await expect(body.getByRole('link', { name: '▶ YouTube video' })).toHaveAttribute(
    'href',
    'https://www.youtube.com/watch?v=HLJ9jJy7CMg',
  );
  const prose = await body.evaluate((element) => {
    const copy = element.cloneNode(true);
    copy.querySelectorAll('pre, code').forEach((code) => code.remove());
    return copy.textContent;
  });
  expect(prose).not.toContain('{%');
});

test('footnotes and in-article anchors work under hash routes', async ({ page }) => {
  await page.goto('./#/read/samples/gfm-features');
  const body = page.locator('.reader-body');
  await expect(body.locator('table')).toBeVisible();
  await expect(body.locator('input[type=checkbox][disabled]')).toHaveCount(2);
  await body.locator('sup.footnote-reference a').click();
  // Still the article, now at the footnote.
  await expect(page).toHaveURL(/#\/read\/samples\/gfm-features#a-1$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('GFM features');
  await expect(body.locator('.footnote-definition')).toBeInViewport();
});

test('the contents lead to each heading, and the file tells what it holds', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./#/read/hexo/zh-cn-writing');
  const contents = page.getByRole('navigation', { name: 'Contents' });
  await expect(contents.getByRole('link')).toHaveText(['布局（Layout）', '文件名称', '草稿', '脚手架', '支持的格式']);
  await contents.getByRole('link', { name: '脚手架' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '脚手架' })).toBeInViewport();
  // The address now links to that section, and the link opens there, also in a new tab.
  await expect(page).toHaveURL(/#\/read\/hexo\/zh-cn-writing#a-/);
  const deepLink = page.url();
  await page.goto('about:blank');
  await page.goto(deepLink);
  await expect(page.getByRole('heading', { level: 2, name: '脚手架' })).toBeInViewport();
  await expect(page.getByRole('heading', { level: 1 })).not.toBeInViewport();
  // A link to another section of the open article goes there.
  const drafts = await page.getByRole('heading', { level: 2, name: '草稿' }).getAttribute('id');
  await page.evaluate((at) => (location.hash = `#/read/hexo/zh-cn-writing#${encodeURIComponent(at)}`), drafts);
  const top = (name) => page.getByRole('heading', { level: 2, name }).evaluate((h) => h.getBoundingClientRect().top);
  await expect.poll(() => top('草稿')).toBeLessThan(100);
  expect(await top('脚手架')).not.toBeLessThan(100);

  await page.getByText('About this file').click();
  const about = page.locator('.about-file');
  await expect(about).toContainText('hexo/zh-cn-writing.md');
  await expect(about).toContainText('UTF-8');
  await expect(about.locator('table.fields th')).toHaveText(['title']);
  await expect(about.locator('table.fields td')).toHaveText(['写作']);
});

test('reading progress: kept, offered again, and a finished article is marked read', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 600 });
  await page.goto('./#/read/hexo/zh-cn-writing');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('写作');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  const bar = page.locator('.reading-progress > div');
  await expect.poll(() => bar.evaluate((el) => el.style.transform)).toMatch(/scaleX\(0\.[1-9]/);
  await page.reload();
  const resume = page.getByRole('button', { name: /^Continue reading \(\d+%\)$/ });
  await expect(resume).toBeVisible();
  await resume.click();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.getByRole('link', { name: '← Library' }).click();
  await expect(page.getByRole('status')).toHaveText('12 articles');
  await expect(page.locator('article.card-read h2')).toHaveText(['写作']);
  await page.getByRole('checkbox', { name: 'Unread only' }).check();
  await expect(page.getByRole('status')).toHaveText('11 articles');
  await expect(page).toHaveURL(/unread=1/);
});

test('code is coloured by the parsing worker, whose program alone carries the highlighter', async ({ page }) => {
  const note = [
    '# Code', '', '```rust', 'fn main() { let n = 42; } // done', '```', '',
    '```yaml', 'title: Hello # greeting', '```', '', '```brainfuck', '+++.', '```', '',
  ].join('\n');
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('12 articles');
  await page.getByLabel('Open files').setInputFiles([{ name: 'code.md', mimeType: 'text/markdown', buffer: Buffer.from(note) }]);
  await page.getByRole('link', { name: 'Code', exact: true }).click();
  const rust = page.locator('.reader-body code.language-rust');
  await expect(rust.locator('.hl-k')).toHaveText(['fn', 'let']);
  await expect(rust.locator('.hl-n')).toHaveText('42');
  await expect(rust.locator('.hl-c')).toHaveText('// done');
  await expect(rust).toHaveText('fn main() { let n = 42; } // done');
  await expect(page.locator('.reader-body code.language-yaml .hl-t')).toHaveText('title');
  // A language it does not know is shown plain.
  await expect(page.locator('.reader-body code.language-brainfuck span')).toHaveCount(0);
  // The colours have contrast in the code block (checked by axe in the layout tests too).
  const colours = await rust.locator('.hl-k').first().evaluate((e) => getComputedStyle(e).color);
  expect(colours).not.toBe(await rust.evaluate((e) => getComputedStyle(e).color));

  const html = await (await page.request.get('./')).text();
  const main = html.match(/lectern-[0-9a-f]+_bg\.wasm/)[0];
  const bytes = async (path) => Buffer.from(await (await page.request.get(`./${path}`)).body());
  expect((await bytes('lectern-worker_bg.wasm')).includes('hl-k')).toBe(true);
  expect((await bytes(main)).includes('hl-k')).toBe(false);
});
