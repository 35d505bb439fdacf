'use strict';
// The review chain of the 2019 call on its bundled quota, in headless
// Chromium through nginx with the real collector behind it: schools of
// 平江县 and 华容县 and one 市直学校 apply (through the JSON API, as a script
// would, to keep the test short); each county gives its opinions within
// quota (平江县 is refused a third 推荐) and forwards its 申报汇总表; the city
// returns one application with a reason; the school reads the reason,
// revises, and the new version goes through the county again. Each step
// asserts on what its person sees; at the end the 受理情况 page counts by
// stage, the internal archive and the bureau's workbook hold the 申报汇总表,
// and git holds one commit per act by its actor.

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, test } = require('node:test');
const { launchChromium } = require('./lib/chromium');
const { Deployment } = require('./lib/deployment');
const { addExpert, addStaff, applicationFields, applyByApi, assignExpert, decide, forward, giveOpinion, openExpertAccount, scoreAssignment, signIn, submitByApi, taskBookFields, versionPath } = require('./lib/review_chain');

const PJ_A = { id: 'pj-a', name: '平江县甲中学', county: 'pingjiang' };
const PJ_B = { id: 'pj-b', name: '平江县乙小学', county: 'pingjiang' };
const PJ_C = { id: 'pj-c', name: '平江县丙学校', county: 'pingjiang' };
const HR_A = { id: 'hr-a', name: '华容县甲学校', county: 'huarong' };
const CITY_A = { id: 'city-a', name: '岳阳市直属甲中学', county: 'city' };
const SCHOOLS = [PJ_A, PJ_B, PJ_C, HR_A, CITY_A];
const NOW = '2019-09-01T10:00:00+08:00';
const REASON = '工作方案缺少分年度经费预算，请补充后重新提交。';
const DESK = 'account/calls/pilot-2019/';
const CALL_TITLE = '2019年岳阳市教育信息化创新试点项目申报';

let site;
let browser;
let staff;
const codes = {};
const experts = {};

before(async () => {
  site = new Deployment({ today: NOW.slice(0, 10), extraSchools: SCHOOLS });
  await site.start();
  for (const unit of [...SCHOOLS.map((s) => s.id), 'pingjiang', 'huarong']) codes[unit] = site.issueCode(unit);
  staff = addStaff(site, 'liu', '刘某');
  await site.collectorAt(NOW);
  browser = await launchChromium();
});

after(async () => {
  if (browser) await browser.close();
  if (site) await site.close();
});

// A tab signed in as `who`, in a browser of its own; script errors are collected.
async function personAt(who) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const problems = [];
  tab.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  const response = await signIn(tab, site, who);
  assert.equal(response.status(), 200, 'signed in');
  return { tab, problems, close: () => context.close() };
}

// A download link of the page, followed as the browser saves it: its file name and bytes.
async function download(tab, name) {
  const [saved] = await Promise.all([tab.waitForEvent('download'), tab.locator('main').getByRole('link', { name, exact: true }).first().click()]);
  return { name: saved.suggestedFilename(), bytes: fs.readFileSync(await saved.path()) };
}

// One member of a zip (an office file), read with python3 as the workbook below is.
function zipMember(bytes, member) {
  return execFileSync('python3', ['-c', 'import io, sys, zipfile; sys.stdout.write(zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read())).read(sys.argv[1]).decode())', member],
    { input: bytes, encoding: 'utf8' });
}

// The desk's rows as { unit: "状态 理由" }, reached from the home page's link as a person reaches it.
async function deskRows(tab) {
  await tab.goto(site.url('account/'));
  await tab.getByRole('link', { name: CALL_TITLE }).click();
  await tab.waitForURL(/account\/calls\/pilot-2019\/$/);
  const rows = await tab.locator('table.review-list tbody tr').evaluateAll((trs) => trs.map((tr) => [
    tr.querySelector('th').innerText.trim(), Array.from(tr.querySelectorAll('td')).map((td) => td.innerText.trim()).join(' | '),
  ]));
  return Object.fromEntries(rows);
}

test('schools of two counties and a 市直学校 apply, and each sees only its own application as 已收到', async () => {
  for (const school of SCHOOLS) {
    const receipt = await applyByApi(site, codes[school.id], school, `${school.name}智慧课堂`);
    assert.equal(receipt.version, 1);
  }
  const school = await personAt(codes[PJ_A.id]);
  assert.deepEqual(await deskRows(school.tab), { [PJ_A.name]: '2019年岳阳市教育信息化创新试点项目申请表 | 第1版 | 已收到' });
  assert.deepEqual(school.problems, []);
  await school.close();
});

