// Starts the real `mlops-bot serve` on a loopback port for the browser tests, and stops it.
'use strict';
const { spawn } = require('node:child_process');
const { once } = require('node:events');
const readline = require('node:readline');

// Resolves once the server's JSON log says {"event":"listening","port":N} and /readyz answers 200.
// flags: more `serve` flags, e.g. ['--chat-idle-timeout', '2']; env: more environment, e.g.
// {MLOPS_BOT_ADMIN_TOKEN: '...'}.
async function startServer(binary, port = 0, flags = [], env = {}) {
  const child = spawn(binary, ['serve', '--host', '127.0.0.1', '--port', String(port), ...flags],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  const recent = [];  // the last log lines, to explain a failure
  const lines = readline.createInterface({ input: child.stderr });
  const listening = new Promise((resolve, reject) => {
    lines.on('line', (line) => {
      recent.push(line);
      if (recent.length > 40) recent.shift();
      try {
        const entry = JSON.parse(line);
        if (entry.event === 'listening') resolve(entry.port);
      } catch { /* a log line that is not JSON: keep it for the error message only */ }
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`${binary} serve exited (${code ?? signal}) before listening:\n${recent.join('\n')}`)));
    child.once('error', reject);
  });
  const actualPort = await withTimeout(listening, 60000, () => `no "listening" log line:\n${recent.join('\n')}`);
  const base = `http://127.0.0.1:${actualPort}`;
  await withTimeout(waitForReady(base), 60000, () => `${base}/readyz never answered 200:\n${recent.join('\n')}`);
  return {
    port: actualPort,
    url: `${base}/`,
    // The way a deployment stops it: the server closes its WebSockets with 1001 (going away).
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await withTimeout(exited, 10000, () => 'the server did not stop within 10 s of SIGTERM')
        .catch((error) => { child.kill('SIGKILL'); throw error; });
    },
    // A crash or a lost network: the connections end without a close frame (1006 in a browser).
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await withTimeout(exited, 10000, () => 'the server did not exit within 10 s of SIGKILL');
    },
  };
}

async function waitForReady(base) {
  for (;;) {
    const ready = await fetch(`${base}/readyz`).then((response) => response.ok, () => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));  // polling: the server has no push for readiness
  }
}

function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(message())), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

module.exports = { startServer };
