'use strict';
// A school, a county and the bureau's reviewers, in headless Chromium
// through nginx, with the real collector behind it: reach the 2019 call from
// the home page, download every attachment, apply online with a PDF and get
// a receipt, find the submission on disk and in git, see the rebuilt
// 受理情况 page count it; be refused after the deadline; send a task book whose
// budget does not add up; submit a form by keyboard alone. Screenshots of the
// key pages are written beside the other test artifacts.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, test } = require('node:test');
const AxeBuilder = require('@axe-core/playwright').default;
const { launchChromium } = require('./lib/chromium');
const { Deployment, repoRoot } = require('./lib/deployment');
const { pdfBytes } = require('./lib/pdf');

const SCHOOL = { id: 'pingjiang-e2e', name: '平江县端到端测试学校', county: 'pingjiang' };
const LISTED_SCHOOL = 'miluo-zhengze';
const BEFORE_2019_DEADLINE = '2019-09-01T10:00:00+08:00';
const AFTER_2019_DEADLINE = '2019-09-23T09:00:00+08:00';
const BEFORE_TASK_BOOK_DEADLINE = '2021-01-10T10:00:00+08:00';
const shotDir = path.join(process.env.GATES_ARTIFACTS_DIR || path.join(repoRoot, 'build', 'artifacts'), 'screenshots');

// The collector opens every PDF it is sent.
const PDF = pdfBytes();

let site;
let browser;
const codes = {};

before(async () => {
  site = new Deployment({ today: '2019-09-01', extraSchools: [SCHOOL] });
  await site.start();
  for (const unit of [SCHOOL.id, LISTED_SCHOOL, 'pingjiang']) codes[unit] = site.issueCode(unit);
  await site.collectorAt(BEFORE_2019_DEADLINE);
  browser = await launchChromium();
  fs.mkdirSync(shotDir, { recursive: true });
});

after(async () => {
  if (browser) await browser.close();
  if (site) await site.close();
});

