'use strict';
// A collector data directory as the collector leaves it: one school's
// application with its uploaded work plan (two versions, so the review site
// shows a diff) and one task book. Written by the collector itself
// (`collector store-record`), so that the records have the keys and format
// its C++ code defines.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pdfBytes } = require('./pdf');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

function collectorPath() {
  const collector = process.env.SITE_COLLECTOR || path.resolve(__dirname, '..', '..', '..', 'build', 'collector', 'collector');
  if (!fs.existsSync(collector)) {
    throw new Error(`collector not found at ${collector}: build it first (cmake --build build --target collector)`);
  }
  return collector;
}

// `record` without the keys the store decides (format, version, files);
// versions of one unit are numbered in the order they are written.
function writeVersion(data, record, uploads = {}) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'submissions-fixture-'));
  try {
    const args = ['store-record', '--site', REPO_ROOT, '--data', data, '--keys', `${data}.keys`];
    for (const [field, { originalName, bytes }] of Object.entries(uploads)) {
      const file = path.join(scratch, field);
      fs.writeFileSync(file, bytes);
      args.push('--file', `${field}=${originalName}=${file}`);
    }
    execFileSync(collectorPath(), args, { input: JSON.stringify(record), stdio: ['pipe', 'ignore', 'inherit'] });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function writeSubmissions(data) {
  const plan = pdfBytes(Buffer.from('work plan'));
  const application = { form: 'application-2019', call: 'pilot-2019', unit: 'pingjiang-guihua', privacy_notice: '2026-11-1' };
  const fields = { unit_name: '平江县桂花学校', project_name: '家校共育共同体建设创新与实践', plan_summary: '要点' };
  writeVersion(data, { ...application, receipt: '20190901-aaaaaa', received_at: '2019-09-01T10:00:00+08:00', fields },
    { work_plan: { originalName: '工作方案.pdf', bytes: plan } });
  writeVersion(data, { ...application, receipt: '20190902-bbbbbb', received_at: '2019-09-02T09:30:00+08:00',
    fields: { ...fields, plan_summary: '要点（修改）' } }, { work_plan: { originalName: '工作方案.pdf', bytes: plan } });
  writeVersion(data, { form: 'task-book-2020', call: 'task-books-2020', unit: 'miluo-zhengze', privacy_notice: '2026-11-1',
    receipt: '20210110-cccccc', received_at: '2021-01-10T10:00:00+08:00', fields: { unit_name: '汨罗市正则学校', project_name: '智慧教育实践与探究' } });
}

// Acts of the 2019 call as the collector stores them, so that the gates
// see the pages its decision publishes (the 公示): the revised application
// accepted, then proposed for 立项.
function writeDecision(data) {
  const dir = path.join(data, 'acts', 'pilot-2019');
  fs.mkdirSync(dir, { recursive: true });
  const city = { role: 'city', id: 'gates', name: '刘某' };
  const version = { form: 'application-2019', unit: 'pingjiang-guihua', version: 2 };
  const acts = [
    { act: 'accept', at: '2019-09-30T10:00:00+08:00', target: version },
    { act: 'decide', at: '2019-10-08T09:00:00+08:00', starts: '2019-10-08', ends: '2019-10-14',
      text: '单位以书面形式加盖公章、个人以真实姓名提出异议，送交市教育体育局。',
      proposed: [{ version, unit_name: '平江县桂花学校', project: '家校共育共同体建设创新与实践' }] },
  ];
  acts.forEach((act, i) => {
    const record = { format: 1, number: i + 1, act: act.act, call: 'pilot-2019', at: act.at, actor: city, ...act };
    fs.writeFileSync(path.join(dir, `${String(i + 1).padStart(6, '0')}.json`), `${JSON.stringify(record, null, 2)}\n`);
  });
}

module.exports = { writeDecision, writeSubmissions };
