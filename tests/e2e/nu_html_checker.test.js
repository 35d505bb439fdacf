'use strict';
// Gate 1: the Nu Html Checker over every page and the theme's CSS. One run
// over all files, since the checker's start-up costs more than the checking.
// The collector's own pages are fetched through nginx as Chromium reaches
// them and checked as the bytes the collector sent.

const assert = require('node:assert/strict');
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, test } = require('node:test');
const { buildSites, pagesOf } = require('./lib/built_sites');
const { launchChromium } = require('./lib/chromium');
const { startCollectorPages } = require('./lib/collector_pages');

const VNU_JAR = path.join(__dirname, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

let built;
const collectorFiles = [];
before(async () => {
  built = buildSites();
  const collector = await startCollectorPages();
  const browser = await launchChromium();
  try {
    const dir = path.join(built.root, 'collector-pages');
    fs.mkdirSync(dir);
    for (const [i, page] of collector.pages.entries()) {
      const tab = await (await browser.newContext()).newPage();
      const response = await page.open(tab);
      assert.equal(response.status(), page.status, `${page.name} answered ${response.status()}`);
      const file = path.join(dir, `page-${i}.html`);
      fs.writeFileSync(file, await response.text());
      collectorFiles.push({ label: `collector through nginx: ${page.name}`, file });
    }
  } finally {
    await browser.close();
    await collector.close();
  }
});
after(() => built && built.remove());

function runChecker(files) {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    throw new Error('java is missing: run bash scripts/setup.sh (Debian package default-jre-headless)');
  }
  // --stdout: the JSON report goes to stdout; the exit code only says "some
  // error", which the per-page tests below say better.
  const run = spawnSync('java', ['-jar', VNU_JAR, '--format', 'json', '--stdout', '--also-check-css', ...files],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  try {
    return JSON.parse(run.stdout).messages;
  } catch {
    throw new Error(`the Nu Html Checker gave no report (exit ${run.status}): ${run.stderr || run.stdout}`);
  }
}

function describe(m) {
  const where = m.lastLine ? `${m.firstLine || m.lastLine}:${m.firstColumn || m.lastColumn}` : '';
  const extract = m.extract ? `\n      ${JSON.stringify(m.extract)}` : '';
  return `${where} ${m.message}${extract}`;
}

test('every page and stylesheet passes the Nu Html Checker', async (t) => {
  const checked = [];
  for (const site of built.sites) {
    for (const page of pagesOf(site)) checked.push({ label: `${site.name}: ${page.rel}`, file: page.file });
  }
  checked.push(...collectorFiles);
  // Both public builds share the theme's CSS: checked once.
  for (const css of ['style.css', 'print.css', 'mode.css', 'elder.css']) {
    checked.push({ label: `theme: assets/${css}`, file: path.join(built.sites[0].dir, 'assets', css) });
  }
  const messages = runChecker(checked.map((c) => c.file));
  const byFile = new Map(checked.map((c) => [c.file, []]));
  for (const m of messages) {
    const file = m.url ? decodeURIComponent(m.url.replace(/^file:/, '')) : '';
    if (!byFile.has(file)) {
      // A message not tied to one of our files (the checker failing to read
      // one, say) must not pass unseen.
      assert.fail(`the Nu Html Checker reported outside the checked files: ${m.type}: ${m.message}`);
    }
    byFile.get(file).push(m);
  }
  let errors = 0;
  let warnings = 0;
  for (const c of checked) {
    const found = byFile.get(c.file);
    const pageErrors = found.filter((m) => m.type === 'error' || m.type === 'non-document-error');
    const pageWarnings = found.filter((m) => m.type === 'info' && m.subType === 'warning');
    errors += pageErrors.length;
    warnings += pageWarnings.length;
    await t.test(c.label, () => {
      for (const w of pageWarnings) t.diagnostic(`warning ${c.label}:${describe(w)}`);
      assert.equal(pageErrors.length, 0,
        `${c.label} has ${pageErrors.length} Nu Html Checker error(s):\n${pageErrors.map((m) => `  ${c.label}:${describe(m)}`).join('\n')}`);
    });
  }
  const pages = checked.filter((c) => c.file.endsWith('.html')).length;
  console.log(`vnu: pages checked: ${pages}, stylesheets checked: ${checked.length - pages}, errors: ${errors}, warnings: ${warnings}`);
});