// A browser whose clock reads `now`, as the school's computer would on that day.
async function pageAt(now, options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  await context.clock.setFixedTime(new Date(now));
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()} (${m.location().url})`); });
  return { context, page, problems };
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(shotDir, `e2e-${name}.png`), fullPage: true });
}

async function fillApplication(page) {
  await page.locator('#f-privacy_notice').check();
  await page.locator('#f-access_code').fill(codes[SCHOOL.id]);
  await page.locator('#f-unit_name').fill(SCHOOL.name);
  await page.locator('#f-project_name').fill('智慧课堂与数字校园建设');
  await page.locator('#f-leader').fill('王某');
  await page.locator('#f-leader_mobile').fill('13912345678');
  await page.locator('#f-contact').fill('李某');
  await page.locator('#f-contact_mobile').fill('13812345678');
  await page.locator('#f-plan_summary').fill('建设覆盖全校的智慧课堂，开展网络学习空间应用。');
  await page.locator('#f-work_plan').setInputFiles({ name: '工作方案.pdf', mimeType: 'application/pdf', buffer: PDF });
}

test('from the home page to the 2019 call, and every attachment downloads with the bytes of the site', async () => {
  const { context, page, problems } = await pageAt(BEFORE_2019_DEADLINE);
  await page.goto(site.url(''));
  await shot(page, 'home');
  await page.getByRole('link', { name: '关于申报2019年岳阳市教育信息化创新试点项目的通知' }).first().click();
  await assert.doesNotReject(page.waitForURL(/notices\/2019-pilot-call\/$/));
  assert.match(await page.locator('h1').first().innerText(), /关于申报2019年岳阳市教育信息化创新试点项目的通知/);
  await shot(page, 'notice-2019-pilot-call');

  // 附件1-5: the quota table, the topic guide (a page to read), the 申报汇总表
  // (XLSX, CSV), the 申请表 and the 工作方案提纲 (DOCX).
  const links = page.locator('a.download');
  const count = await links.count();
  const types = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href').split('.').pop()).sort().join(' '));
  assert.equal(types, 'csv csv docx docx xlsx xlsx');
  for (let i = 0; i < count; i++) {
    const link = links.nth(i);
    const href = await link.getAttribute('href');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const got = fs.readFileSync(await download.path());
    const expected = fs.readFileSync(path.join(site.public, href.slice(site.basePath.length)));
    assert.ok(got.equals(expected), `${href}: downloaded bytes differ from the site's file`);
    assert.equal(download.suggestedFilename(), await link.getAttribute('download'));
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a school applies online with a PDF, gets a receipt, and the submission is on disk, in git and counted', async () => {
  const { context, page, problems } = await pageAt(BEFORE_2019_DEADLINE);
  await page.goto(site.url('forms/application-2019/'));
  await page.getByRole('link', { name: '在线填报此表' }).click();
  await page.waitForURL(/forms\/application-2019\/fill\/$/);
  // The privacy notice comes before the first question about a person.
  const order = await page.evaluate(() => {
    const notice = document.querySelector('.privacy-notice');
    const leader = document.getElementById('f-leader');
    return notice.compareDocumentPosition(leader) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  assert.ok(order, 'the privacy notice must come before the personal fields');
  await fillApplication(page);
  await shot(page, 'application-filled');
  await page.getByRole('button', { name: '提交' }).click();
  await page.waitForURL(/\/receipt\?id=/);
  const receipt = await page.locator('body').innerText();
  assert.match(receipt, /提交回执/);
  assert.match(receipt, new RegExp(SCHOOL.name));
  assert.match(receipt, /第1版/);
  assert.match(receipt, /工作方案\.pdf/);
  await shot(page, 'receipt');

  const meta = site.storedRecord('application-2019', SCHOOL.id, 1);
  assert.equal(meta.fields.project_name, '智慧课堂与数字校园建设');
  assert.equal(meta.privacy_notice, JSON.parse(fs.readFileSync(path.join(repoRoot, 'data', 'privacy.json'), 'utf8')).version);
  assert.ok(receipt.includes(meta.receipt), 'the receipt page shows the stored receipt number');
  // The signed receipt: downloaded, it verifies against the key the site publishes, and a changed copy does not.
  assert.match(receipt, new RegExp(`签名密钥：${site.receiptKey}`));
  const fingerprint = (await page.locator('code.fingerprint').innerText()).replace(/ /g, '');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载签名回执' }).click()]);
  const signed = await download.path();
  const checked = site.verifyReceipt(signed);
  assert.equal(checked.status, 0, checked.out);
  assert.match(checked.out, new RegExp(`^有效：密钥${site.receiptKey}签署\n.*"unit":"${SCHOOL.id}".*"version":1`, 's'));
  assert.equal(require('node:crypto').createHash('sm3').update(checked.out.split('\n')[1] + '\n').digest('hex'), fingerprint);
  const forged = path.join(site.work, 'forged.sm2');
  fs.writeFileSync(forged, fs.readFileSync(signed, 'utf8').replace('"version":1', '"version":2'));
  assert.equal(site.verifyReceipt(forged).status, 1);
  const published = await page.request.get(site.url(`receipt-keys/${site.receiptKey}.pem`));
  assert.equal(await published.text(), fs.readFileSync(path.join(site.keys, `${site.receiptKey}.pem`), 'utf8'));
  assert.ok(fs.readFileSync(path.join(meta.dir, 'work_plan.pdf')).equals(PDF), 'the upload is stored byte for byte');
  // Commits follow receipts by about a second: one for the version, by the school.
  const version = `application-2019/${SCHOOL.id}/v0001`;
  let log = '';
  for (let i = 0; i < 100 && !log.includes(`Version: ${version}`); i++) {
    await new Promise((r) => setTimeout(r, 100));
    log = site.git('log', '--format=%an <%ae>%n%B');
  }
  assert.ok(log.includes(`${SCHOOL.name} <${SCHOOL.id}@units.invalid>\n收到 application-2019 ${SCHOOL.name} (${SCHOOL.id}) v0001\n\n` +
                         `Record: submission\nVersion: ${version}\n`), log);

  site.build(true);
  await page.goto(site.url('calls/pilot-2019/'));
  const row = page.getByRole('row', { name: /平江县/ });
  assert.match(await row.innerText(), /平江县\s+2\s+1/);
  assert.equal(await page.locator('svg.progress-chart').count(), 1);
  await shot(page, 'call-status');
  assert.deepEqual(problems, []);
  await context.close();
});

test('after the deadline the collector refuses, and the form page says the call is closed', async () => {
  await site.collectorAt(AFTER_2019_DEADLINE);
  try {
    // A page opened before the deadline, sent after it.
    const { context, page } = await pageAt(BEFORE_2019_DEADLINE);
    await page.goto(site.url('forms/application-2019/fill/'));
    await fillApplication(page);
    await page.getByRole('button', { name: '提交' }).click();
    const errors = page.locator('.form-errors');
    await errors.waitFor({ state: 'visible' });
    assert.match(await errors.innerText(), /逾期不予受理/);
    await shot(page, 'refused-late');
    await context.close();

    const later = await pageAt(AFTER_2019_DEADLINE);
    await later.page.goto(site.url('forms/application-2019/fill/'));
    assert.equal(await later.page.locator('form.online-form').count(), 0, 'no form after the deadline');
    assert.match(await later.page.locator('#closed-notice').innerText(), /已于2019年9月22日截止/);
    assert.ok(await later.page.locator('#closed-notice').isVisible());
    await later.context.close();
  } finally {
    await site.collectorAt(BEFORE_2019_DEADLINE);
  }
});

