'use strict';
// The sites every gate checks: the bundled site as the generator builds it,
// once as published before any submission arrives, once with a collector
// data directory (which adds the public 受理情况 pages, and the 公示 of the
// 2019 call's decision) and the internal
// review site that second build writes beside it.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { writeDecision, writeSubmissions } = require('./submissions_fixture');

const repoRoot = path.resolve(__dirname, '..', '..', '..');

// A fixed day keeps the output byte for byte the same from run to run; on
// this day the task-book call is open and the 2019 call closed, so both
// states of a call are on the pages.
const TODAY = '2021-01-10';

function generatorPath() {
  const configured = process.env.SITE_GENERATOR;
  const generator = configured || path.join(repoRoot, 'build', 'generator', 'generator');
  if (!fs.existsSync(generator)) {
    throw new Error(`generator not found at ${generator}: build it first (cmake --build build --target generator)`);
  }
  return generator;
}

function configuredBaseUrl() {
  const config = JSON.parse(fs.readFileSync(path.join(repoRoot, 'config.json'), 'utf8'));
  return new URL(config.base_url);
}

function runGenerator(args) {
  execFileSync(generatorPath(), ['build', '--site', repoRoot, '--today', TODAY, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
}

// Returns { root, sites, remove }. Each site is { name, dir, basePath, publicBase }:
// dir holds the output, basePath is the URL path it is served under, and
// publicBase the absolute URL the pages call themselves (canonical, sitemap),
// or null for the internal site, which is never published.
function buildSites() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'site-gates-'));
  const remove = () => fs.rmSync(root, { recursive: true, force: true });
  try {
    const base = configuredBaseUrl();
    const plain = path.join(root, 'bundled', 'public');
    runGenerator(['--out', plain]);
    const data = path.join(root, 'collector-data');
    writeSubmissions(data);
    writeDecision(data);
    const withSubmissions = path.join(root, 'with-submissions', 'public');
    const internal = path.join(root, 'with-submissions', 'internal');
    runGenerator(['--out', withSubmissions, '--submissions', data, '--internal', internal]);
    const sites = [
      { name: 'bundled site', dir: plain, basePath: base.pathname, publicBase: base },
      { name: 'bundled site with submissions', dir: withSubmissions, basePath: base.pathname, publicBase: base },
      { name: 'internal review site', dir: internal, basePath: '/internal/', publicBase: null },
    ];
    return { root, sites, remove };
  } catch (e) {
    remove();
    throw e;
  }
}

function walk(dir, rel = '') {
  const out = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(dir, child));
    else out.push(child);
  }
  return out;
}

// Every HTML page of a site as { file, rel, urlPath }; a directory's
// index.html is addressed by the directory, as the server does.
function pagesOf(site) {
  return walk(site.dir)
    .filter((rel) => rel.endsWith('.html'))
    .map((rel) => ({
      file: path.join(site.dir, rel),
      rel,
      urlPath: site.basePath + (rel === 'index.html' ? '' : rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel),
    }));
}

module.exports = { buildSites, pagesOf, walk, repoRoot, TODAY };
