/* Site search on the index the generator writes: whole in search/index.json
   (generator/search_index.hpp), which search() reads, and in shards under
   search/shards/ (generator/search_shards.hpp), of which searchShards()
   fetches what a query needs; the page uses the shards. Both give the same
   results. The pure functions at the top
   are shared with tests/search_test.js through module.exports; the page code
   at the bottom runs only in a browser. Index text reaches the page through
   textContent only, never as markup. */
(function () {
  'use strict';

  // Results shown at first, and added by each 显示更多.
  var PAGE = 20;

  // --- Cutting text into tokens: the same rules as generator/search_tokens.cpp.

  function isHan(cp) {
    return cp === 0x3007 || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3134f);
  }

  function isWordChar(cp) {
    return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39);
  }

  // Full-width ASCII as ASCII, capitals as small letters. Each UTF-16 unit
  // stays one unit, so offsets into the folded text are offsets into the text.
  function fold(text) {
    return String(text).replace(/[\uff01-\uff5eA-Z]/g, function (c) {
      var cp = c.charCodeAt(0);
      if (cp >= 0xff01) cp -= 0xfee0;
      if (cp >= 0x41 && cp <= 0x5a) cp += 0x20;
      return String.fromCharCode(cp);
    });
  }

  // Runs of Han characters and runs of letters and digits, folded, in order.
  function runs(text) {
    var out = [];
    var current = null;
    for (var ch of fold(text)) {
      var cp = ch.codePointAt(0);
      var type = isHan(cp) ? 'han' : isWordChar(cp) ? 'word' : null;
      if (!type) {
        current = null;
        continue;
      }
      if (!current || current.type !== type) {
        current = { type: type, chars: [] };
        out.push(current);
      }
      current.chars.push(ch);
    }
    return out;
  }

  // The terms of a query: two-character pieces of Han runs ("pair"), a lone
  // Han character ("char") and whole words ("word"), each once.
  function queryTerms(query) {
    var terms = [];
    var seen = {};
    function add(text, type) {
      if (seen[text]) return;
      seen[text] = true;
      terms.push({ text: text, type: type });
    }
    runs(query).forEach(function (run) {
      if (run.type === 'word') return add(run.chars.join(''), 'word');
      if (run.chars.length === 1) return add(run.chars[0], 'char');
      for (var k = 1; k < run.chars.length; ++k) add(run.chars[k - 1] + run.chars[k], 'pair');
    });
    return terms;
  }

  // Tokens as the index stores them (repeats included), for comparing with the generator.
  function tokens(text) {
    var out = [];
    runs(text).forEach(function (run) {
      if (run.type === 'word' || run.chars.length === 1) return out.push(run.chars.join(''));
      for (var k = 1; k < run.chars.length; ++k) out.push(run.chars[k - 1] + run.chars[k]);
    });
    return out;
  }

  // --- The index.

  function prepare(raw) {
    return { raw: raw, docs: raw.docs, kinds: raw.kinds || {}, keys: null, decoded: {} };
  }

  // Posting lists are stored as the first id and then gaps.
  function postings(index, key) {
    if (!index.decoded[key]) index.decoded[key] = decoded(index.raw.postings[key]);
    return index.decoded[key];
  }

  function decoded(gaps) {
    var ids = [];
    for (var k = 0, id = 0; k < (gaps || []).length; ++k) ids.push(id += gaps[k]);
    return ids;
  }

  function sortedKeys(index) {
    if (!index.keys) index.keys = Object.keys(index.raw.postings).sort();
    return index.keys;
  }

  function union(lists) {
    var seen = {};
    var out = [];
    lists.forEach(function (list) {
      list.forEach(function (id) {
        if (!seen[id]) {
          seen[id] = true;
          out.push(id);
        }
      });
    });
    return out.sort(function (a, b) { return a - b; });
  }

  function intersect(a, b) {
    var out = [];
    for (var i = 0, j = 0; i < a.length && j < b.length;) {
      if (a[i] === b[j]) {
        out.push(a[i]);
        ++i;
        ++j;
      } else if (a[i] < b[j]) {
        ++i;
      } else {
        ++j;
      }
    }
    return out;
  }

  // A lone character is stored only inside the pairs that hold it; a word
  // matches every indexed word it begins (so that "xx" finds "xxxx").
  function lookup(index, term) {
    if (term.type === 'pair') return postings(index, term.text);
    var keys = sortedKeys(index);
    var matching = keys.filter(function (key) {
      return term.type === 'char' ? key.indexOf(term.text) >= 0 : key.lastIndexOf(term.text, 0) === 0;
    });
    return union(matching.map(function (key) { return postings(index, key); }));
  }

  // What a query is ranked by: its terms, and its runs as typed (folded),
  // each with its own terms.
  function parsed(query) {
    return {
      terms: queryTerms(query),
      phrases: runs(query).map(function (run) {
        var text = run.chars.join('');
        return { text: text, terms: queryTerms(text) };
      })
    };
  }

  // Whether tokens (a title's, an excerpt's) hold a term: a pair as itself,
  // a character in any piece, a word as the start of any word, as lookup()
  // finds them. The shards list the documents whose title or excerpt holds
  // each key (generator/search_shards.cpp).
  function tokensHold(textTokens, term) {
    return textTokens.some(function (token) {
      return term.type === 'pair' ? token === term.text : term.type === 'char' ? token.indexOf(term.text) >= 0
        : token.lastIndexOf(term.text, 0) === 0;
    });
  }

  // The rank of a document, from whether its title and its excerpt hold each
  // term (inTitle(term), inExcerpt(term)): tier 0 when the title holds every
  // term, 1 when each run of the query is held whole (all its terms) by the
  // title or by the excerpt, else 2; then how many of the terms the title
  // holds. (Then the newest: better().)
  function rankOf(q, inTitle, inExcerpt) {
    function holds(has, p) { return p.terms.every(has); }
    var tier = q.phrases.every(function (p) { return holds(inTitle, p); }) ? 0
      : q.phrases.every(function (p) { return holds(inTitle, p) || holds(inExcerpt, p); }) ? 1 : 2;
    return { tier: tier, titleHits: q.terms.filter(inTitle).length };
  }

  // doc: [kind, title, url, date, excerpt]; id: its place in index.json;
  // rank: rankOf's.
  function result(doc, id, rank, kinds) {
    return {
      id: id, tier: rank.tier, titleHits: rank.titleHits,
      kind: doc[0], kindLabel: kinds[doc[0]] || doc[0],
      title: doc[1], url: doc[2], date: doc[3], excerpt: doc[4]
    };
  }

  // All of the order but the newest first: what the shards tell of a
  // document before its record.
  function byRank(a, b) {
    if (a.tier !== b.tier) return a.tier - b.tier;
    return b.titleHits - a.titleHits;
  }

  function better(a, b) {
    var byRanks = byRank(a, b);
    if (byRanks) return byRanks;
    if (a.date !== b.date) return a.date < b.date ? 1 : -1;
    return a.id - b.id;
  }

  // Every document holding every term, one lookup after another until none is left.
  function matching(terms, lookupTerm) {
    var ids = null;
    for (var k = 0; k < terms.length && (ids === null || ids.length); ++k) {
      var found = lookupTerm(terms[k]);
      ids = ids === null ? found : intersect(ids, found);
    }
    return ids || [];
  }

  // Every document holding every term, best first (rankOf, byRank), then
  // the newest.
  function search(index, query) {
    var q = parsed(query);
    if (!q.terms.length) return [];
    var ids = matching(q.terms, function (term) { return lookup(index, term); });
    return ids.map(function (id) {
      var doc = index.docs[id];
      var titleTokens = tokens(doc[1]);
      var excerptTokens = tokens(doc[4]);
      var rank = rankOf(q, function (term) { return tokensHold(titleTokens, term); },
        function (term) { return tokensHold(excerptTokens, term); });
      return result(doc, id, rank, index.kinds);
    }).sort(better);
  }

  // --- The index in shards (generator/search_shards.hpp), fetched as needed.

  // load(name) -> a promise of the parsed file, name relative to search/shards/.
  function shards(load) {
    var files = {};
    function file(name) {
      if (!files[name]) {
        files[name] = load(name);
        files[name].catch(function () { delete files[name]; });
      }
      return files[name];
    }
    return { file: file, manifest: function () { return file('manifest.json'); } };
  }

  // The same hash as generator/search_shards.cpp: FNV-1a over the UTF-8 bytes.
  function bucketOf(name, buckets) {
    var bytes = new TextEncoder().encode(name);
    var h = 0x811c9dc5;
    for (var k = 0; k < bytes.length; ++k) h = Math.imul(h ^ bytes[k], 16777619) >>> 0;
    return h & (buckets - 1);
  }

  // A word lies in the bucket of its first two letters, with every word they
  // begin; a lone letter, a Han character and a pair under their own name.
  function termBucket(term, manifest) {
    var name = term.type === 'word' && term.text.length > 2 ? term.text.slice(0, 2) : term.text;
    return manifest.files.terms + '/' + bucketOf(name, manifest.buckets) + '.json';
  }

  // The keys of a bucket a term looks up: a pair, a character and a lone
  // letter by name, a longer word as the start of every word it begins.
  function termKeys(keys, term) {
    if (term.type !== 'word' || term.text.length === 1) return [term.text];
    return Object.keys(keys).filter(function (key) { return key.length > 1 && key.lastIndexOf(term.text, 0) === 0; });
  }

  // A list of a bucket: gaps, or a bitmap of every document in base64.
  function numbers(list) {
    if (typeof list !== 'string') return decoded(list);
    var bytes = atob(list);
    var ids = [];
    for (var k = 0; k < bytes.length; ++k) {
      for (var bits = bytes.charCodeAt(k), b = 0; bits; bits >>= 1, ++b) if (bits & 1) ids.push(k * 8 + b);
    }
    return ids;
  }

  // A key's documents are those its title holds ("t") and those its other text does ("p").
  function shardLookup(bucket, term) {
    return union(termKeys(bucket.p, term).map(function (key) { return numbers(bucket.p[key]).concat(numbers(bucket.t[key])); }));
  }

  // number -> true for each document whose title (part "t") or excerpt
  // ("e") holds the term (tokensHold).
  function shardHolders(bucket, part, term) {
    var holders = {};
    termKeys(bucket[part], term).forEach(function (key) {
      numbers(bucket[part][key]).forEach(function (id) { holders[id] = true; });
    });
    return holders;
  }

  function fileOf(id, perFile, folder) {
    return folder + '/' + Math.floor(id / perFile) + '.json';
  }

  // The files holding ascending ids, each once.
  function filesOf(ids, perFile, folder) {
    var names = [];
    ids.forEach(function (id) {
      var name = fileOf(id, perFile, folder);
      if (names[names.length - 1] !== name) names.push(name);
    });
    return names;
  }

  // The first `limit` results of search() on index.json, and how many it
  // finds, from the shards: { count, results }. Ranked by the buckets alone,
  // in numbers newest first, only the records shown are read.
  function searchShards(index, query, limit) {
    var q = parsed(query);
    if (!q.terms.length) return Promise.resolve({ count: 0, results: [] });
    return index.manifest().then(function (manifest) {
      return Promise.all(q.terms.map(function (term) { return index.file(termBucket(term, manifest)); })).then(function (buckets) {
        var ids = matching(q.terms, function (term) { return shardLookup(buckets[q.terms.indexOf(term)], term); });
        var inTitles = {};
        var inExcerpts = {};
        q.terms.forEach(function (term, k) {
          inTitles[term.text] = shardHolders(buckets[k], 't', term);
          inExcerpts[term.text] = shardHolders(buckets[k], 'e', term);
        });
        var ranked = ids.map(function (id) {
          var rank = rankOf(q, function (term) { return inTitles[term.text][id] === true; },
            function (term) { return inExcerpts[term.text][id] === true; });
          rank.number = id;
          return rank;
        });
        var shown = ranked.sort(function (a, b) { return byRank(a, b) || a.number - b.number; }).slice(0, limit);
        var wanted = shown.map(function (r) { return r.number; }).sort(function (a, b) { return a - b; });
        var names = filesOf(wanted, manifest.docs_per_file, manifest.files.docs);
        return Promise.all(names.map(index.file)).then(function (files) {
          var byName = {};
          names.forEach(function (name, k) { byName[name] = files[k]; });
          var results = shown.map(function (rank) {
            var record = byName[fileOf(rank.number, manifest.docs_per_file, manifest.files.docs)][rank.number % manifest.docs_per_file];
            return result(record, record[5], rank, manifest.kinds);
          });
          return { count: ids.length, results: results };
        });
      });
    });
  }

  // The text cut into pieces, those matching a term of the query marked:
  // overlapping pairs join up, so 智慧教育 is marked as one piece.
  function highlight(text, query) {
    var folded = fold(text);
    var marked = new Array(text.length).fill(false);
    queryTerms(query).forEach(function (term) {
      for (var p = folded.indexOf(term.text); p >= 0; p = folded.indexOf(term.text, p + 1)) {
        for (var k = p; k < p + term.text.length; ++k) marked[k] = true;
      }
    });
    var parts = [];
    for (var i = 0; i < text.length;) {
      var j = i;
      while (j < text.length && marked[j] === marked[i]) ++j;
      parts.push({ text: text.slice(i, j), mark: marked[i] });
      i = j;
    }
    return parts;
  }

  function chineseDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    return m ? m[1] + '年' + Number(m[2]) + '月' + Number(m[3]) + '日' : '';
  }

  var api = {
    tokens: tokens, queryTerms: queryTerms, prepare: prepare, search: search, shards: shards, searchShards: searchShards,
    page: PAGE, highlight: highlight, chineseDate: chineseDate
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof document === 'undefined') return;

  // --- The page.

  function appendMarked(parent, text, query) {
    highlight(text, query).forEach(function (part) {
      if (!part.mark) return parent.appendChild(document.createTextNode(part.text));
      var mark = document.createElement('mark');
      mark.textContent = part.text;
      parent.appendChild(mark);
    });
  }

  function resultItem(result, query, base) {
    var li = document.createElement('li');
    li.className = 'result';
    var heading = document.createElement('h2');
    var link = document.createElement('a');
    link.href = base + result.url;
    appendMarked(link, result.title, query);
    heading.appendChild(link);
    li.appendChild(heading);
    var meta = document.createElement('p');
    meta.className = 'result-meta';
    var kind = document.createElement('span');
    kind.className = 'result-kind';
    kind.textContent = result.kindLabel;
    meta.appendChild(kind);
    if (result.date) {
      var time = document.createElement('time');
      time.dateTime = result.date;
      time.textContent = chineseDate(result.date);
      meta.appendChild(time);
    }
    li.appendChild(meta);
    if (result.excerpt) {
      var excerpt = document.createElement('p');
      excerpt.className = 'result-excerpt';
      appendMarked(excerpt, result.excerpt, query);
      li.appendChild(excerpt);
    }
    return li;
  }

  function start() {
    var section = document.getElementById('search-results');
    var form = document.querySelector('form[role="search"]');
    if (!section || !form) return;
    var input = form.querySelector('input[name="q"]');
    var count = document.getElementById('search-count');
    var list = document.getElementById('search-list');
    var nojs = document.getElementById('search-nojs');
    if (nojs) nojs.hidden = true;
    var base = section.getAttribute('data-base') || '';
    var shardsUrl = section.getAttribute('data-shards');
    var index = shards(function (name) {
      return fetch(shardsUrl + name, { credentials: 'same-origin' }).then(function (reply) {
        if (!reply.ok) throw new Error('HTTP ' + reply.status);
        return reply.json();
      });
    });
    var asked = 0;
    // 显示更多: the next page of the same query's results, below those shown.
    var more = document.createElement('button');
    more.type = 'button';
    more.className = 'search-more';
    more.id = 'search-more';
    more.textContent = '显示更多结果';
    more.hidden = true;
    list.parentNode.appendChild(more);

    function show(query, shown) {
      var mine = ++asked;
      more.hidden = true;
      if (!shown) list.textContent = '';
      if (!queryTerms(query).length) {
        count.textContent = query.trim() === '' ? '' : '请输入要查找的汉字、词语或数字。';
        return;
      }
      if (!shown) count.textContent = '正在搜索……';
      searchShards(index, query, shown + PAGE).then(function (found) {
        // A later query has been asked meanwhile: its answer is the one to show.
        if (mine !== asked) return;
        if (!found.count) {
          count.textContent = '没有找到与“' + query.trim() + '”相关的内容。';
          return;
        }
        var total = found.results.length;
        count.textContent = '找到' + found.count + '条与“' + query.trim() + '”相关的结果' +
          (found.count > total ? '，显示前' + total + '条。' : '。');
        found.results.slice(shown).forEach(function (r) { list.appendChild(resultItem(r, query, base)); });
        more.hidden = found.count <= total;
        more.onclick = function () { show(query, total); };
        // The first of the added results takes the focus, so that a keyboard
        // or a screen reader goes on where the list grew.
        if (shown && list.children[shown]) list.children[shown].querySelector('a').focus();
      }, function () {
        if (mine === asked) count.textContent = '搜索索引暂时无法加载，请稍后再试。';
      });
    }

    function fromAddress() {
      var query = new URLSearchParams(window.location.search).get('q') || '';
      input.value = query;
      show(query, 0);
    }

    // Searching again stays on the page (fetched shards are kept) but
    // keeps the address shareable and the back button working.
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var url = new URL(form.action, window.location.href);
      url.searchParams.set('q', input.value);
      window.history.pushState(null, '', url.pathname + url.search);
      show(input.value, 0);
    });
    window.addEventListener('popstate', fromAddress);
    fromAddress();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
