'use strict';
// The steps of the review chain as the people in it take them, for the tests
// that walk it (review_chain.test.js) and the gates that check its pages
// (collector_pages.js): a school applies through the JSON API with its
// access code, and the county and city act on their signed-in pages in
// Chromium, as they would at their desks.

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { repoRoot } = require('./deployment');
const { pdfBytes } = require('./pdf');

const PRIVACY_VERSION = JSON.parse(fs.readFileSync(path.join(repoRoot, 'data', 'privacy.json'), 'utf8')).version;

// The collector opens every PDF it is sent.
const PDF = pdfBytes();

// Sends a form through the JSON API as a script would: fields by name, and
// files as { field: [name, bytes] }; resolves to { status, answer }.
async function submitByApi(site, form, fields, files = {}) {
  const body = new FormData();
  for (const [name, value] of Object.entries({ privacy_notice: PRIVACY_VERSION, ...fields })) body.append(name, value);
  for (const [field, [name, bytes]] of Object.entries(files)) body.append(field, new Blob([bytes], { type: 'application/pdf' }), name);
  const response = await fetch(site.url(`api/submissions/${form}`), { method: 'POST', body, headers: { Accept: 'application/json' } });
  return { status: response.status, answer: await response.json() };
}

// A school's 申请表 (of the 2019 call, or of `form`): its fields and its 工作方案.
function applicationFields(code, school, project) {
  return {
    access_code: code, unit_name: school.name, project_name: project,
    leader: '王某', leader_mobile: '13912345678', contact: '李某', contact_mobile: '13812345678',
    plan_summary: `${project}：覆盖全校的应用与教研。`,
  };
}

// Sends a school's 申请表; resolves to the collector's JSON receipt, and throws on a refusal.
async function applyByApi(site, code, school, project, form = 'application-2019') {
  const { status, answer } = await submitByApi(site, form, applicationFields(code, school, project), { work_plan: ['工作方案.pdf', PDF] });
  if (status !== 201) throw new Error(`${school.id} could not apply: ${status} ${JSON.stringify(answer)}`);
  return answer;
}

// A listed school's 计划任务书 of `form`, a plan and a budget for each of `years` that adds up.
function taskBookFields(code, school, project, years) {
  const fields = { access_code: code, unit_name: school.name, project_name: project, project_leader: '王某', contact_phone: '0730-8805708' };
  for (const y of years) {
    Object.assign(fields, {
      [`content.${y}`]: `${y}年建设智慧课堂`, [`budget_total.${y}`]: '30.5', [`budget_higher.${y}`]: '10', [`budget_self.${y}`]: '20.5',
      [`budget_items.${y}.0.item`]: '智慧课堂', [`budget_items.${y}.0.cost`]: '30.5',
    });
  }
  return fields;
}

// A city staff account; resolves to { login, password }.
function addStaff(site, login, name) {
  const password = execFileSync(site.collectorBin, ['add-staff', '--data', site.data, login, '--name', name], { encoding: 'utf8' }).trim();
  return { login, password };
}

// An expert's account, of `unit` or `county` as units.json names them; resolves to { login, password }.
function addExpert(site, login, name, { unit, county }) {
  const args = ['add-staff', '--data', site.data, login, '--name', name, '--expert', '--site', site.site];
  if (unit) args.push('--unit', unit);
  if (county) args.push('--county', county);
  const password = execFileSync(site.collectorBin, args, { encoding: 'utf8' }).trim();
  return { login, password };
}

