'use strict';
// generator serve on a copy of the bundled site: a page open in Chromium
// shows an edit without being reloaded by hand, shows the errors of a
// broken edit instead of the stale page, and comes back when it is fixed;
// a new notice appears in the index. The error page passes axe and the Nu
// Html Checker and fits 320 px, as every page a person sees must. public/
// is never written.

const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { after, before, test } = require('node:test');
const AxeBuilder = require('@axe-core/playwright').default;
const { repoRoot, TODAY } = require('./lib/built_sites');
const { launchChromium } = require('./lib/chromium');
const { reflowProblem } = require('./lib/reflow');

const GENERATOR = process.env.SITE_GENERATOR || path.join(repoRoot, 'build', 'generator', 'generator');
const VNU_JAR = path.join(__dirname, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
const NOTICE = path.join('content', 'notices', '2019-pilot-call.md');

let work;
let site;
let preview;
let base;
let log = '';
let browser;

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-'));
  site = path.join(work, 'site');
  fs.mkdirSync(site);
  for (const entry of ['content', 'data', 'themes', 'config.json']) fs.cpSync(path.join(repoRoot, entry), path.join(site, entry), { recursive: true });
  preview = spawn(GENERATOR, ['serve', '--site', site, '--port', '0', '--today', TODAY], { stdio: ['ignore', 'pipe', 'pipe'] });
  preview.stderr.on('data', (d) => { log += d; });
  base = await new Promise((resolve, reject) => {
    let out = '';
    preview.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/preview: (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    preview.on('exit', (code) => reject(new Error(`generator serve exited ${code}: ${log}`)));
  });
  browser = await launchChromium();
});

after(async () => {
  if (browser) await browser.close();
  if (preview) preview.kill('SIGTERM');
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

// Rewrites a file of the site as an editor saves it: a new file renamed over the old.
function save(rel, text) {
  const file = path.join(site, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.saving`, text);
  fs.renameSync(`${file}.saving`, file);
}

const read = (rel) => fs.readFileSync(path.join(site, rel), 'utf8');

test('an open page shows each saved edit by itself, the errors of a broken one, and the page again once fixed', async () => {
  const tab = await browser.newPage();
  await tab.goto(`${base}notices/2019-pilot-call/`);
  const original = read(NOTICE);
  assert.match(await tab.locator('h1').innerText(), /关于申报2019年岳阳市教育信息化创新试点项目的通知/);

  // Nobody touches the tab: the edit arrives by the preview's own reload.
  save(NOTICE, original.replace('title: 关于申报2019年岳阳市教育信息化创新试点项目的通知', 'title: 关于申报2019年岳阳市教育信息化创新试点项目的补充通知'));
  await tab.locator('h1', { hasText: '补充通知' }).waitFor({ timeout: 10000 });

  save(NOTICE, original.replace('date: 2019-06-20', 'date: 2019-06-31'));
  const errors = tab.locator('.build-errors li');
  await errors.first().waitFor({ timeout: 10000 });
  assert.match(await errors.first().innerText(), /^content\/notices\/2019-pilot-call\.md:4:7: error: .*2019-06-31/);
  assert.match(await tab.locator('h1').innerText(), /生成失败/);

  save(NOTICE, original);
  await tab.locator('h1', { hasText: '关于申报2019年岳阳市教育信息化创新试点项目的通知' }).waitFor({ timeout: 10000 });
  await tab.close();
  assert.ok(!fs.existsSync(path.join(site, 'public')), 'the preview wrote public/');
});

test('a new notice appears on the open notice index', async () => {
  const tab = await browser.newPage();
  await tab.goto(`${base}notices/`);
  save(path.join('content', 'notices', 'preview-new.md'),
    '---\ntitle: 关于预览功能试运行的通知\ndate: 2020-12-01\ncategory: 通知公告\naddressees: 各县市区教育局\n---\n\n试运行。\n');
  await tab.getByRole('link', { name: '关于预览功能试运行的通知' }).waitFor({ timeout: 10000 });
  await tab.close();
});

test('the error page passes axe and the Nu Html Checker, and fits 320 px', async () => {
  const original = read('config.json');
  save('config.json', original.replace('"base_url"', '"base_url_broken"'));
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const tab = await context.newPage();
  let response;
  for (let i = 0; i < 100; i++) {
    response = await tab.goto(base);
    if (response.status() === 500) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(response.status(), 500, log);
  const html = await response.text();
  assert.match(html, /config\.json/);
  const { violations } = await new AxeBuilder({ page: tab }).analyze();
  assert.deepEqual(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id), []);
  assert.equal(await reflowProblem(tab, 'the error page'), null);
  const file = path.join(work, 'error-page.html');
  fs.writeFileSync(file, html);
  const run = spawnSync('java', ['-jar', VNU_JAR, '--format', 'json', '--stdout', file], { encoding: 'utf8' });
  const problems = JSON.parse(run.stdout).messages.filter((m) => m.type === 'error');
  assert.deepEqual(problems, []);
  save('config.json', original);
  await context.close();
});