test('平江县 gives its opinions, recommends two, is refused a third with the quota message, and forwards', async () => {
  const county = await personAt(codes.pingjiang);
  const { tab } = county;
  // Its own schools only: neither 华容县's nor the 市直学校.
  assert.deepEqual(Object.keys(await deskRows(tab)).sort(), [PJ_A.name, PJ_B.name, PJ_C.name].sort());
  assert.match(await tab.locator('main').innerText(), /分配名额（2个，已推荐0个）/);

  for (const school of [PJ_A, PJ_B]) {
    const answer = await giveOpinion(tab, site, school.id, 1, { recommend: true, text: '方案可行，同意推荐。', leader: '张某' });
    assert.equal(answer.status(), 200);
    assert.match(await tab.locator('.review-meta').innerText(), /县级意见：推荐/);
  }
  const refused = await giveOpinion(tab, site, PJ_C.id, 1, { recommend: true, text: '同意推荐。', leader: '张某' });
  assert.equal(refused.status(), 409);
  assert.match(await tab.locator('main').innerText(), /本县市区的申报名额为2个，已推荐2个；如要推荐这一所，请先把另一所改为不推荐/);
  const kept = await giveOpinion(tab, site, PJ_C.id, 1, { recommend: false, text: '名额已满，暂不推荐。', leader: '张某' });
  assert.equal(kept.status(), 200);
  // The page keeps the history of the version: the opinion, its text and the 负责人.
  assert.match(await tab.locator('.history').innerText(), /平江县：县级意见（不推荐）\s*名额已满，暂不推荐。\s*负责人：张某/);

  // The 申报汇总表 is made of the two recommended projects, not typed again.
  await tab.goto(site.url(DESK));
  const selection = await tab.locator('table.input-table tbody th').allInnerTexts();
  assert.deepEqual(selection.sort(), [PJ_A.name, PJ_B.name].sort());
  const answer = await forward(tab, site, { leader: '张某', mobile: '13912345678' });
  assert.equal(answer.status(), 200);
  const rows = await deskRows(tab);
  assert.match(rows[PJ_A.name], /已报送市局/);
  assert.match(rows[PJ_B.name], /已报送市局/);
  assert.match(rows[PJ_C.name], /县级意见：不推荐/);
  assert.equal(await tab.locator('#f-county_leader').count(), 0, 'nothing is left to forward');

  const summary = site.storedRecord('summary-2019', 'pingjiang', 1);
  assert.ok(summary, 'the 申报汇总表 is stored as a version of the county');
  assert.equal(summary.fields.county_leader, '张某');
  assert.deepEqual([summary.fields['schools.0.unit'], summary.fields['schools.1.unit']].sort(), [PJ_A.name, PJ_B.name].sort());
  assert.deepEqual(county.problems, []);
  await county.close();
});

test('华容县 recommends its school and forwards', async () => {
  const county = await personAt(codes.huarong);
  assert.deepEqual(Object.keys(await deskRows(county.tab)), [HR_A.name]);
  await giveOpinion(county.tab, site, HR_A.id, 1, { recommend: true, text: '同意推荐。', leader: '赵某' });
  assert.equal((await forward(county.tab, site, { leader: '赵某', mobile: '13712345678' })).status(), 200);
  assert.ok(site.storedRecord('summary-2019', 'huarong', 1));

  // The forwarded 申报汇总表 from its record: a page to print, a DOCX and an XLSX.
  const { tab } = county;
  const listed = tab.locator('section:has(#summaries-title) li');
  assert.match(await listed.innerText(), /华容县（1所学校，2019-09-01 \d\d:\d\d报送）/);
  await listed.getByRole('link', { name: /华容县/ }).click();
  await tab.waitForURL(/summary-2019\/huarong\/v0001\/$/);
  assert.match(await tab.locator('.review-values').innerText(), new RegExp(`县市区申报负责人\\s+赵某[\\s\\S]*${HR_A.name}`));
  const docx = await download(tab, 'DOCX');
  assert.match(docx.name, /^2019年岳阳市教育信息化创新试点项目申报汇总表（华容县 第1版）\.docx$/);
  assert.match(zipMember(docx.bytes, 'word/document.xml'), new RegExp(`${HR_A.name}[\\s\\S]*赵某|赵某[\\s\\S]*${HR_A.name}`));
  const xlsx = await download(tab, 'XLSX');
  assert.ok(zipMember(xlsx.bytes, 'xl/sharedStrings.xml').includes(`<t>${HR_A.name}</t>`));
  assert.deepEqual(county.problems, []);
  await county.close();

  // Nobody else's: a school of another county is refused the county's form, and its own is its own.
  const school = await personAt(codes[PJ_A.id]);
  const other = await school.tab.context().request.get(site.url('account/versions/summary-2019/huarong/v0001/form.xlsx'));
  assert.equal(other.status(), 403);
  const own = await school.tab.context().request.get(site.url(`${versionPath(PJ_A.id, 1)}form.docx`));
  assert.equal(own.status(), 200);
  assert.match(zipMember(await own.body(), 'word/document.xml'), new RegExp(PJ_A.name));
  await school.close();
});

test('the city sees every application, returns one with a reason, accepts the others', async () => {
  const city = await personAt(staff);
  const { tab } = city;
  const rows = await deskRows(tab);
  assert.deepEqual(Object.keys(rows).sort(), SCHOOLS.map((s) => s.name).sort());
  // The 市直学校 comes straight to the city.
  assert.match(rows[CITY_A.name], /已收到/);
  // Not forwarded: the city may read it but has nothing to decide.
  await tab.goto(site.url(versionPath(PJ_C.id, 1)));
  assert.equal(await tab.locator('#f-reason').count(), 0);

  const returned = await decide(tab, site, PJ_A.id, 1, '退回修改', REASON);
  assert.equal(returned.status(), 200);
  assert.match(await tab.locator('.review-meta').innerText(), /退回修改/);
  assert.match(await tab.locator('.history').innerText(), new RegExp(`刘某：退回修改\\s*${REASON}`));
  for (const school of [PJ_B, HR_A, CITY_A]) assert.equal((await decide(tab, site, school.id, 1, '受理（进入专家评审）')).status(), 200);
  const after = await deskRows(tab);
  assert.match(after[PJ_A.name], new RegExp(`退回修改\\s+理由：${REASON}`));
  assert.match(after[PJ_B.name], /受理/);
  assert.deepEqual(city.problems, []);
  await city.close();
});

