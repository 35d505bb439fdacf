'use strict';
// Gate 3: every link of every page leads somewhere. Each href and src is
// resolved against the page's URL as a browser would and must name a file
// of the output (a directory its index.html), attachments and downloads
// included; a #fragment must be an id of the target page. Links to other
// hosts are listed, never fetched. The sitemap's and the feed's URLs must
// resolve too.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, test } = require('node:test');
const { buildSites, pagesOf } = require('./lib/built_sites');
const { scanHtml, scanXmlUrls } = require('./lib/html_scan');

// The pages are addressed as if served from this origin; the site's own
// configured address (canonical links, sitemap) counts as the same site.
const LOCAL_ORIGIN = 'http://site.invalid';

let built;
before(() => { built = buildSites(); });
after(() => built && built.remove());

const external = new Map();
const figures = { pages: 0, links: 0, broken: 0, collector: 0 };
const idsCache = new Map();

function idsOf(file) {
  if (!idsCache.has(file)) idsCache.set(file, scanHtml(fs.readFileSync(file, 'utf8')).ids);
  return idsCache.get(file);
}

// The file a URL of the site names, or null with the reason.
function resolveOnSite(site, url) {
  let urlPath;
  try {
    urlPath = decodeURIComponent(url.pathname);
  } catch {
    return { reason: `bad percent-encoding in ${url.pathname}` };
  }
  if (!urlPath.startsWith(site.basePath)) return { reason: `${urlPath} lies outside the site's base path ${site.basePath}` };
  let file = path.join(site.dir, urlPath.slice(site.basePath.length));
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return { reason: `no file ${path.relative(site.dir, file)} in the output` };
  return { file };
}

// Classifies one link; returns a problem as text, or null.
function checkLink(site, pageUrl, value) {
  let url;
  try {
    url = new URL(value, pageUrl);
  } catch {
    return `not a URL: ${JSON.stringify(value)}`;
  }
  const ownPublicAddress = site.publicBase && url.origin === site.publicBase.origin && url.pathname.startsWith(site.publicBase.pathname);
  if (url.origin !== LOCAL_ORIGIN && !ownPublicAddress) {
    if (!external.has(url.href)) external.set(url.href, new Set());
    external.get(url.href).add(`${site.name}: ${pageUrl.pathname}`);
    return null;
  }
  // The collector answers /api/ (form posts, receipts), at the host's root
  // or under the site's path; no file stands behind it.
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith(`${site.basePath}api/`)) {
    figures.collector += 1;
    return null;
  }
  figures.links += 1;
  const target = resolveOnSite(site, url);
  if (!target.file) return target.reason;
  if (url.hash.length > 1) {
    const id = decodeURIComponent(url.hash.slice(1));
    if (!target.file.endsWith('.html')) return `fragment #${id} on ${path.relative(site.dir, target.file)}, which is not a page`;
    if (!idsOf(target.file).has(id)) return `no element with id "${id}" in ${path.relative(site.dir, target.file)}`;
  }
  return null;
}

function report(problems, label) {
  figures.broken += problems.length;
  assert.equal(problems.length, 0, `${label} has ${problems.length} broken link(s):\n${problems.join('\n')}`);
}

test('every link of every page resolves to a file of the output', async (t) => {
  for (const site of built.sites) {
    for (const page of pagesOf(site)) {
      await t.test(`${site.name}: ${page.rel}`, () => {
        figures.pages += 1;
        const pageUrl = new URL(page.urlPath, LOCAL_ORIGIN);
        const { links } = scanHtml(fs.readFileSync(page.file, 'utf8'));
        const problems = [];
        for (const link of links) {
          const problem = checkLink(site, pageUrl, link.value);
          if (problem) problems.push(`  ${page.rel}:${link.line}: <${link.tag} ${link.attribute}="${link.value}">: ${problem}`);
        }
        report(problems, `${site.name}: ${page.rel}`);
      });
    }
  }
});

test('the sitemap and the feed name only pages that exist', async (t) => {
  for (const site of built.sites.filter((s) => s.publicBase)) {
    for (const name of ['sitemap.xml', 'feed.xml']) {
      await t.test(`${site.name}: ${name}`, () => {
        const file = path.join(site.dir, name);
        assert.ok(fs.existsSync(file), `${site.name}: ${name} is missing`);
        const urls = scanXmlUrls(fs.readFileSync(file, 'utf8'));
        assert.ok(urls.length > 0, `${site.name}: ${name} names no URL`);
        const problems = [];
        for (const u of urls) {
          const url = new URL(u.value);
          // Readers and search engines fetch these from the published address.
          const own = url.origin === site.publicBase.origin && url.pathname.startsWith(site.publicBase.pathname);
          const problem = own ? checkLink(site, url, u.value) : `${u.value} is not under the site's address ${site.publicBase.href}`;
          if (problem) problems.push(`  ${name}:${u.line}: <${u.tag}> ${u.value}: ${problem}`);
        }
        report(problems, `${site.name}: ${name}`);
      });
    }
  }
});

test('link figures', () => {
  assert.ok(figures.links > figures.pages, `only ${figures.links} links on ${figures.pages} pages: the scanner is not reading the pages`);
  console.log(`links: pages checked: ${figures.pages}, links checked: ${figures.links}, broken: ${figures.broken}, ` +
    `collector routes skipped: ${figures.collector}, external (listed, not fetched): ${external.size}`);
  for (const [href, pages] of [...external].sort()) console.log(`  external: ${href} (on ${pages.size} page(s))`);
});
