// The files of search/shards/ that the search page fetches for each query,
// as search.js's searchShards() asks for them, read from a built site:
//   node scripts/search_fetches.js PUBLIC_DIR QUERY...
// One JSON line per query: {"query", "found", "files": [name, ...]}.
// scripts/bench.py weighs the files as nginx sends them.
'use strict';

const fs = require('fs');
const path = require('path');

const [publicDir, ...queries] = process.argv.slice(2);
if (!publicDir || !queries.length) {
  console.error('usage: node search_fetches.js PUBLIC_DIR QUERY...');
  process.exit(2);
}
const search = require(path.join(__dirname, '..', 'themes', 'default', 'static', 'assets', 'search.js'));
const SHOWN = search.page;  // as the page shows them at first

(async () => {
  for (const query of queries) {
    const files = [];
    const shards = search.shards((name) => {
      files.push(name);
      return Promise.resolve(JSON.parse(fs.readFileSync(path.join(publicDir, 'search', 'shards', name), 'utf8')));
    });
    const found = await search.searchShards(shards, query, SHOWN);
    console.log(JSON.stringify({ query, found: found.count, files }));
  }
})();
