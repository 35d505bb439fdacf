'use strict';
// The online forms check fields before sending, with the collector's message
// templates. This runs their script (themes/default/static/assets/online-form.js)
// on the schema the generator puts in each form page, over the cases that
// tests/common_form_validation_test.cpp runs through the collector's own
// validation: both must give the same errors, in the same order, word for word.

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { after, before, test } = require('node:test');

const repoRoot = path.resolve(__dirname, '..', '..');
const script = require(path.join(repoRoot, 'themes', 'default', 'static', 'assets', 'online-form.js'));
const cases = JSON.parse(fs.readFileSync(path.join(repoRoot, 'tests', 'validation_cases.json'), 'utf8'));

let out;
before(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'parity-'));
  const generator = process.env.SITE_GENERATOR || path.join(repoRoot, 'build', 'generator', 'generator');
  // A day on which both bundled calls are open, so that every form page holds its form.
  execFileSync(generator, ['build', '--site', repoRoot, '--out', out, '--today', '2019-09-01'], { stdio: ['ignore', 'pipe', 'inherit'] });
});
after(() => fs.rmSync(out, { recursive: true, force: true }));

function decodeAttribute(text) {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function schemaOf(form) {
  const page = fs.readFileSync(path.join(out, 'forms', form, 'fill', 'index.html'), 'utf8');
  const m = / data-schema="([^"]*)"/.exec(page);
  assert.ok(m, `no data-schema in forms/${form}/fill/index.html`);
  return JSON.parse(decodeAttribute(m[1]));
}

for (const c of cases.cases) {
  test(c.name, () => {
    const values = { ...cases.bases[c.base], ...c.set };
    const errors = script.validate(schemaOf(c.form), values);
    assert.deepEqual(errors.map((e) => `${e.code}|${e.field}|${e.message}`), c.errors.map((e) => `${e.code}|${e.field}|${e.message}`));
  });
}

test('the budget sums shown while typing are the collector\'s sums', () => {
  const schema = schemaOf('task-book-2020');
  const values = { ...cases.bases.task_book, 'budget_items.2021.5.cost': '1.5' };
  const rule = schema.rules.find((r) => r.code === 'column_sum_mismatch' && r.total_key === 'budget_total.2021');
  const sums = script.ruleSums(schema, rule, values);
  assert.equal(script.formatMoney(sums.sum), '32');
  assert.equal(script.formatMoney(sums.total), '30.5');
});

test('a call is closed from the day after its deadline, in Shanghai time', () => {
  assert.equal(script.deadlinePassed('2019-09-22', Date.parse('2019-09-22T15:59:59Z')), false);
  assert.equal(script.deadlinePassed('2019-09-22', Date.parse('2019-09-22T16:00:00Z')), true);
});