test('the school reads the reason, revises, and its new version goes through the county again', async () => {
  const school = await personAt(codes[PJ_A.id]);
  assert.match((await deskRows(school.tab))[PJ_A.name], new RegExp(`第1版 \\| 退回修改\\s+理由：${REASON}`));
  const receipt = await applyByApi(site, codes[PJ_A.id], PJ_A, `${PJ_A.name}智慧课堂（补充经费预算）`);
  assert.equal(receipt.version, 2);
  assert.match((await deskRows(school.tab))[PJ_A.name], /第2版 \| 已收到/);
  await school.close();

  const county = await personAt(codes.pingjiang);
  const { tab } = county;
  await giveOpinion(tab, site, PJ_A.id, 2, { recommend: true, text: '已补充经费预算，同意推荐。', leader: '张某' });
  // The county reads what changed since the version the city returned.
  assert.match(await tab.locator('section:has(#changes-title)').innerText(), /试点项目名称\s+平江县甲中学智慧课堂\s+平江县甲中学智慧课堂（补充经费预算）/);
  assert.equal((await forward(tab, site, { leader: '张某', mobile: '13912345678' })).status(), 200);
  assert.match((await deskRows(tab))[PJ_A.name], /第2版 \| 已报送市局/);
  const summary = site.storedRecord('summary-2019', 'pingjiang', 2);
  assert.equal(summary.fields['schools.0.unit'], PJ_A.name);
  await county.close();
});

test('the 受理情况 page counts each county\'s applications by stage', async () => {
  site.build(true);
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(site.url('calls/pilot-2019/'));
  const table = tab.locator('table:has(caption:text("各县市区审核进度"))');
  const stages = await table.locator('thead th').allInnerTexts();
  const counts = async (county) => {
    const cells = await table.getByRole('row', { name: new RegExp(county) }).locator('th, td').allInnerTexts();
    return Object.fromEntries(stages.slice(1).map((stage, i) => [stage, Number(cells[i + 1])]).filter(([, n]) => n > 0));
  };
  assert.deepEqual(await counts('平江县'), { '县级意见：不推荐': 1, 已报送市局: 1, 受理: 1 });
  assert.deepEqual(await counts('华容县'), { 受理: 1 });
  assert.deepEqual(await counts('市本级'), { 受理: 1 });
  // No person's name reaches the public page.
  assert.doesNotMatch(await tab.locator('main').innerText(), /张某|赵某|刘某/);
  await context.close();
});

test('each forwarded 申报汇总表 is in the internal archive as a page, and in the bureau\'s workbook', () => {
  const internal = path.join(site.work, 'internal');
  site.build(true, internal);
  const text = (version) => fs.readFileSync(path.join(internal, version, 'index.html'), 'utf8').replace(/<[^>]+>/g, ' ');
  assert.match(text('summary-2019/pingjiang/v0001'), new RegExp(`县市区申报负责人\\s+张某[\\s\\S]*(${PJ_A.name}|${PJ_B.name})[\\s\\S]*数字校园`));
  assert.match(text('summary-2019/pingjiang/v0002'), new RegExp(`单位名称第1行\\s+${PJ_A.name}`));
  assert.match(text('summary-2019/huarong/v0001'), new RegExp(`县市区申报负责人\\s+赵某[\\s\\S]*${HR_A.name}`));

  // The workbook's strings, read with python3 (which the deployment already
  // needs) rather than a zip package for node.
  const workbook = path.join(site.work, 'pilot-2019.xlsx');
  execFileSync(site.generator, ['export', '--site', site.site, '--data', site.data, '--keys', site.keys, '--call', 'pilot-2019', '--out', workbook], { stdio: 'ignore' });
  const strings = execFileSync('python3', ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("xl/sharedStrings.xml").decode())', workbook],
    { encoding: 'utf8' });
  // 试点类别 is typed by the county when it forwards: only its 申报汇总表 holds it.
  for (const word of ['2019年岳阳市教育信息化创新试点项目申报汇总表', '试点类别', '数字校园', '已报送']) assert.ok(strings.includes(`<t>${word}</t>`), `${word} is not in the workbook`);
});

test('git holds one commit per act, by its actor, naming the version', async () => {
  const expected = [
    ['平江县', 'pingjiang@units.invalid', `县级意见 application-2019/${PJ_A.id}/v0001：推荐`],
    ['平江县', 'pingjiang@units.invalid', `县级意见 application-2019/${PJ_B.id}/v0001：推荐`],
    ['平江县', 'pingjiang@units.invalid', `县级意见 application-2019/${PJ_C.id}/v0001：不推荐`],
    ['平江县', 'pingjiang@units.invalid', /^报送市局 平江县：application-2019\/pj-[ab]\/v0001，application-2019\/pj-[ab]\/v0001$/],
    ['华容县', 'huarong@units.invalid', `县级意见 application-2019/${HR_A.id}/v0001：推荐`],
    ['华容县', 'huarong@units.invalid', `报送市局 华容县：application-2019/${HR_A.id}/v0001`],
    ['刘某', 'liu@staff.invalid', `退回修改 application-2019/${PJ_A.id}/v0001`],
    ['刘某', 'liu@staff.invalid', `受理 application-2019/${PJ_B.id}/v0001`],
    ['刘某', 'liu@staff.invalid', `受理 application-2019/${HR_A.id}/v0001`],
    ['刘某', 'liu@staff.invalid', `受理 application-2019/${CITY_A.id}/v0001`],
    ['平江县', 'pingjiang@units.invalid', `县级意见 application-2019/${PJ_A.id}/v0002：推荐`],
    ['平江县', 'pingjiang@units.invalid', `报送市局 平江县：application-2019/${PJ_A.id}/v0002`],
  ];
  // Commits follow the acts by about a second.
  let acts = [];
  for (let i = 0; i < 100 && acts.length < expected.length; i++) {
    await new Promise((r) => setTimeout(r, 100));
    acts = site.git('log', '--reverse', '--format=%an|%ae|%s|%(trailers:key=Record,valueonly,separator=)%x00')
      .split('\0').map((c) => c.trim().split('|')).filter((c) => c[3] === 'act');
  }
  assert.equal(acts.length, expected.length, acts.map((c) => c.join('|')).join('\n'));
  for (const [i, [name, email, subject]] of expected.entries()) {
    const [an, ae, s] = acts[i];
    assert.deepEqual([an, ae], [name, email], `act ${i + 1}: ${s}`);
    if (subject instanceof RegExp) assert.match(s, subject);
    else assert.equal(s, subject);
  }
  // A forward commits its 申报汇总表 with it.
  const forwardFiles = site.git('show', '--name-only', '--format=', `:/^报送市局 华容县`);
  assert.match(forwardFiles, /summary-2019\/huarong\/v0001/);
});