test('a task book whose budget does not add up gets the field error, in the browser and from the collector', async () => {
  await site.collectorAt(BEFORE_TASK_BOOK_DEADLINE);
  try {
    const fillTaskBook = async (page) => {
      await page.locator('#f-privacy_notice').check();
      await page.locator('#f-access_code').fill(codes[LISTED_SCHOOL]);
      await page.locator('#f-unit_name').fill('汨罗市正则学校');
      await page.locator('#f-project_name').fill('智慧教育实践与探究');
      await page.locator('#f-project_leader').fill('何某');
      await page.locator('#f-contact_phone').fill('0730-5220000');
      await page.locator('#f-budget_total-2021').fill('30');
      await page.locator('#f-budget_higher-2021').fill('10');
      await page.locator('#f-budget_self-2021').fill('20');
      await page.locator('#f-budget_items-2021-0-item').fill('智慧课堂');
      await page.locator('#f-budget_items-2021-0-cost').fill('20');
      await page.locator('#f-budget_items-2021-1-item').fill('教师培训');
      await page.locator('#f-budget_items-2021-1-cost').fill('5');
    };
    const expected = '经费总数（万元）（2021年）应等于各行所需经费（万元）之和：填写30，合计25';

    const { context, page, problems } = await pageAt(BEFORE_TASK_BOOK_DEADLINE);
    await page.goto(site.url('forms/task-book-2020/fill/'));
    await fillTaskBook(page);
    // The sum is shown as the rows are typed.
    assert.match(await page.locator('output.live-sum').nth(1).innerText(), /各行所需经费（万元）之和：25万元/);
    // A row added with the button takes part in the sum.
    await page.getByRole('button', { name: /添加一行/ }).first().click();
    await page.locator('#f-budget_items-2021-3-item').fill('运维');
    await page.locator('#f-budget_items-2021-3-cost').fill('4');
    await page.locator('#f-budget_items-2021-3-cost').fill('');
    await page.getByRole('button', { name: '提交' }).click();
    const fieldError = page.locator('#e-f-budget_total-2021');
    await fieldError.waitFor({ state: 'visible' });
    assert.equal(await fieldError.innerText(), expected);
    assert.equal(await page.locator('#f-budget_total-2021').getAttribute('aria-invalid'), 'true');
    await shot(page, 'task-book-budget-error');
    assert.ok(!site.storedRecords().some((r) => r.form === 'task-book-2020' && r.unit === LISTED_SCHOOL), 'nothing was sent');
    assert.deepEqual(problems, []);
    await context.close();

    // Without JavaScript the form posts as it is, and the collector gives the same words.
    const plain = await pageAt(BEFORE_TASK_BOOK_DEADLINE, { javaScriptEnabled: false });
    await plain.page.goto(site.url('forms/task-book-2020/fill/'));
    await fillTaskBook(plain.page);
    await Promise.all([plain.page.waitForNavigation(), plain.page.getByRole('button', { name: '提交' }).click()]);
    assert.match(await plain.page.locator('body').innerText(), new RegExp(expected.replace(/[()（）]/g, '.')));
    await shot(plain.page, 'task-book-refused-without-javascript');
    await plain.context.close();
    assert.ok(!site.storedRecords().some((r) => r.form === 'task-book-2020' && r.unit === LISTED_SCHOOL), 'nothing was stored');
  } finally {
    await site.collectorAt(BEFORE_2019_DEADLINE);
  }
});

