// search.js's own functions against the index of the bundled site, as the
// page would run them: node tests/search_test.js GENERATOR REPO
// Builds the site into a temporary directory with the given generator.
'use strict';

const assert = require('assert');
const childProcess = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [generator, repo] = process.argv.slice(2).map((p) => p && path.resolve(p));
if (!generator || !repo) {
  console.error('usage: node search_test.js GENERATOR REPO');
  process.exit(2);
}

const search = require(path.join(repo, 'themes', 'default', 'static', 'assets', 'search.js'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'search-test-'));
const failures = [];

function check(name, fn) {
  try {
    fn();
    console.log('ok - ' + name);
  } catch (e) {
    failures.push(name);
    console.log('not ok - ' + name + '\n  ' + String(e.message).split('\n').join('\n  '));
  }
}

function titles(index, query) {
  return search.search(index, query).map((r) => r.title);
}

function includesAll(found, expected) {
  const missing = expected.filter((t) => !found.includes(t));
  assert.deepStrictEqual(missing, [], 'missing from ' + JSON.stringify(found));
}

try {
  const out = path.join(work, 'public');
  childProcess.execFileSync(generator, ['build', '--site', repo, '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  const raw = JSON.parse(fs.readFileSync(path.join(out, 'search', 'index.json'), 'utf8'));
  const index = search.prepare(raw);
  const listNotice = '关于公布2020年度“岳阳市教育信息化试点项目”名单的通知';
  const callNotice = '关于申报2019年岳阳市教育信息化创新试点项目的通知';

  check('queries are cut as the generator cuts text', () => {
    assert.deepStrictEqual(search.tokens('２０１９年XXXX智慧教育，汨'), ['2019', '年', 'xxxx', '智慧', '慧教', '教育', '汨']);
    assert.deepStrictEqual(search.queryTerms('任务书').map((t) => t.type + ':' + t.text), ['pair:任务', 'pair:务书']);
    // Every title is indexed: each of its tokens, as search.js cuts it, is a key.
    for (const doc of raw.docs) {
      for (const token of search.tokens(doc[1])) assert.ok(token in raw.postings, doc[1] + ': no postings for ' + token);
    }
  });

  check('智慧 finds notices, topics and the units whose projects hold it', () => {
    includesAll(titles(index, '智慧'), [callNotice, '二、智慧教育实践与探究', '汨罗市正则学校']);
  });

  check('汨罗 finds the listed school and the county of the quota table, titles first', () => {
    const found = titles(index, '汨罗');
    includesAll(found, ['汨罗市正则学校', '汨罗市', listNotice]);
    assert.ok(!found.includes('平江县'));
    assert.ok(found.indexOf(listNotice) > found.indexOf('汨罗市'), 'a title match ranks first: ' + JSON.stringify(found));
  });

  check('任务书 finds the task book, its Word file and the notice attaching it', () => {
    const found = titles(index, '任务书');
    assert.deepStrictEqual(found, ['岳阳市教育信息化试点项目计划任务书', '岳阳市教育信息化试点项目计划任务书.docx', listNotice]);
    const docx = search.search(index, '任务书').find((r) => r.title.endsWith('.docx'));
    assert.strictEqual(docx.url, 'forms/task-book-2020/task-book-2020.docx');
    assert.strictEqual(docx.kindLabel, '附件');
  });

  check('a Latin word is found whole, by its start and in full-width letters', () => {
    for (const q of ['XXXX', 'xx', 'ＸＸＸＸ']) includesAll(titles(index, q), ['2019年XXXX教育信息化创新试点工作方案（提纲）']);
    assert.deepStrictEqual(titles(index, 'docx 任务书'), ['岳阳市教育信息化试点项目计划任务书.docx']);
  });

  check('one character finds what its pairs find; all pieces of a query must match', () => {
    includesAll(titles(index, '汨'), ['汨罗市正则学校', '汨罗市']);
    assert.deepStrictEqual(titles(index, '汨罗 平江'), []);
    assert.deepStrictEqual(titles(index, '量子纠缠'), []);
    assert.deepStrictEqual(titles(index, '，。 '), []);
  });

  check('matches are marked, with overlapping pieces joined', () => {
    assert.deepStrictEqual(search.highlight('汨罗市正则学校', '汨罗'),
      [{ text: '汨罗', mark: true }, { text: '市正则学校', mark: false }]);
    assert.deepStrictEqual(search.highlight('二、智慧教育实践', '智慧教育').filter((p) => p.mark).map((p) => p.text), ['智慧教育']);
    assert.deepStrictEqual(search.highlight('方案XXXX', 'xxxx').filter((p) => p.mark).map((p) => p.text), ['XXXX']);
    assert.strictEqual(search.chineseDate('2021-01-05'), '2021年1月5日');
  });
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

if (failures.length) {
  console.log(failures.length + ' failed');
  process.exit(1);
}