test('experts score the 市直学校\'s application: one with a conflict is not offered, none reads another\'s score before giving theirs, the spread is flagged', async () => {
  const zhang = addExpert(site, 'zhang', '张专家', { county: 'yueyanglou' });
  experts.zhang = zhang;
  addExpert(site, 'chen', '陈专家', { unit: CITY_A.id });
  const city = await personAt(staff);
  // 王专家's account is opened by city staff on their page, as one commit under them.
  const wang = await openExpertAccount(city.tab, site, 'wang', '王专家', { county: 'linxiang' });
  assert.match(await city.tab.locator('main').innerText(), /专家账号“wang”已开通[\s\S]*wang\s+王专家\s+名单外单位\s+临湘市/);
  await city.tab.goto(site.url(versionPath(CITY_A.id, 1)));
  // 陈专家 works at the applicant: left out of the choices, and the page says why.
  assert.deepEqual(await city.tab.locator('#f-expert option').allInnerTexts(), ['请选择', '王专家', '张专家']);
  assert.match(await city.tab.locator('section:has(#experts-title)').innerText(), new RegExp(`陈专家是申报单位${CITY_A.name}的人员，须回避`));
  for (const name of ['张专家', '王专家']) assert.equal((await assignExpert(city.tab, site, CITY_A.id, 1, name)).status(), 200);

  // 张专家 reads the application without the field naming its school (what the school wrote
  // into its own text stays), no person's name or number, files by number; saves a draft, then submits.
  const first = await personAt(zhang);
  await first.tab.goto(site.url(DESK));
  const assigned = first.tab.locator('table.review-list a');
  assert.equal(await assigned.count(), 1);
  await assigned.click();
  const assignment = first.tab.url();
  const shown = await first.tab.locator('main').innerText();
  assert.doesNotMatch(shown, /申报学校名称|王某|李某|13912345678|工作方案\.pdf/);
  assert.match(shown, /附件1\.pdf/);
  assert.equal((await scoreAssignment(first.tab, { basis: 18 }, '', false)).status(), 200);
  assert.match(await first.tab.locator('main').innerText(), /已保存草稿/);
  assert.equal(await first.tab.locator('#f-score-basis').inputValue(), '18');
  const submitted = await scoreAssignment(first.tab, { basis: 18, plan: 27, innovation: 26, support: 17 }, '方案完整，示范价值高。', true);
  assert.equal(submitted.status(), 200);
  assert.match(await first.tab.locator('main').innerText(), /总分\s+100\s+88/);
  assert.deepEqual(first.problems, []);
  await first.close();

  // 王专家: the others' scores stay hidden until theirs is in; a score above a criterion's maximum is refused.
  const second = await personAt(wang);
  const hidden = await second.tab.goto(`${assignment}scores/`);
  assert.equal(hidden.status(), 403);
  assert.match(await second.tab.locator('main').innerText(), /提交本人的评分后，才能查看其他专家的评分/);
  await second.tab.goto(assignment);
  const over = await scoreAssignment(second.tab, { basis: 25, plan: 10, innovation: 10, support: 10 }, '一般。', true);
  assert.equal(over.status(), 422);
  assert.match(await second.tab.locator('main').innerText(), /建设基础与需求分析最高20分，不能评25分/);
  await second.tab.goto(assignment);
  assert.equal((await scoreAssignment(second.tab, { basis: 10, plan: 12, innovation: 10, support: 8 }, '创新不足。', true)).status(), 200);
  await second.tab.goto(`${assignment}scores/`);
  const rows = await second.tab.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.innerText.replace(/\s+/g, ' ').trim()));
  assert.deepEqual(rows.map((r) => r.split(' ')[0]).sort(), ['其他专家1', '本人']);
  assert.ok(rows.some((r) => /^其他专家1 18 27 26 17 88 /.test(r)), rows.join('\n'));
  await second.close();

  // City staff see the two scores together, flagged for their spread.
  await city.tab.goto(site.url(versionPath(CITY_A.id, 1)));
  assert.match(await city.tab.locator('.score-summary').innerText(),
    /已提交2份评分：平均64\.0分，中位数64\.0分，最高分与最低分相差48分（满分100分）。评分差异超过20分，请复核。/);
  assert.deepEqual(city.problems, []);
  await city.close();

  // One commit per act, each by its actor.
  let commits = [];
  for (let i = 0; i < 100 && commits.length < 5; i++) {
    await new Promise((r) => setTimeout(r, 100));
    commits = site.git('log', '--reverse', '--format=%an <%ae>|%s', '--grep=^Act: \\(assign\\|score\\)', '--').trim().split('\n').filter(Boolean);
  }
  assert.deepEqual(commits.map((c) => c.replace(/application-2019\/city-a\/v0001/, 'V')), [
    '刘某 <liu@staff.invalid>|分配评审专家 V：张专家',
    '刘某 <liu@staff.invalid>|分配评审专家 V：王专家',
    '张专家 <zhang@staff.invalid>|专家评分 V：草稿',
    '张专家 <zhang@staff.invalid>|专家评分 V：提交',
    '王专家 <wang@staff.invalid>|专家评分 V：提交',
  ]);
  const account = site.git('log', '--format=%an <%ae>|%s|%(trailers:key=Account,valueonly,separator=)', '--grep=^Record: account', '--').trim();
  assert.equal(account, '刘某 <liu@staff.invalid>|开通专家账号 wang（名单外，临湘市）|wang');
});