// City staff, signed in on `tab`, open an expert's account on their page
// (`unit` or `county` as units.json names them); resolves to { login, password }
// as the page shows it, once, and the response that showed it.
async function openExpertAccount(tab, site, login, name, { unit, county }) {
  await tab.goto(site.url('account/experts/'));
  await tab.locator('#f-login').fill(login);
  await tab.locator('#f-name').fill(name);
  if (unit) await tab.locator('#f-unit').selectOption(unit);
  if (county) await tab.locator('#f-county').selectOption(county);
  const [response] = await Promise.all([tab.waitForNavigation(), tab.getByRole('button', { name: '开通账号' }).click()]);
  if (response.status() !== 200) throw new Error(`opening ${login}: ${response.status()} ${await tab.locator('main').innerText()}`);
  return { login, password: (await tab.locator('code.secret').innerText()).trim(), response };
}

// Signs the tab in, with an access code (a string) or a staff account; resolves
// to the response of the page it lands on.
async function signIn(tab, site, who) {
  await tab.goto(site.url('account/sign-in/'));
  let button;
  if (typeof who === 'string') {
    await tab.locator('#f-access_code').fill(who);
    button = tab.locator('form:has(#f-access_code) button');
  } else {
    await tab.locator('#f-login').fill(who.login);
    await tab.locator('#f-password').fill(who.password);
    button = tab.locator('form:has(#f-login) button');
  }
  const [response] = await Promise.all([tab.waitForNavigation(), button.click()]);
  return response;
}

function versionPath(unit, version) {
  return `account/versions/application-2019/${unit}/v${String(version).padStart(4, '0')}/`;
}

// Sends the form on the page the tab shows with its button `name`; resolves to the answer.
async function send(tab, name) {
  const [response] = await Promise.all([tab.waitForNavigation(), tab.getByRole('button', { name }).click()]);
  return response;
}

// A county's 县级意见 on one version, from that version's page.
async function giveOpinion(tab, site, unit, version, { recommend, text, leader }) {
  await tab.goto(site.url(versionPath(unit, version)));
  await tab.getByRole('radio', { name: recommend ? '推荐' : '不推荐', exact: true }).check();
  await tab.locator('#f-text').fill(text);
  await tab.locator('#f-leader').fill(leader);
  return send(tab, '保存县级意见');
}

// A county confirms its 申报汇总表 on its desk: every recommended version, in the desk's order.
async function forward(tab, site, { leader, mobile }) {
  await tab.goto(site.url('account/calls/pilot-2019/'));
  await tab.locator('#f-county_leader').fill(leader);
  await tab.locator('#f-county_leader_mobile').fill(mobile);
  const categories = tab.locator('input[name^="category."]');
  for (let i = 0; i < await categories.count(); i++) await categories.nth(i).fill('数字校园');
  const furong = tab.locator('input[name^="furong_school."]');
  for (let i = 0; i < await furong.count(); i++) await furong.nth(i).fill('否');
  return send(tab, '确认汇总表并报送市局');
}

// The city's decision on one version: act is 受理 / 退回修改 / 不予受理 as the page words it.
async function decide(tab, site, unit, version, act, reason) {
  await tab.goto(site.url(versionPath(unit, version)));
  await tab.getByRole('radio', { name: act }).check();
  if (reason) await tab.locator('#f-reason').fill(reason);
  return send(tab, '提交审核结果');
}

// City staff assign the expert `name` to a version, from that version's page.
async function assignExpert(tab, site, unit, version, name) {
  await tab.goto(site.url(versionPath(unit, version)));
  await tab.locator('#f-expert').selectOption({ label: name });
  return send(tab, '分配评审');
}

// An expert scores the assignment the tab shows: points by criterion key;
// `final` submits, otherwise the draft is saved.
async function scoreAssignment(tab, points, comment, final) {
  for (const [key, value] of Object.entries(points)) await tab.locator(`#f-score-${key}`).fill(String(value));
  await tab.locator('#f-comment').fill(comment);
  return send(tab, final ? '提交评分' : '保存草稿');
}

module.exports = { PDF, addExpert, addStaff, applicationFields, applyByApi, submitByApi, taskBookFields, assignExpert, decide, forward, giveOpinion, openExpertAccount, scoreAssignment, signIn, versionPath };
