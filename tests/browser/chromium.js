// Debian's chromium for the browser tests (CHROMIUM overrides the path), reaching nothing beyond
// the loopback server: no updates, no sync, no QUIC probes.
'use strict';
const { chromium } = require('playwright-core');

function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

module.exports = { launchChromium };
