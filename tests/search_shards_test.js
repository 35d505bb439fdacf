// The sharded index gives what index.json gives: for 300 queries on the
// benchmark corpus at 1,000 notices, searchShards() finds as many documents
// as search() and gives the same first page of results in the same order,
// and the same first five pages.
//   node tests/search_shards_test.js GENERATOR REPO
'use strict';

const assert = require('assert');
const childProcess = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [generator, repo] = process.argv.slice(2).map((p) => p && path.resolve(p));
if (!generator || !repo) {
  console.error('usage: node search_shards_test.js GENERATOR REPO');
  process.exit(2);
}

const search = require(path.join(repo, 'themes', 'default', 'static', 'assets', 'search.js'));
const SHOWN = search.page;  // as the page shows them at first
const LIMITS = [SHOWN, 5 * SHOWN];  // and after 显示更多 four times
const QUERIES = 300;

// Pieces of one to four characters of titles and excerpts, words, two
// words, a word with Han characters, in full width too, and what no
// document holds: spread over the documents by a fixed stride.
function queries(docs) {
  const out = [];
  for (let k = 0; out.length < QUERIES; ++k) {
    const doc = docs[(k * 7919) % docs.length];
    const runs = (k % 2 ? doc[1] : doc[4]).match(/[\u3400-\u9fff]+|[0-9A-Za-z]+/g) || [];
    const run = runs[k % Math.max(runs.length, 1)] || '汨罗';
    const length = 1 + (k % 4);
    const start = (k * 31) % Math.max(run.length - length + 1, 1);
    const piece = run.slice(start, start + length);
    const other = runs[(k + 1) % Math.max(runs.length, 1)] || '';
    const forms = [piece, piece + ' ' + other, piece.toUpperCase(), '2019 ' + piece, piece + '汨罗'];
    out.push(forms[k % forms.length]);
  }
  return out;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'search-shards-test-'));
let failed = false;
(async () => {
  try {
    const site = childProcess.execFileSync('python3', [path.join(repo, 'scripts', 'bench_site.py'), work, '-n', '1000'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
    const out = path.join(work, 'public');
    childProcess.execFileSync(generator, ['build', '--site', site, '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
    const raw = JSON.parse(fs.readFileSync(path.join(out, 'search', 'index.json'), 'utf8'));
    const index = search.prepare(raw);
    const shardsDir = path.join(out, 'search', 'shards');
    const shards = search.shards((name) => Promise.resolve(JSON.parse(fs.readFileSync(path.join(shardsDir, name), 'utf8'))));
    let found = 0;
    let many = 0;
    for (const query of queries(raw.docs)) {
      const whole = search.search(index, query);
      for (const limit of LIMITS) {
        const sharded = await search.searchShards(shards, query, limit);
        assert.strictEqual(sharded.count, whole.length, query + ': how many found');
        assert.deepStrictEqual(sharded.results, whole.slice(0, limit), `${query}: the first ${limit} results`);
      }
      if (whole.length) ++found;
      if (whole.length > SHOWN) ++many;
    }
    // The comparison means something only if most queries find something,
    // and many find more than a page shows.
    assert.ok(found >= QUERIES / 2 && many >= QUERIES / 10, `${found} queries found something, ${many} more than ${SHOWN}`);
    console.log(`ok - ${QUERIES} queries: the same results from the shards as from index.json (${found} found something, ${many} more than ${SHOWN})`);
  } catch (e) {
    failed = true;
    console.log('not ok - ' + String(e.message).split('\n').join('\n  '));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
})();
