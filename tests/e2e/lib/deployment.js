'use strict';
// The whole deployment on loopback, as scripts/run.sh starts it: the site the
// generator builds, the collector with its git data directory, and nginx
// (configured from deploy/nginx/) in front of both. For the browser tests.

const { execFileSync, spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..', '..');

function tool(envName, buildPath) {
  const file = process.env[envName] || path.join(repoRoot, 'build', ...buildPath);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: build it first (cmake --build build)`);
  return file;
}

// Debian installs nginx in sbin, which a normal user's PATH leaves out.
function nginxBinary() {
  const dirs = (process.env.PATH || '').split(path.delimiter).concat(['/usr/sbin', '/sbin']);
  for (const dir of dirs) {
    const candidate = path.join(dir, 'nginx');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('nginx is not installed: run bash scripts/setup.sh');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Resolves once `child` is up on `port`. A port free when chosen may be
// taken by another test's server before ours binds it, and a probe alone
// would mistake that one for ours: `ours()` says our child has bound it
// (nginx's pid file, the collector's "listening on" line).
async function waitListening(port, child, what, ours) {
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    const up = ours() && await new Promise((resolve) => {
      const sock = net.connect(port, '127.0.0.1', () => { sock.end(); resolve(true); });
      sock.once('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not listen on ${port}`);
}

// SIGTERM, then SIGKILL if the child is still there after 10 s: a test
// never waits forever on a server that does not stop.
function stop(child) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 10000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

// nginx as deploy/nginx/ configures it, serving `public` (built from `site`)
// on 127.0.0.1:port and sending the collector's paths to collectorPort.
async function startNginx({ work, site, public: publicDir, port, collectorPort }) {
  const runtime = path.join(work, 'nginx');
  execFileSync('python3', [path.join(repoRoot, 'scripts', 'nginx_conf.py'), '--out', runtime, '--standalone', '--site', site,
    '--listen', `127.0.0.1:${port}`, '--public', publicDir, '--collector', `127.0.0.1:${collectorPort}`,
    // Every school, county, expert and staff member of a test signs in from
    // 127.0.0.1, at a script's pace: the per-address limit of the signed-in
    // pages (nginx_deploy_test.py checks the production one) would refuse them.
    '--account-burst', '2000']);
  const pidFile = path.join(runtime, 'nginx.pid');
  fs.rmSync(pidFile, { force: true });
  const nginx = spawn(nginxBinary(), ['-p', runtime + '/', '-c', path.join(runtime, 'nginx.conf'), '-e', path.join(runtime, 'error.log')],
    { stdio: 'ignore' });
  // nginx writes its pid file only once it has bound every listening socket.
  await waitListening(port, nginx, 'nginx', () => fs.existsSync(pidFile));
  return nginx;
}

class Deployment {
  // extraSchools: schools added to a copy of the bundled data (the bundled
  // ones are the 2020 pilots, whose registry other tests rely on).
  constructor({ today, extraSchools }) {
    this.work = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-'));
    this.site = path.join(this.work, 'site');
    this.data = path.join(this.work, 'collector-data');
    this.keys = path.join(this.work, 'receipt-keys');
    this.public = path.join(this.work, 'public');
    this.today = today;
    this.generator = tool('SITE_GENERATOR', ['generator', 'generator']);
    this.collectorBin = tool('SITE_COLLECTOR', ['collector', 'collector']);
    for (const part of ['config.json', 'content', 'data', 'themes']) {
      fs.cpSync(path.join(repoRoot, part), path.join(this.site, part), { recursive: true });
    }
    const unitsFile = path.join(this.site, 'data', 'units.json');
    const units = JSON.parse(fs.readFileSync(unitsFile, 'utf8'));
    units.schools.push(...extraSchools);
    fs.writeFileSync(unitsFile, JSON.stringify(units, null, 1));
    const config = JSON.parse(fs.readFileSync(path.join(this.site, 'config.json'), 'utf8'));
    this.basePath = new URL(config.base_url).pathname;
    // The bureau's receipt key, its public half published with the site.
    this.receiptKey = execFileSync(this.collectorBin, ['receipt-key', '--keys', this.keys, '--publish', this.site], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  }

  async start() {
    this.port = await freePort();
    this.collectorPort = await freePort();
    this.origin = `http://127.0.0.1:${this.port}`;
    this.build(false);
    this.nginx = await startNginx({ work: this.work, site: this.site, public: this.public, port: this.port, collectorPort: this.collectorPort });
  }

  // The public site, with the 受理情况 pages once submissions exist, and
  // the bureau's internal archive of them in `internal` when given.
  build(withSubmissions, internal) {
    const args = ['build', '--site', this.site, '--out', this.public, '--today', this.today, '--base-url', `${this.origin}${this.basePath}`];
    if (withSubmissions) args.push('--submissions', this.data);
    if (internal) args.push('--internal', internal, '--keys', this.keys);
    execFileSync(this.generator, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  }

  // `collector verify-receipt` on a signed receipt file, against the public keys the site publishes: { status, out }.
  verifyReceipt(file) {
    const run = spawnSync(this.collectorBin, ['verify-receipt', file, '--keys', path.join(this.public, 'receipt-keys')], { encoding: 'utf8' });
    return { status: run.status, out: run.stdout };
  }

  issueCode(unit) {
    return execFileSync(this.collectorBin, ['issue-code', '--data', this.data, unit], { encoding: 'utf8' }).trim();
  }

  // Every stored version as the collector reads it back, its uploads
  // checked: [{form, unit, version, fields, files, dir, ...}].
  storedRecords() {
    const out = execFileSync(this.collectorBin, ['records', '--data', this.data, '--keys', this.keys, '--verify'], { encoding: 'utf8' });
    return out.split('\n').filter(Boolean).map((line) => JSON.parse(line));
  }

  // The stored version of `form` by `unit`, or undefined.
  storedRecord(form, unit, version) {
    return this.storedRecords().find((r) => r.form === form && r.unit === unit && r.version === version);
  }

  // (Re)starts the collector with its clock set to `now` (RFC 3339).
  async collectorAt(now) {
    await stop(this.collector);
    this.collector = spawn(this.collectorBin, ['serve', '--site', this.site, '--data', this.data,
      '--listen', `127.0.0.1:${this.collectorPort}`, '--now', now, '--keys', this.keys], { stdio: ['ignore', 'pipe', 'inherit'] });
    let said = '';
    this.collector.stdout.on('data', (chunk) => { said += chunk; });
    await waitListening(this.collectorPort, this.collector, 'collector', () => said.includes(`listening on http://127.0.0.1:${this.collectorPort}`));
  }

  url(rel) {
    return `${this.origin}${this.basePath}${rel}`;
  }

  git(...args) {
    return execFileSync('git', ['-C', this.data, ...args], { encoding: 'utf8' });
  }

  async close() {
    await stop(this.collector);
    await stop(this.nginx);
    fs.rmSync(this.work, { recursive: true, force: true });
  }
}

module.exports = { Deployment, repoRoot, freePort, startNginx, stop, tool };
