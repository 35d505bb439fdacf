'use strict';
// A collector data directory as the collector leaves it, small enough to
// write by hand: one school's application with its uploaded work plan (two
// versions, so the review site shows a diff) and one task book.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

function writeVersion(data, meta, uploads = {}) {
  const dir = path.join(data, 'submissions', meta.form, meta.unit, `v${String(meta.version).padStart(4, '0')}`);
  fs.mkdirSync(dir, { recursive: true });
  const files = [];
  for (const [field, { name, originalName, bytes }] of Object.entries(uploads)) {
    fs.writeFileSync(path.join(dir, name), bytes);
    files.push({ field, name, original_name: originalName, bytes: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex') });
  }
  fs.writeFileSync(path.join(dir, 'submission.json'), JSON.stringify({ ...meta, files }, null, 2));
}

function writeSubmissions(data) {
  const plan = Buffer.from('%PDF-1.4\n% work plan\n%%EOF\n');
  const application = { form: 'application-2019', call: 'pilot-2019', unit: 'pingjiang-guihua' };
  const fields = { unit_name: '平江县桂花学校', project_name: '家校共育共同体建设创新与实践', plan_summary: '要点' };
  writeVersion(data, { ...application, receipt: '20190901-aaaaaa', version: 1, received_at: '2019-09-01T10:00:00+08:00', fields },
    { work_plan: { name: 'work_plan.pdf', originalName: '工作方案.pdf', bytes: plan } });
  writeVersion(data, { ...application, receipt: '20190902-bbbbbb', version: 2, received_at: '2019-09-02T09:30:00+08:00',
    fields: { ...fields, plan_summary: '要点（修改）' } }, { work_plan: { name: 'work_plan.pdf', originalName: '工作方案.pdf', bytes: plan } });
  writeVersion(data, { form: 'task-book-2020', call: 'task-books-2020', unit: 'miluo-zhengze', receipt: '20210110-cccccc', version: 1,
    received_at: '2021-01-10T10:00:00+08:00', fields: { unit_name: '汨罗市正则学校', project_name: '智慧教育实践与探究' } });
}

module.exports = { writeSubmissions };