test('the city decides 立项 in one batch once every review is in, and the 公示 page lists the proposals and the period', async () => {
  const city = await personAt(staff);
  const { tab } = city;
  const decideAll = async (proposed, starts, ends) => {
    await tab.goto(site.url(DESK));
    for (const name of proposed) await tab.getByRole('checkbox', { name }).check();
    await tab.locator('#f-starts').fill(starts);
    await tab.locator('#f-ends').fill(ends);
    await tab.locator('#f-objections').fill('单位以书面形式加盖公章、个人以真实姓名提出，送交市教育体育局。');
    const [response] = await Promise.all([tab.waitForNavigation(), tab.getByRole('button', { name: '确认立项决定并公示' }).click()]);
    return response;
  };
  // 平江县乙小学 and 华容县甲学校 were accepted but nobody has scored them yet.
  const early = await decideAll([CITY_A.name], '2019-10-08', '2019-10-14');
  assert.equal(early.status(), 409);
  assert.match(await tab.locator('main').innerText(), /专家评审还没有结束：还没有专家提交评分/);
  for (const school of [PJ_B, HR_A]) await assignExpert(tab, site, school.id, 1, '张专家');
  const expert = await personAt(experts.zhang);
  for (let i = 0; i < 2; i++) {
    await expert.tab.goto(site.url(DESK));
    await expert.tab.locator('table.review-list tr:has-text("未评分") a').first().click();
    await scoreAssignment(expert.tab, { basis: 15, plan: 20, innovation: 20, support: 15 }, '可以。', true);
  }
  await expert.close();

  const reversed = await decideAll([CITY_A.name, PJ_B.name, HR_A.name], '2019-10-14', '2019-10-08');
  assert.equal(reversed.status(), 422);
  assert.match(await tab.locator('main').innerText(), /公示结束日期不能早于开始日期/);
  assert.equal((await decideAll([CITY_A.name, PJ_B.name, HR_A.name], '2019-10-08', '2019-10-14')).status(), 200);
  assert.match(await tab.locator('main').innerText(), /已作出立项决定：拟立项3项，公示期2019-10-08至2019-10-14/);
  assert.equal(await tab.getByRole('button', { name: '确认立项决定并公示' }).count(), 0, 'decided once');
  await city.close();

  site.build(true);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url('calls/pilot-2019/'));
  await page.getByRole('link', { name: '拟立项名单公示' }).click();
  await page.waitForURL(/calls\/pilot-2019\/publicity\/$/);
  const text = await page.locator('main').innerText();
  assert.match(text, /公示期为2019年10月8日至2019年10月14日/);
  const rows = await page.locator('tbody tr').allInnerTexts();
  assert.deepEqual(rows.map((r) => r.split('\t').slice(1, 2)[0]).sort(), [CITY_A.name, PJ_B.name, HR_A.name].sort());
  assert.match(text, new RegExp(`${CITY_A.name}\\s+${CITY_A.name}智慧课堂`));
  assert.match(text, /单位以书面形式加盖公章、个人以真实姓名提出/);
  // No person's name, no score, nothing of who did not make it.
  assert.doesNotMatch(text, new RegExp(`张专家|王专家|刘某|张某|王某|88|${PJ_A.name}`));
  await context.close();
});

