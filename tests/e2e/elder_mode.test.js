'use strict';
// 长者模式 and the government furniture under axe-core in Chromium. The
// bundled site is built once more with its footer numbers set and a link to
// another host in a notice (the bundled site has neither yet), so that the
// leave notices and the numbers are on the pages. Every page is then opened
// as nginx serves it in 长者模式, assets/mode.css answered with elder.css,
// and must have no serious or critical axe violation, no text smaller than
// the enlarged body text, lines at least 1.3 apart, the 标准模式 link in
// place of the 长者模式 one, and no sideways scrolling at 320 px. The leave
// notices are also checked in the standard mode. The collector's own pages
// are checked the same way through nginx, after its 长者模式 switch.

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { after, before, test } = require('node:test');
const AxeBuilder = require('@axe-core/playwright').default;
const { pagesOf, repoRoot, TODAY } = require('./lib/built_sites');
const { launchChromium } = require('./lib/chromium');
const { startCollectorPages } = require('./lib/collector_pages');
const { reflowProblem } = require('./lib/reflow');
const { serve } = require('./lib/static_server');

// 16 px at 125 %, less a rounding margin.
const MIN_TEXT_PX = 19.5;
const MIN_LINE_RATIO = 1.3;
const EXTERNAL = 'https://www.moe.gov.cn/';

let root;
let browser;
let context;
let standard;
let elder;

function buildVariant() {
  const site = path.join(root, 'site');
  for (const part of ['config.json', 'content', 'data', 'themes']) {
    fs.cpSync(path.join(repoRoot, part), path.join(site, part), { recursive: true });
  }
  const configFile = path.join(site, 'config.json');
  const config = JSON.parse(fs.readFileSync(configFile, 'utf8'));
  // Numbers of the right shape, for this test only: the bureau has not given its own.
  config.site_codes = { site_id: '4306000000', icp: '湘ICP备00000000号', police: '湘公网安备43060000000000号' };
  fs.writeFileSync(configFile, JSON.stringify(config));
  const notices = path.join(site, 'content', 'notices');
  const first = fs.readdirSync(notices).filter((n) => n.endsWith('.md')).sort()[0];
  fs.appendFileSync(path.join(notices, first), `\n参见[教育部网站](${EXTERNAL})。\n`);
  const generator = process.env.SITE_GENERATOR || path.join(repoRoot, 'build', 'generator', 'generator');
  const out = path.join(root, 'standard');
  execFileSync(generator, ['build', '--site', site, '--out', out, '--today', TODAY], { stdio: ['ignore', 'pipe', 'inherit'] });
  // What nginx does for a visitor who chose 长者模式, done to a copy.
  const elderOut = path.join(root, 'elder');
  fs.cpSync(out, elderOut, { recursive: true });
  fs.copyFileSync(path.join(elderOut, 'assets', 'elder.css'), path.join(elderOut, 'assets', 'mode.css'));
  const basePath = new URL(config.base_url).pathname;
  return [{ name: 'standard', dir: out, basePath }, { name: '长者模式', dir: elderOut, basePath }];
}

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'elder-mode-'));
  [standard, elder] = buildVariant();
  browser = await launchChromium();
  // One context for every tab: axe needs its pages opened from a context.
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});
after(async () => {
  if (browser) await browser.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

// Elements whose own text is smaller than the body's or set too tight.
function textProblems(tab, minPx, minRatio) {
  return tab.evaluate(([min, ratio]) => {
    const found = [];
    for (const el of document.body.querySelectorAll('*')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      const style = getComputedStyle(el);
      if (!own || style.display === 'none' || el.closest('[hidden]') || !el.getClientRects().length) continue;
      const size = parseFloat(style.fontSize);
      const line = style.lineHeight === 'normal' ? size * 1.2 : parseFloat(style.lineHeight);
      if (size < min || line / size < ratio - 0.001) {
        found.push(`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(/\s+/).join('.') : ''}: ` +
          `${size} px, line ${line.toFixed(1)} px`);
      }
    }
    return found.slice(0, 8);
  }, [minPx, minRatio]);
}

async function axeFailures(tab) {
  const { violations } = await new AxeBuilder({ page: tab }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `[${v.impact}] ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

// Every check of a page in 长者模式.
async function elderChecks(tab, label) {
  assert.deepEqual(await axeFailures(tab), [], `${label} in 长者模式`);
  assert.deepEqual(await textProblems(tab, MIN_TEXT_PX, MIN_LINE_RATIO), [], `${label}: text too small or lines too tight`);
  assert.ok(await tab.isVisible('a.to-standard'), `${label}: the 标准模式 link is hidden`);
  assert.ok(!(await tab.isVisible('a.to-elder')), `${label}: the 长者模式 link still shows`);
}

// Opens a page at 1280 px (`reach` brings the tab there and resolves to the
// response, `status` expected), runs `check`, then lays it out at 320 px,
// where it must not scroll sideways.
async function openWith(tabs, reach, status, label, check) {
  const tab = await tabs.newPage();
  try {
    const response = await reach(tab);
    assert.equal(response.status(), status, `${label} answered ${response.status()}`);
    await check(tab);
    await tab.setViewportSize({ width: 320, height: 900 });
    const reflow = await reflowProblem(tab, label);
    if (reflow) assert.fail(reflow);
  } finally {
    await tab.close();
  }
}

function open(server, page, label, check) {
  return openWith(context, (tab) => tab.goto(server.origin + encodeURI(page.urlPath), { waitUntil: 'load' }), 200, label, check);
}

test('every page in 长者模式: no serious axe violation, large text, wide lines, fits 320 px', async (t) => {
  const server = await serve(elder);
  try {
    for (const page of pagesOf(elder)) {
      await t.test(page.rel, () => open(server, page, `${page.rel} in 长者模式`, (tab) => elderChecks(tab, page.rel)));
    }
  } finally {
    await server.close();
  }
});

test('the footer numbers and the leave notices pass axe in the standard mode', async (t) => {
  const pages = pagesOf(standard).filter((p) => p.rel === 'index.html' || p.rel.startsWith('leave/'));
  // The filing numbers link straight to the filing systems; the notice's link passes a leave notice.
  assert.equal(pages.length, 2, 'expected the home page and one leave notice (the notice\'s link)');
  const server = await serve(standard);
  try {
    for (const page of pages) {
      await t.test(page.rel, () => open(server, page, page.rel, async (tab) => {
        assert.deepEqual(await axeFailures(tab), [], page.rel);
        assert.ok(await tab.isVisible('a.to-elder'), `${page.rel}: the 长者模式 link is hidden`);
        if (page.rel === 'index.html') assert.ok(await tab.isVisible('text=湘ICP备00000000号'), 'the ICP number is not shown');
        else assert.ok(await tab.isVisible('a.leave-continue'), `${page.rel}: no way on`);
      }));
    }
  } finally {
    await server.close();
  }
});

test('the collector\'s pages through nginx in 长者模式: no serious axe violation, large text, wide lines, fits 320 px', async (t) => {
  const collector = await startCollectorPages();
  const tabs = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    // As a visitor chooses it: nginx sets the cookie and answers mode.css with elder.css.
    const switcher = await tabs.newPage();
    await switcher.goto(collector.site.url('mode/elder/'));
    await switcher.close();
    for (const page of collector.pages) {
      await t.test(page.name, () => openWith(tabs, page.open, page.status, `${page.name} in 长者模式`, (tab) => elderChecks(tab, page.name)));
    }
  } finally {
    await tabs.close();
    await collector.close();
  }
});
