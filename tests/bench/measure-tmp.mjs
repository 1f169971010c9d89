import { withBrowser } from './harness.mjs';
await withBrowser('dist', 4192, async (browser, origin) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  for (const link of ['#/read/news/000_6ceb1ec26c302d42', '#/read/jekyll/2013-05-06-jekyll-1-0-0-released', '#/read/hexo/zh-cn-writing']) {
    await page.goto(`${origin}/${link}`);
    await page.locator('.reader-body p').first().waitFor();
    const r = await page.evaluate(() => {
      const ps = [...document.querySelectorAll('.reader-body p')].filter((p) => p.textContent.length > 120);
      const per = ps.map((p) => { const lh = parseFloat(getComputedStyle(p).lineHeight); const lines = Math.round(p.getBoundingClientRect().height / lh); return p.textContent.length / lines; });
      return { cls: document.querySelector('.reader').className, lang: document.querySelector('.reader').lang, width: document.querySelector('.reader-body').clientWidth, per: per.slice(0, 4).map(Math.round) };
    });
    console.log(link, JSON.stringify(r));
  }
});