test('an objection during the 公示 is recorded and settled, and the 名单 comes from what stands once the period is over', async () => {
  const city = await personAt(staff);
  const { tab } = city;
  const object = async ({ kind, sealed, received }) => {
    await tab.goto(site.url(DESK));
    await tab.locator('#f-target').selectOption({ label: PJ_B.name });
    await tab.getByRole('radio', { name: kind, exact: true }).check();
    await tab.locator('#f-objector_name').fill(kind === '单位' ? '平江县某中学' : '赵某某');
    await tab.locator('#f-objector_contact').fill('平江县城关镇');
    if (sealed) await tab.getByRole('checkbox', { name: '单位异议已加盖公章' }).check();
    await tab.locator('#f-objector_received').fill(received);
    await tab.locator('#f-objection-text').fill('该校申报的项目与往年项目重复。');
    const [response] = await Promise.all([tab.waitForNavigation(), tab.getByRole('button', { name: '登记异议' }).click()]);
    return response;
  };
  const unsealed = await object({ kind: '单位', sealed: false, received: '2019-10-10' });
  assert.equal(unsealed.status(), 422);
  assert.match(await tab.locator('main').innerText(), /单位提出的异议须加盖公章，否则不予受理/);
  const late = await object({ kind: '个人', sealed: false, received: '2019-10-20' });
  assert.equal(late.status(), 409);
  assert.match(await tab.locator('main').innerText(), /异议须在公示期内（2019-10-08至2019-10-14）提出，逾期不予受理/);
  assert.equal((await object({ kind: '个人', sealed: false, received: '2019-10-10' })).status(), 200);

  // Not over yet, nor settled: no list.
  const list = path.join(site.work, 'list-2019.json');
  const make = (today) => execFileSync(site.generator, ['list', '--site', site.site, '--data', site.data, '--keys', site.keys, '--call', 'pilot-2019', '--today', today, '--out', list],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.throws(() => make('2019-10-14'), /the 公示 runs until 2019-10-14/);
  assert.throws(() => make('2019-10-15'), /is not settled/);

  await tab.goto(site.url(DESK));
  await tab.getByRole('radio', { name: '成立（该项目不列入名单）' }).check();
  await tab.locator('textarea[id^="f-settle-"]').fill('经核实，项目与2018年项目重复，异议成立。');
  const [settled] = await Promise.all([tab.waitForNavigation(), tab.getByRole('button', { name: /^处理第\d+号异议$/ }).click()]);
  assert.equal(settled.status(), 200);
  assert.match(await tab.locator('section:has(#decision-title)').innerText(), new RegExp(`${PJ_B.name}：.*（异议成立，不列入名单）`));
  assert.match(await tab.locator('section:has(#decision-title)').innerText(), /异议成立，该项目不列入名单：经核实/);
  await city.close();

  make('2019-10-15');
  const written = JSON.parse(fs.readFileSync(list, 'utf8'));
  assert.equal(written.title, '2019年岳阳市教育信息化创新试点项目立项名单');
  assert.equal(written.date, '2019-10-15');
  assert.deepEqual(written.entries, [
    { unit: CITY_A.name, school: CITY_A.id, project: `${CITY_A.name}智慧课堂`, leader: '王某' },
    { unit: HR_A.name, school: HR_A.id, project: `${HR_A.name}智慧课堂`, leader: '王某' },
  ]);
  // One commit for the objection, one for its settling, by the staff member (commits follow acts by about a second).
  let subjects = [];
  for (let i = 0; i < 100 && subjects.length < 2; i++) {
    await new Promise((r) => setTimeout(r, 100));
    subjects = site.git('log', '--format=%an|%s', '--grep=^Act: \\(object\\|settle\\)').trim().split('\n').filter(Boolean);
  }
  assert.equal(subjects.length, 2, subjects.join('\n'));
  assert.ok(subjects.every((s) => s.startsWith('刘某|')), subjects.join('\n'));

  // The bureau's workbook holds the expert stage and the 公示 beside each application.
  const workbook = path.join(site.work, 'pilot-2019-decided.xlsx');
  execFileSync(site.generator, ['export', '--site', site.site, '--data', site.data, '--keys', site.keys, '--call', 'pilot-2019', '--out', workbook], { stdio: 'ignore' });
  const strings = zipMember(fs.readFileSync(workbook), 'xl/sharedStrings.xml');
  for (const word of ['各专家总分', '利益冲突回避', '拟立项', '未立项']) assert.ok(strings.includes(`<t>${word}</t>`), `${word} is not in the workbook`);
  assert.match(strings, /张专家：88\n王专家：40/);
  assert.match(strings, /赵某某：该校申报的项目与往年项目重复。（成立：经核实，项目与2018年项目重复，异议成立。）/);
});

// After the 公示: the bureau commits the list the generator made, with the
// 名单 notice and a task-book call for its pilots, and redeploys.
const LIST_NOTICE = 'pilot-list-2019';
const TASK_BOOKS = 'task-books-2019';
const TASK_BOOK = 'task-book-2019';
const TASK_BOOK_YEARS = [2021, 2022, 2023];
const TASK_DESK = `account/calls/${TASK_BOOKS}/`;

function publishList() {
  const data = path.join(site.site, 'data');
  fs.copyFileSync(path.join(site.work, 'list-2019.json'), path.join(data, 'lists', '2019.json'));
  fs.copyFileSync(path.join(data, 'forms', 'task-book-2020.json'), path.join(data, 'forms', `${TASK_BOOK}.json`));
  fs.writeFileSync(path.join(data, 'calls', `${TASK_BOOKS}.json`), JSON.stringify({
    title: '2019年岳阳市教育信息化创新试点项目计划任务书报送', notice: LIST_NOTICE, deadline: '2019-11-30',
    deadline_label: '计划任务书', forms: [TASK_BOOK], list: '2019',
  }, null, 2));
  fs.writeFileSync(path.join(site.site, 'content', 'notices', `${LIST_NOTICE}.md`), [
    '---', 'title: 关于公布2019年岳阳市教育信息化创新试点项目名单的通知', 'issuer: 岳阳市教育体育局', 'date: 2019-10-15',
    'category: 通知公告', 'addressees: 各县市区教育（体）局，市直各学校', 'signature: 岳阳市教育体育局', 'attachments:',
    '  - title: 2019年岳阳市教育信息化创新试点项目立项名单', '    data: lists/2019.json',
    '  - title: 岳阳市教育信息化试点项目计划任务书', `    data: forms/${TASK_BOOK}.json`, '---', '',
    '经单位申报、专家评审、现场考察、网络公示等环节，确定以下单位为试点单位，现予公布（名单见附件1）。请于2019年11月30日前报送计划任务书。', '',
  ].join('\n'));
}

test('the 名单 notice publishes the list the decisions made, and the listed units\' task books are confirmed by their county and signed by the city', async () => {
  publishList();
  site.build(true);
  await site.collectorAt('2019-10-20T09:00:00+08:00');
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url(`notices/${LIST_NOTICE}/`));
  await page.getByRole('link', { name: '2019年岳阳市教育信息化创新试点项目立项名单' }).first().click();
  const listed = await page.locator('main tbody tr').allInnerTexts();
  assert.deepEqual(listed.map((r) => r.split('\t')[0]), [CITY_A.name, HR_A.name]);
  await context.close();

  // The task books, through the API as the online form sends them: only from listed units.
  for (const school of [CITY_A, HR_A]) {
    const { status } = await submitByApi(site, TASK_BOOK, taskBookFields(codes[school.id], school, `${school.name}智慧课堂`, TASK_BOOK_YEARS));
    assert.equal(status, 201, school.id);
  }
  const outsider = await submitByApi(site, TASK_BOOK, taskBookFields(codes[PJ_B.id], PJ_B, '智慧课堂', TASK_BOOK_YEARS));
  assert.equal(outsider.status, 403);
  assert.equal(outsider.answer.error.code, 'not_on_list');

  const taskBookPath = (unit) => `account/versions/${TASK_BOOK}/${unit}/v0001/`;
  // Another county may not open, let alone confirm, 华容县's task book; the city cannot sign before 华容县 confirms.
  const pingjiang = await personAt(codes.pingjiang);
  assert.equal((await pingjiang.tab.goto(site.url(taskBookPath(HR_A.id)))).status(), 403);
  await pingjiang.close();
  const city = await personAt(staff);
  await city.tab.goto(site.url(taskBookPath(HR_A.id)));
  assert.equal(await city.tab.getByRole('button', { name: '签订计划任务书' }).count(), 0);
  assert.match(await city.tab.locator('section:has(#signatures-title)').innerText(), /责任部门（乙方）\s+华容县教育行政部门：待确认/);

  const huarong = await personAt(codes.huarong);
  await huarong.tab.goto(site.url(TASK_DESK));
  assert.match(await huarong.tab.locator('main').innerText(), /请逐份核对，确认（乙方）后报市局签订/);
  await huarong.tab.getByRole('link', { name: HR_A.name }).first().click();
  const [confirmed] = await Promise.all([huarong.tab.waitForNavigation(), huarong.tab.getByRole('button', { name: '确认计划任务书' }).click()]);
  assert.equal(confirmed.status(), 200);
  assert.match(await huarong.tab.locator('.review-meta').innerText(), /乙方已确认/);
  assert.deepEqual(huarong.problems, []);
  await huarong.close();

  for (const school of [HR_A, CITY_A]) {
    await city.tab.goto(site.url(taskBookPath(school.id)));
    const [signed] = await Promise.all([city.tab.waitForNavigation(), city.tab.getByRole('button', { name: '签订计划任务书' }).click()]);
    assert.equal(signed.status(), 200);
    assert.match(await city.tab.locator('.review-meta').innerText(), /已签订/);
  }
  const parties = await city.tab.locator('section:has(#signatures-title)').innerText();
  assert.match(parties, /责任部门（乙方）\s+—：市直学校不经县市区确认/);
  assert.match(parties, /主管部门（甲方）\s+岳阳市教育体育局：2019-10-20 09:\d\d在线签订/);

  // The printed 计划任务书 says who signed, when.
  await city.tab.goto(site.url(taskBookPath(HR_A.id)));
  const docx = await download(city.tab, 'DOCX');
  const text = zipMember(docx.bytes, 'word/document.xml');
  assert.match(text, /华容县教育行政部门已于2019-10-20 09:\d\d在线确认/);
  assert.match(text, /岳阳市教育体育局已于2019-10-20 09:\d\d在线签订/);
  assert.deepEqual(city.problems, []);
  await city.close();

  let commits = [];
  for (let i = 0; i < 100 && commits.length < 3; i++) {
    await new Promise((r) => setTimeout(r, 100));
    commits = site.git('log', '--reverse', '--format=%an|%s', '--grep=^Act: \\(confirm\\|sign\\)$').trim().split('\n').filter(Boolean);
  }
  assert.deepEqual(commits, [
    `华容县|责任部门确认（乙方） ${TASK_BOOK}/${HR_A.id}/v0001`,
    `刘某|主管部门签订（甲方） ${TASK_BOOK}/${HR_A.id}/v0001`,
    `刘某|主管部门签订（甲方） ${TASK_BOOK}/${CITY_A.id}/v0001`,
  ]);
});

