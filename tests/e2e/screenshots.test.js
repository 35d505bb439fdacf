'use strict';
// Screenshots of the pages people open most, at desktop width and at 320 px
// (a small phone, WCAG's reflow width), written as test artifacts for a
// person to look at. What a screenshot cannot prove by itself is asserted:
// the Chinese text is drawn with a CJK font, not boxes, and at 320 px the
// page does not scroll sideways.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, test } = require('node:test');
const { buildSites, repoRoot } = require('./lib/built_sites');
const { launchChromium } = require('./lib/chromium');
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
before(async () => {
  built = buildSites();
  browser = await launchChromium();
  server = await serve(built.sites[0]);
  fs.mkdirSync(outDir, { recursive: true });
});
after(async () => {
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

for (const shot of SHOTS) {
  for (const width of WIDTHS) {
    test(`${shot.name} at ${width} px`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      const tab = await context.newPage();
      try {
        const url = server.origin + built.sites[0].basePath + shot.page;
        const response = await tab.goto(url, { waitUntil: 'load' });
        assert.equal(response.status(), 200, `${url} answered ${response.status()}`);
        const file = path.join(outDir, `${shot.name}-${width}.png`);
        await tab.screenshot({ path: file, fullPage: true });
        assert.ok(fs.statSync(file).size > 1000, `${file} is empty`);
        const fonts = await headingFonts(tab);
        assert.ok(fonts.length > 0 && CJK_FONT.test(fonts[0].familyName),
          `the h1 of ${shot.page || 'the home page'} is drawn with ${JSON.stringify(fonts)}, no CJK font: install fonts-noto-cjk`);
        if (width === 320) {
          const reflow = await reflowProblem(tab, shot.page || 'the home page');
          if (reflow) assert.fail(reflow);
        }
        console.log(`screenshot: ${file} (h1 in ${fonts[0].familyName})`);
      } finally {
        await context.close();
      }
    });
  }
}
