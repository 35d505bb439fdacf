'use strict';
// Debian's Chromium driven by playwright-core; playwright never downloads a
// browser of its own here. It passes --headless and a fresh temporary
// --user-data-dir itself (removed on close); the other switches keep
// Chromium off the network, which this machine does not have.

const fs = require('node:fs');
const { chromium } = require('playwright-core');

const EXECUTABLE = process.env.CHROMIUM || '/usr/bin/chromium';

function launchChromium() {
  if (!fs.existsSync(EXECUTABLE)) throw new Error(`${EXECUTABLE} is missing: run bash scripts/setup.sh (Debian package chromium)`);
  return chromium.launch({
    executablePath: EXECUTABLE,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

module.exports = { launchChromium };
