'use strict';
// Gate 2: axe-core in headless Chromium on every page, each page served
// over loopback HTTP under its base path as the portal will serve it.
// Serious and critical violations fail; the others are printed. Each
// published page is also laid out at 320 px, where it must not scroll sideways.
// The collector's own pages are checked the same way, served by the real
// collector through nginx.

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const { after, before, test } = require('node:test');
const AxeBuilder = require('@axe-core/playwright').default;
const { buildSites, pagesOf } = require('./lib/built_sites');
const { launchChromium } = require('./lib/chromium');
const { startCollectorPages } = require('./lib/collector_pages');
const { reflowProblem } = require('./lib/reflow');
const { serve } = require('./lib/static_server');

const FAILING_IMPACTS = new Set(['serious', 'critical']);

let built;
let browser;
before(async () => {
  built = buildSites();
  browser = await launchChromium();
});
after(async () => {
  if (browser) await browser.close();
  if (built) built.remove();
});

// axe on the page a tab shows; the violations by impact are added to `byImpact`.
async function axeProblems(t, tab, label, byImpact) {
  const { violations } = await new AxeBuilder({ page: tab }).analyze();
  for (const v of violations) byImpact[v.impact] = (byImpact[v.impact] || 0) + v.nodes.length;
  for (const v of violations.filter((x) => !FAILING_IMPACTS.has(x.impact))) t.diagnostic(`${label}\n${describe(v)}`);
  return violations.filter((v) => FAILING_IMPACTS.has(v.impact));
}

function describe(v) {
  const nodes = v.nodes.slice(0, 5).map((n) => `      at ${n.target.join(' ')}: ${n.failureSummary.replace(/\s*\n\s*/g, ' ')}`);
  const more = v.nodes.length > 5 ? [`      and ${v.nodes.length - 5} more`] : [];
  return [`    [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} element(s))`, ...nodes, ...more].join('\n');
}

test('no page has a serious or critical axe-core violation, and no published page scrolls sideways at 320 px', async (t) => {
  const byImpact = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  let checked = 0;
  // Both public builds share most pages byte for byte (and the stylesheet);
  // such a twin would give the same result, so it is checked once.
  const seen = new Map();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // In a new tab (`reach` brings it to the page and resolves to the
  // response): axe, then, for a page that must fit a phone, 320 px.
  const check = (label, status, reach, fitsPhone) => t.test(label, async () => {
    const tab = await context.newPage();
    try {
      const response = await reach(tab);
      assert.equal(response.status(), status, `${label} answered ${response.status()}`);
      const failing = await axeProblems(t, tab, label, byImpact);
      checked += 1;
      assert.equal(failing.length, 0, `${label} has serious or critical accessibility violations:\n${failing.map(describe).join('\n')}`);
      if (!fitsPhone) return;
      await tab.setViewportSize({ width: 320, height: 900 });
      const reflow = await reflowProblem(tab, label);
      if (reflow) assert.fail(reflow);
    } finally {
      await tab.close();
    }
  });
  for (const site of built.sites) {
    const server = await serve(site);
    try {
      for (const page of pagesOf(site)) {
        const label = `${site.name}: ${page.rel}`;
        const digest = crypto.createHash('sha256').update(fs.readFileSync(page.file)).digest('hex');
        if (seen.has(digest)) {
          await t.test(label, { skip: `same bytes as ${seen.get(digest)}` }, () => {});
          continue;
        }
        seen.set(digest, label);
        // 404.html is fetched by its own name, so every page answers 200.
        // The internal review site is read on the bureau's desktops and
        // shows SHA-256 sums whole, to compare; only published pages must
        // fit a phone.
        await check(label, 200, (tab) => tab.goto(server.origin + encodeURI(page.urlPath), { waitUntil: 'load' }), Boolean(site.publicBase));
      }
    } finally {
      await server.close();
    }
  }
  const collector = await startCollectorPages();
  try {
    for (const page of collector.pages) await check(`collector through nginx: ${page.name}`, page.status, page.open, true);
  } finally {
    await collector.close();
  }
  await context.close();
  const total = built.sites.reduce((n, site) => n + pagesOf(site).length, collector.pages.length);
  console.log(`axe: pages checked: ${checked} distinct of ${total} (the others are byte-identical twins), ` +
    `violations (elements) by impact: critical ${byImpact.critical}, serious ${byImpact.serious}, ` +
    `moderate ${byImpact.moderate}, minor ${byImpact.minor}`);
});
