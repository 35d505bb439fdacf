'use strict';
// A school on a network that drops: headless Chromium sends a 50 MB 工作方案
// through a proxy that cuts the connection twice in the middle of the
// upload, in front of nginx and the real collector. The online form's own
// client resumes each time from what the collector kept, says how much
// remains, and the version stored holds the file's exact bytes. Then the
// same after a reload: the upload started before it goes on, not from zero;
// without JavaScript the plain multipart form is unchanged; and a file
// chosen instead of an uploaded one ends that upload (tus termination).

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { after, before, test } = require('node:test');
const { launchChromium } = require('./lib/chromium');
const { Deployment, freePort } = require('./lib/deployment');
const { pdfBytes } = require('./lib/pdf');

const SCHOOL = { id: 'huarong-tus', name: '华容县续传测试学校', county: 'huarong' };
const NOW = '2019-09-01T10:00:00+08:00';
const MB = 1024 * 1024;

let site;
let browser;
let code;

// A TCP proxy in front of nginx that destroys the connection carrying the
// client's byte number `cut` of all it has relayed, for each of `cuts`.
async function cuttingProxy(targetPort, cuts) {
  const port = await freePort();
  const proxy = { port, sent: 0, cuts: [...cuts], dropped: 0, sockets: new Set() };
  proxy.server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    proxy.sockets.add(client);
    proxy.sockets.add(upstream);
    const drop = () => { client.destroy(); upstream.destroy(); };
    client.on('data', (data) => {
      proxy.sent += data.length;
      if (proxy.cuts.length && proxy.sent >= proxy.cuts[0]) {
        proxy.cuts.shift();
        proxy.dropped += 1;
        return drop();
      }
      upstream.write(data);
    });
    upstream.on('data', (data) => client.write(data));
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', () => { upstream.destroy(); proxy.sockets.delete(client); });
    upstream.on('close', () => { client.destroy(); proxy.sockets.delete(upstream); });
  });
  await new Promise((resolve) => proxy.server.listen(port, '127.0.0.1', resolve));
  proxy.close = () => new Promise((resolve) => {
    for (const s of proxy.sockets) s.destroy();
    proxy.server.close(resolve);
  });
  return proxy;
}

before(async () => {
  site = new Deployment({ today: '2019-09-01', extraSchools: [SCHOOL] });
  await site.start();
  code = site.issueCode(SCHOOL.id);
  await site.collectorAt(NOW);
  browser = await launchChromium();
});

after(async () => {
  if (browser) await browser.close();
  if (site) await site.close();
});

async function formPage(origin) {
  const context = await browser.newContext();
  await context.clock.setFixedTime(new Date(NOW));
  const page = await context.newPage();
  const problems = [];
  const said = [];
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  await page.exposeBinding('statusSaid', (source, text) => said.push(text));
  await page.goto(`${origin}${site.basePath}forms/application-2019/fill/`);
  await listenToStatus(page);
  return { context, page, problems, said };
}