test('a school closes the tab mid-form, reopens it and finds its draft with the file, submits, and the draft is gone', async () => {
  const { context, page, problems } = await pageAt(BEFORE_2019_DEADLINE);
  await page.goto(site.url('forms/application-2019/fill/'));
  await fillApplication(page);
  await page.locator('#f-project_name').fill('草稿中的项目名称');
  // Saved a moment after the last keystroke; then the tab is closed.
  await page.waitForTimeout(1000);
  await page.close();

  const again = await context.newPage();
  again.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  await again.goto(site.url('forms/application-2019/fill/'));
  const offer = again.getByRole('region', { name: '本机保存的草稿' });
  await offer.waitFor();
  assert.match(await offer.innerText(), /本机浏览器中保存有这份表格的草稿（2019-09-01 \d\d:\d\d保存）/);
  await shot(again, 'draft-offered');
  const { violations } = await new AxeBuilder({ page: again }).include('.draft-offer').analyze();
  assert.deepEqual(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id), []);
  await again.getByRole('button', { name: '恢复草稿' }).click();
  assert.equal(await offer.count(), 0);
  assert.equal(await again.locator('#f-project_name').inputValue(), '草稿中的项目名称');
  assert.equal(await again.locator('#f-leader_mobile').inputValue(), '13912345678');
  assert.equal(await again.locator('#f-work_plan').evaluate((input) => input.files.length && input.files[0].name), '工作方案.pdf');
  // The access code is a key and the consent is given anew: neither was kept.
  assert.equal(await again.locator('#f-access_code').inputValue(), '');
  assert.equal(await again.locator('#f-privacy_notice').isChecked(), false);

  const before = site.storedRecords().filter((r) => r.form === 'application-2019' && r.unit === SCHOOL.id).length;
  await again.locator('#f-privacy_notice').check();
  await again.locator('#f-access_code').fill(codes[SCHOOL.id]);
  await again.getByRole('button', { name: '提交' }).click();
  await again.waitForURL(/\/receipt\?id=/);
  const meta = site.storedRecord('application-2019', SCHOOL.id, before + 1);
  assert.equal(meta.fields.project_name, '草稿中的项目名称');
  assert.ok(fs.readFileSync(path.join(meta.dir, 'work_plan.pdf')).equals(PDF), 'the file kept in the draft is sent byte for byte');

  // The receipt deleted the draft: the form opens empty, with nothing offered.
  await again.goto(site.url('forms/application-2019/fill/'));
  await again.locator('#f-project_name').waitFor();
  await again.waitForTimeout(500);
  assert.equal(await again.getByRole('region', { name: '本机保存的草稿' }).count(), 0);
  assert.equal(await again.locator('#f-project_name').inputValue(), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a county fills and submits its 申报汇总表 with the keyboard alone', async () => {
  const { context, page, problems } = await pageAt(BEFORE_2019_DEADLINE);
  await page.goto(site.url('forms/summary-2019/fill/'));
  const typed = {
    'f-access_code': codes.pingjiang, 'f-county_bureau': '平江县教育局', 'f-county_leader': '张某',
    'f-county_leader_mobile': '13912345678', 'f-schools-0-unit': SCHOOL.name, 'f-schools-0-category': '数字校园',
    'f-schools-0-project': '智慧课堂与数字校园建设', 'f-schools-0-furong_school': '否',
  };
  const reached = [];
  // Tab through the whole page from the top, doing at each control what a person would.
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return { id: el.id, tag: el.tagName, type: el.type || '', text: el.textContent.trim() };
    });
    reached.push(focused.id || focused.text || focused.tag);
    if (focused.id === 'f-privacy_notice') await page.keyboard.press('Space');
    else if (typed[focused.id]) await page.keyboard.type(typed[focused.id]);
    else if (focused.tag === 'BUTTON' && focused.text === '提交') break;
  }
  for (const id of ['f-privacy_notice', ...Object.keys(typed)]) assert.ok(reached.includes(id), `${id} is not reachable by Tab`);
  assert.equal(reached[reached.length - 1], '提交', 'the submit button is reachable by Tab');
  // Focus is visible: the focused control has an outline.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  await Promise.all([page.waitForURL(/\/receipt\?id=/), page.keyboard.press('Enter')]);
  assert.match(await page.locator('body').innerText(), /提交回执[\s\S]*平江县/);
  const meta = site.storedRecord('summary-2019', 'pingjiang', 1);
  assert.equal(meta.fields['schools.0.project'], '智慧课堂与数字校园建设');
  assert.deepEqual(problems, []);
  await context.close();
});

test('every control of every online form is reached by Tab, in order, up to the submit button', async () => {
  for (const [form, now] of [['application-2019', BEFORE_2019_DEADLINE], ['summary-2019', BEFORE_2019_DEADLINE],
    ['task-book-2020', BEFORE_TASK_BOOK_DEADLINE]]) {
    const { context, page } = await pageAt(now);
    await page.goto(site.url(`forms/${form}/fill/`));
    const controls = await page.locator('form.online-form').evaluate((f) =>
      Array.from(f.querySelectorAll('input, textarea, button')).map((el) => el.id || el.textContent.trim()));
    const reached = [];
    for (let i = 0; i < 400 && reached[reached.length - 1] !== '提交'; i++) {
      await page.keyboard.press('Tab');
      const el = await page.evaluate(() => document.activeElement.id || document.activeElement.textContent.trim());
      if (controls.includes(el)) reached.push(el);
    }
    assert.deepEqual(reached, controls, `${form}: Tab order differs from the form's controls`);
    await context.close();
  }
});
