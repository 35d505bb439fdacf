'use strict';
// Search that fetches kilobytes: on a site of 10,000 notices (the benchmark
// corpus, ../shared/bench), served by nginx as deploy/nginx/ configures it,
// Chromium's search page answers queries of two to four Han characters
// (held by titles, and held only by bodies) and of two words with at most
// 100 KB each, counted as transferred: every response's headers and its
// body as sent, compressed. 显示更多 adds the next page of results.

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { after, before, test } = require('node:test');
const AxeBuilder = require('@axe-core/playwright').default;
const { launchChromium } = require('./lib/chromium');
const { reflowProblem } = require('./lib/reflow');
const { freePort, repoRoot, startNginx, stop, tool } = require('./lib/deployment');

const NOTICES = 10000;
const BUDGET = 100 * 1024;
const QUERIES = ['智慧课堂', '信息化', '教育', '专家评审', '南湖区', '课堂教学', 'docx 2019', 'pdf 2020'];
const PAGE = 20;  // results shown at first (search.js)

let work;
let nginx;
let browser;
let searchUrl;
let siteUrl;

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'search-bytes-'));
  const site = execFileSync('python3', [path.join(repoRoot, 'scripts', 'bench_site.py'), work, '-n', String(NOTICES)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  const port = await freePort();
  const basePath = new URL(JSON.parse(fs.readFileSync(path.join(site, 'config.json'), 'utf8')).base_url).pathname;
  const origin = `http://127.0.0.1:${port}`;
  const publicDir = path.join(work, 'public');
  execFileSync(tool('SITE_GENERATOR', ['generator', 'generator']), ['build', '--site', site, '--out', publicDir, '--base-url', origin + basePath],
    { stdio: ['ignore', 'ignore', 'inherit'] });
  nginx = await startNginx({ work, site, public: publicDir, port, collectorPort: await freePort() });
  browser = await launchChromium();
  siteUrl = `${origin}${basePath}`;
  searchUrl = `${siteUrl}search/`;
});

after(async () => {
  if (browser) await browser.close();
  await stop(nginx);
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

// Every request the page makes from the query's submission until its
// results are shown and nothing is still loading, with what it transferred.
async function fetchedFor(page, query) {
  const started = [];
  const finished = [];
  page.on('request', (r) => started.push(r));
  page.on('requestfinished', (r) => finished.push(r));
  page.on('requestfailed', (r) => finished.push(r));
  await page.fill('#search-q', query);
  await page.click('.search-form button[type="submit"]');
  await page.waitForFunction(() => /^(找到|没有)/.test(document.getElementById('search-count').textContent));
  while (finished.length < started.length) await page.waitForTimeout(50);
  return Promise.all(finished.map(async (r) => {
    const sizes = await r.sizes();
    const response = await r.response();
    return {
      url: r.url(), status: response && response.status(), encoding: response && (await response.headerValue('content-encoding')),
      bytes: sizes.responseHeadersSize + sizes.responseBodySize,
    };
  }));
}

for (const query of QUERIES) {
  test(`“${query}” on ${NOTICES} notices fetches at most ${BUDGET / 1024} KB through nginx`, async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(searchUrl, { waitUntil: 'networkidle' });
      const fetched = await fetchedFor(page, query);
      const total = fetched.reduce((sum, f) => sum + f.bytes, 0);
      console.log(`# ${query}: ${fetched.length} requests, ${total} bytes transferred`);
      // Found, and a page of results shown: bytes saved by finding nothing would prove nothing.
      const found = Number(/^找到(\d+)条/.exec(await page.textContent('#search-count'))[1]);
      assert.ok(found > 2 * PAGE, `${query}: found ${found}`);
      assert.equal(await page.locator('#search-list li').count(), PAGE);
      // Counted whatever they are (the browser asks for the favicon late);
      // the index's shards compressed, index.json never.
      const shards = fetched.filter((f) => f.url.includes('/search/shards/'));
      assert.ok(shards.length > 0);
      for (const f of shards) {
        assert.equal(f.status, 200, f.url);
        assert.equal(f.encoding, 'gzip', `${f.url} is sent compressed`);
      }
      assert.ok(!fetched.some((f) => f.url.endsWith('/search/index.json')));
      assert.ok(total <= BUDGET, `${query}: ${total} bytes in ${fetched.length} requests`);
    } finally {
      await context.close();
    }
  });
}

// The results page with 显示更多 pressed once: its first 20, the next 20
// after them, and the focus on the first added.
async function moreShown(page) {
  await page.goto(`${searchUrl}?q=${encodeURIComponent('专家评审')}`, { waitUntil: 'networkidle' });
  await page.waitForFunction(() => /^找到/.test(document.getElementById('search-count').textContent));
  const first = await page.locator('#search-list li h2 a').allTextContents();
  assert.equal(first.length, PAGE);
  await page.click('#search-more');
  await page.waitForFunction((n) => document.querySelectorAll('#search-list li').length === n, 2 * PAGE);
  const both = await page.locator('#search-list li h2 a').allTextContents();
  assert.deepEqual(both.slice(0, PAGE), first);
  assert.match(await page.textContent('#search-count'), new RegExp(`显示前${2 * PAGE}条`));
  const focused = await page.evaluate((n) => document.activeElement.closest('li') === document.querySelectorAll('#search-list li')[n], PAGE);
  assert.ok(focused, 'the first added result has the focus');
}

// No serious or critical axe violation, and no sideways scrolling at 320 px.
async function gates(page, label) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const failing = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(failing.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], label);
  await page.setViewportSize({ width: 320, height: 800 });
  assert.equal(await reflowProblem(page, label), null);
}

test('显示更多 adds the next page of results below those shown, moves the focus there, and the page passes axe and fits 320 px, in 长者模式 too', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await moreShown(page);
    const textSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.result-excerpt')).fontSize));
    const normal = await textSize();
    await gates(page, 'the search page with 40 results');
    // As a visitor chooses it: nginx sets the cookie and answers mode.css with elder.css.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${siteUrl}mode/elder/`);
    await moreShown(page);
    assert.ok(await textSize() > normal, '长者模式 is in force: larger text');
    await gates(page, 'the search page with 40 results in 长者模式');
  } finally {
    await context.close();
  }
});
