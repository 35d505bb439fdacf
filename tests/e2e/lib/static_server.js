'use strict';
// A loopback HTTP server for one built site under its base path, as the
// city portal serves it: directories answer with their index.html,
// a directory without its trailing slash is redirected, anything else is 404.

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8', '.txt': 'text/plain; charset=utf-8', '.pdf': 'application/pdf', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json',
};

function fileFor(site, urlPath) {
  if (!urlPath.startsWith(site.basePath)) return null;
  const rel = urlPath.slice(site.basePath.length);
  const target = path.resolve(site.dir, rel);
  if (target !== site.dir && !target.startsWith(site.dir + path.sep)) return null;
  return target;
}

function answer(site, req, res) {
  let urlPath;
  try {
    urlPath = decodeURIComponent(new URL(req.url, 'http://loopback').pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  let file = fileFor(site, urlPath);
  if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    if (!urlPath.endsWith('/')) {
      res.writeHead(301, { Location: encodeURI(urlPath + '/') }).end();
      return;
    }
    file = path.join(file, 'index.html');
  }
  if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    const notFound = path.join(site.dir, '404.html');
    res.writeHead(404, { 'Content-Type': TYPES['.html'] });
    res.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : '');
    return;
  }
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
  res.end(fs.readFileSync(file));
}

// Resolves to { origin, close } once the server listens on a free port.
function serve(site) {
  const server = http.createServer((req, res) => answer(site, req, res));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      // close() alone waits for every open connection to end, and one that
      // Chromium opened ahead of a request it never sent can keep it waiting
      // for minutes (it did once in a CI run): every connection is cut instead.
      const close = () => new Promise((done) => {
        server.close(done);
        server.closeAllConnections();
      });
      resolve({ origin: `http://127.0.0.1:${server.address().port}`, close });
    });
  });
}

module.exports = { serve };