// Records the next event of a pilot from its page; resolves to the answer.
async function recordEvent(tab, unit, { act, held, year, result, until, text }) {
  await tab.goto(site.url(`${TASK_DESK}pilots/${unit}/`));
  await tab.getByRole('radio', { name: act, exact: true }).check();
  await tab.locator('#f-held').fill(held);
  if (year) await tab.locator('#f-year').fill(String(year));
  if (result) await tab.getByRole('radio', { name: result, exact: true }).check();
  if (until) await tab.locator('#f-until').fill(until);
  if (text) await tab.locator('#f-record-text').fill(text);
  const [response] = await Promise.all([tab.waitForNavigation(), tab.getByRole('button', { name: '登记', exact: true }).click()]);
  return response;
}

test('the registry records one pilot through 验收 and the other to 限期整改, and a later call admits the first and refuses the second', async () => {
  await site.collectorAt('2021-07-01T09:00:00+08:00');
  // 华容县 records its own pilot's 年度检查; it has no form for the 市直学校's.
  const huarong = await personAt(codes.huarong);
  assert.equal((await recordEvent(huarong.tab, HR_A.id, { act: '年度检查', held: '2020-12-20', year: 2020, result: '合格' })).status(), 200);
  assert.equal((await huarong.tab.goto(site.url(`${TASK_DESK}pilots/${CITY_A.id}/`))).status(), 403);
  await huarong.close();

  const city = await personAt(staff);
  const early = await recordEvent(city.tab, CITY_A.id, { act: '验收通过', held: '2019-09-30', text: '验收' });
  assert.equal(early.status(), 409);
  assert.match(await city.tab.locator('main').innerText(), /验收通过不能早于立项（2019-10-15）/);
  assert.equal((await recordEvent(city.tab, CITY_A.id, { act: '验收通过', held: '2021-06-20', text: '达到任务书目标。' })).status(), 200);
  assert.equal((await recordEvent(city.tab, HR_A.id, { act: '限期整改', held: '2021-06-21', until: '2021-12-31', text: '经费未按计划到位。' })).status(), 200);
  assert.match(await city.tab.locator('.review-meta').innerText(), /验收未通过，限期整改（至2021-12-31）/);
  await city.tab.goto(site.url(TASK_DESK));
  const stages = await city.tab.locator('table.pilot-list tbody tr').allInnerTexts();
  assert.deepEqual(stages.map((r) => r.split('\t').pop()), ['已通过验收（2021-06-20）', '验收未通过，限期整改（至2021-12-31）']);
  assert.deepEqual(city.problems, []);
  await city.close();

  // The public page of the list shows each pilot's stage, and nothing personal.
  site.build(true);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url('lists/2019/'));
  await page.getByRole('link', { name: '各试点项目的进展' }).click();
  const shown = await page.locator('main').innerText();
  assert.match(shown, new RegExp(`${CITY_A.name}\\s+${CITY_A.name}智慧课堂\\s+已通过验收（2021-06-20）`));
  assert.match(shown, new RegExp(`${HR_A.name}\\s+${HR_A.name}智慧课堂\\s+验收未通过，限期整改（至2021-12-31）`));
  assert.doesNotMatch(shown, /刘某|王某|经费未按计划到位/);
  await context.close();

  // The offline archive has a page per call: the registry, and the 2019 call's scores and objections.
  const internal = path.join(site.work, 'internal');
  site.build(true, internal);
  const archived = (call) => fs.readFileSync(path.join(internal, 'calls', call, 'index.html'), 'utf8').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  assert.match(archived(TASK_BOOKS), /已通过验收（2021-06-20） 2021-06-20 验收通过；达到任务书目标。（刘某登记）/);
  assert.match(archived(TASK_BOOKS), /2021-06-21 限期整改，整改至2021-12-31；经费未按计划到位。（刘某登记）/);
  assert.match(archived('pilot-2019'), /平均64\.0分，相差48分（差异过大，请复核） 张专家：88 王专家：40/);
  assert.match(archived('pilot-2019'), /（(不成立|成立)：/);

  // A later call that bars unfinished pilots, opened on 2021-07-01.
  const data = path.join(site.site, 'data');
  fs.copyFileSync(path.join(data, 'forms', 'application-2019.json'), path.join(data, 'forms', 'application-2021.json'));
  fs.writeFileSync(path.join(data, 'calls', 'pilot-2021.json'), JSON.stringify({
    title: '2021年岳阳市教育信息化创新试点项目申报', notice: '2019-pilot-call', deadline: '2021-09-30', deadline_label: '申报材料',
    forms: ['application-2021'], exclude_unfinished_pilots: true, opens: '2021-07-01',
  }, null, 2));
  await site.collectorAt('2021-07-05T09:00:00+08:00');
  await applyByApi(site, codes[CITY_A.id], CITY_A, `${CITY_A.name}智慧校园`, 'application-2021');
  const barred = await submitByApi(site, 'application-2021', applicationFields(codes[HR_A.id], HR_A, `${HR_A.name}智慧校园`), { work_plan: ['工作方案.pdf', require('./lib/review_chain').PDF] });
  assert.equal(barred.status, 403);
  assert.equal(barred.answer.error.code, 'ineligible');
  assert.match(barred.answer.error.message, new RegExp(`2019年岳阳市教育信息化创新试点项目立项名单中的“${HR_A.name}智慧课堂”尚未完成验收`));

  // The bureau's workbook of the task-book call holds the registry.
  const workbook = path.join(site.work, `${TASK_BOOKS}.xlsx`);
  execFileSync(site.generator, ['export', '--site', site.site, '--data', site.data, '--keys', site.keys, '--call', TASK_BOOKS, '--out', workbook], { stdio: 'ignore' });
  const strings = zipMember(fs.readFileSync(workbook), 'xl/sharedStrings.xml');
  assert.ok(strings.includes('<t>登记记录</t>'), 'the registry sheet is in the workbook');
  assert.match(strings, /2021-06-21 限期整改，整改至2021-12-31；经费未按计划到位。（刘某登记）/);

  let commits = [];
  for (let i = 0; i < 100 && commits.length < 3; i++) {
    await new Promise((r) => setTimeout(r, 100));
    commits = site.git('log', '--reverse', '--format=%an|%s', '--grep=^Act: \\(annual_check\\|acceptance\\|rectify\\)$').trim().split('\n').filter(Boolean);
  }
  assert.deepEqual(commits, [
    `华容县|年度检查 ${HR_A.name} (${HR_A.id})：2020-12-20 2020年度 合格`,
    `刘某|验收通过 ${CITY_A.name} (${CITY_A.id})：2021-06-20`,
    `刘某|限期整改 ${HR_A.name} (${HR_A.id})：2021-06-21 整改至2021-12-31`,
  ]);
});