// Every text the status line (a live region) says, for what it told the person on the way.
function listenToStatus(page) {
  return page.evaluate(() => {
    const status = document.querySelector('.upload-status');
    new MutationObserver(() => window.statusSaid(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
  });
}

async function fill(page, file) {
  await page.locator('#f-privacy_notice').check();
  await page.locator('#f-access_code').fill(code);
  await page.locator('#f-unit_name').fill(SCHOOL.name);
  await page.locator('#f-project_name').fill('续传测试项目');
  await page.locator('#f-leader').fill('王某');
  await page.locator('#f-leader_mobile').fill('13912345678');
  await page.locator('#f-contact').fill('李某');
  await page.locator('#f-contact_mobile').fill('13812345678');
  await page.locator('#f-plan_summary').fill('在断续的网络上上传工作方案。');
  await page.locator('#f-work_plan').setInputFiles(file);
}

// The file as a school's computer holds it: on disk (playwright takes at
// most 50 MB as a buffer), with one modification time however often it is chosen.
function onDisk(bytes, dir) {
  const folder = path.join(site.work, dir);
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, '工作方案.pdf');
  fs.writeFileSync(file, bytes);
  return file;
}

function uploadsOnDisk() {
  const dir = path.join(site.data, '.incoming', 'uploads');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

test('a 50 MB upload through nginx finishes although the connection drops twice, and the stored file has its bytes', async () => {
  const file = pdfBytes(crypto.randomBytes(50 * MB));
  const proxy = await cuttingProxy(site.port, [12 * MB, 31 * MB]);
  const { context, page, problems, said } = await formPage(`http://127.0.0.1:${proxy.port}`);
  try {
    await fill(page, onDisk(file, 'fifty'));
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/receipt\?id=/, { timeout: 180000 });
    assert.equal(proxy.dropped, 2, 'the proxy cut the connection twice');
    assert.ok(said.some((t) => /^正在上传工作方案\.pdf：已上传[0-9.]+MB，共50\.0MB，还剩[0-9.]+MB$/.test(t)), said.join('\n'));
    const receipt = await page.locator('body').innerText();
    assert.match(receipt, /提交回执/);
    assert.match(receipt, /工作方案\.pdf/);
    const meta = site.storedRecord('application-2019', SCHOOL.id, 1);
    assert.ok(meta, 'version 1 is stored');
    const stored = meta.files.find((f) => f.field === 'work_plan');
    assert.equal(stored.bytes, file.length);
    assert.equal(stored.sha256, crypto.createHash('sha256').update(file).digest('hex'));
    assert.deepEqual(uploadsOnDisk(), [], 'the finished upload became the version\'s file: nothing is left in staging');
    // Each cut cost at most two chunks of 4 MB, not the file: the one cut
    // (dropped whole, its checksum unchecked) and Chromium's own resend of it
    // on a new connection, which may find the collector still holding the
    // upload (423). The script then resumes from the offset HEAD reports.
    assert.ok(proxy.sent < file.length + 2 * 2 * 4 * MB + MB, `${proxy.sent} bytes sent for a file of ${file.length}\n${said.join('\n')}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await proxy.close();
  }
});

test('an upload cut off by a reload goes on from where it stopped, telling what remains', async () => {
  const file = pdfBytes(crypto.randomBytes(20 * MB));
  // This time the proxy only counts what goes through.
  const proxy = await cuttingProxy(site.port, []);
  const { context, page, problems, said } = await formPage(`http://127.0.0.1:${proxy.port}`);
  const chosen = onDisk(file, 'twenty');
  try {
    await fill(page, chosen);
    await page.getByRole('button', { name: '提交' }).click();
    // Reload once the collector holds part of the file.
    const started = Date.now();
    const partBytes = () => uploadsOnDisk().filter((n) => n.endsWith('.part'))
      .reduce((sum, n) => sum + fs.statSync(path.join(site.data, '.incoming', 'uploads', n)).size, 0);
    while (partBytes() < 8 * MB && Date.now() - started < 60000) await new Promise((r) => setTimeout(r, 50));
    const kept = partBytes();
    assert.ok(kept >= 8 * MB && kept < file.length, `${kept} bytes on the collector before the reload`);
    await page.reload();
    const sentBefore = proxy.sent;
    said.length = 0;
    await listenToStatus(page);
    await fill(page, chosen);
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/receipt\?id=/, { timeout: 120000 });
    // Its first word on progress starts from what the collector had, not from 0.
    const first = said.map((t) => /^正在上传工作方案\.pdf：已上传([0-9.]+)MB，共20\.0MB，还剩[0-9.]+MB$/.exec(t)).find(Boolean);
    assert.ok(first && Number(first[1]) >= 4, said.join('\n'));
    // After the reload, about what was missing went up, not the whole file again.
    assert.ok(proxy.sent - sentBefore < file.length - kept + 6 * MB, `${proxy.sent - sentBefore} bytes after the reload, ${file.length - kept} were missing`);
    const meta = site.storedRecord('application-2019', SCHOOL.id, 2);
    assert.ok(meta, 'version 2 is stored');
    const stored = meta.files.find((f) => f.field === 'work_plan');
    assert.equal(stored.sha256, crypto.createHash('sha256').update(file).digest('hex'));
    assert.deepEqual(uploadsOnDisk(), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await proxy.close();
  }
});

test('without JavaScript the form still posts its file as multipart and gets the receipt', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto(site.url('forms/application-2019/fill/'));
    const file = pdfBytes(crypto.randomBytes(MB));
    await fill(page, onDisk(file, 'plain'));
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/receipt\?id=/);
    assert.match(await page.locator('body').innerText(), /提交回执/);
    const meta = site.storedRecord('application-2019', SCHOOL.id, 3);
    assert.equal(meta.files.find((f) => f.field === 'work_plan').sha256, crypto.createHash('sha256').update(file).digest('hex'));
    assert.deepEqual(uploadsOnDisk(), [], 'no resumable upload was made');
  } finally {
    await context.close();
  }
});

test('a file chosen instead of one already uploaded ends the first upload, and nothing is left behind', async () => {
  const { context, page, problems } = await formPage(site.origin);
  try {
    const first = pdfBytes(crypto.randomBytes(2 * MB));
    await fill(page, onDisk(first, 'first'));
    // A notice version the collector no longer takes: refused once the file is up.
    await page.evaluate(() => { document.getElementById('f-privacy_notice').value = '2000-1'; });
    await page.getByRole('button', { name: '提交' }).click();
    await page.locator('.form-errors').waitFor({ state: 'visible' });
    assert.equal(uploadsOnDisk().filter((n) => n.endsWith('.part')).length, 1, 'the refused submission keeps its upload');
    await page.reload();
    const second = pdfBytes(crypto.randomBytes(3 * MB));
    await fill(page, onDisk(second, 'second'));
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/receipt\?id=/);
    const meta = site.storedRecord('application-2019', SCHOOL.id, 4);
    assert.equal(meta.files.find((f) => f.field === 'work_plan').sha256, crypto.createHash('sha256').update(second).digest('hex'));
    assert.deepEqual(uploadsOnDisk(), [], 'the first upload was ended, the second taken by the version');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
