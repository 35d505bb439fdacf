'use strict';
// Screenshots of the pages people open most, at desktop width and at 320 px
// (a small phone, WCAG's reflow width), written as test artifacts for a
// person to look at. What a screenshot cannot prove by itself is asserted:
// the Chinese text is drawn with a CJK font, not boxes, and at 320 px the
// page does not scroll sideways. The collector's own pages (sign-in, a
// school's home page, a refusal) are shot too, served through nginx.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, test } = require('node:test');
const { buildSites, repoRoot } = require('./lib/built_sites');
const { launchChromium } = require('./lib/chromium');
const { PAGE_KEYS, startCollectorPages } = require('./lib/collector_pages');
const { reflowProblem } = require('./lib/reflow');
const { serve } = require('./lib/static_server');

const SHOTS = [
  { name: 'home', page: '' },
  { name: 'notice-2019-pilot-call', page: 'notices/2019-pilot-call/' },
  { name: 'quota-2019', page: 'quotas/2019/' },
  { name: 'form-application-2019', page: 'forms/application-2019/' },
];
const WIDTHS = [1280, 320];
const CJK_FONT = /CJK|Source Han|YaHei|PingFang|WenQuanYi|Droid Sans Fallback/i;

const outDir = path.join(process.env.GATES_ARTIFACTS_DIR || path.join(repoRoot, 'build', 'artifacts'), 'screenshots');

let built;
let browser;
let server;
let collector;
before(async () => {
  built = buildSites();
  browser = await launchChromium();
  server = await serve(built.sites[0]);
  collector = await startCollectorPages();
  fs.mkdirSync(outDir, { recursive: true });
});
after(async () => {
  if (collector) await collector.close();
  if (server) await server.close();
  if (browser) await browser.close();
  if (built) built.remove();
});

// The fonts Chromium drew the page's h1 with, most glyphs first.
async function headingFonts(tab) {
  const cdp = await tab.context().newCDPSession(tab);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
  assert.ok(nodeId, 'the page has no h1');
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts.sort((a, b) => b.glyphCount - a.glyphCount);
}

// In a fresh browser at `width`: `reach` brings a tab to the page and
// resolves to its response; the page is shot and its h1 font and reflow checked.
async function shoot(name, width, label, status, reach) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  const tab = await context.newPage();
  try {
    const response = await reach(tab);
    assert.equal(response.status(), status, `${label} answered ${response.status()}`);
    const file = path.join(outDir, `${name}-${width}.png`);
    await tab.screenshot({ path: file, fullPage: true });
    assert.ok(fs.statSync(file).size > 1000, `${file} is empty`);
    const fonts = await headingFonts(tab);
    assert.ok(fonts.length > 0 && CJK_FONT.test(fonts[0].familyName),
      `the h1 of ${label} is drawn with ${JSON.stringify(fonts)}, no CJK font: install fonts-noto-cjk`);
    if (width === 320) {
      const reflow = await reflowProblem(tab, label);
      if (reflow) assert.fail(reflow);
    }
    console.log(`screenshot: ${file} (h1 in ${fonts[0].familyName})`);
  } finally {
    await context.close();
  }
}

for (const shot of SHOTS) {
  for (const width of WIDTHS) {
    test(`${shot.name} at ${width} px`, () => shoot(shot.name, width, shot.page || 'the home page', 200,
      (tab) => tab.goto(server.origin + built.sites[0].basePath + shot.page, { waitUntil: 'load' })));
  }
}

for (const key of PAGE_KEYS) {
  for (const width of WIDTHS) {
    test(`collector-${key} at ${width} px`, () => {
      const page = collector.pages.find((p) => p.key === key);
      return shoot(`collector-${key}`, width, page.name, page.status, page.open);
    });
  }
}
