#!/usr/bin/env node
// `npm start`: opens the desktop app, or, where Electron's binary cannot be had (offline, ELECTRON_SKIP_BINARY_DOWNLOAD,
// an override folder without it), says so in one sentence and serves the same UI to a browser through
// `tunebench serve`. Both paths build the app first, as `electron-vite preview` always has, so that what starts is
// what the sources say.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveElectronBinary } from './lib/electron-binary.mjs';
import { openBrowser } from './lib/open-browser.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const SERVE_PORT = 7357;

function electronViteBin() {
  const packageDir = dirname(require.resolve('electron-vite/package.json'));
  const { bin } = require('electron-vite/package.json');
  return join(packageDir, typeof bin === 'string' ? bin : bin['electron-vite']);
}

/** Runs a child with our signals forwarded, and leaves with its exit status. */
function runForwarding(file, args, options) {
  const child = spawn(file, args, { cwd: root, ...options });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return child;
}

function build() {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [electronViteBin(), 'build'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ ok: code === 0, output }));
  });
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function serveInBrowser() {
  process.stderr.write('Building the app…\n');
  const built = await build();
  if (!built.ok) {
    process.stderr.write(`${built.output}\nnpm start: the build failed (above); fix it and run npm start again.\n`);
    process.exit(1);
  }
  // A second Tunebench (or anything else) on the usual port must not stop this one: take a free port instead.
  const port = (await portIsFree(SERVE_PORT)) ? SERVE_PORT : 0;
  const child = runForwarding(process.execPath, [join(root, 'bin', 'tunebench.js'), 'serve', '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  let opened = false;
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (opened) return;
    stdout += chunk;
    const url = /https?:\/\/127\.0\.0\.1:\d+\/\S*/.exec(stdout)?.[0];
    if (!url) return;
    opened = true;
    if (openBrowser(url)) process.stderr.write('Opened it in your browser.\n');
  });
}

const electron = await resolveElectronBinary({ log: (line) => process.stderr.write(`${line}\n`) });
if (electron.path) {
  runForwarding(process.execPath, [electronViteBin(), 'preview'], {
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_EXEC_PATH: electron.path },
  });
} else {
  process.stderr.write(
    `Electron's binary is not available (${electron.reason}), so Tunebench starts in your browser instead: the same app, served by \`tunebench serve\` on 127.0.0.1.\n`,
  );
  await serveInBrowser();
}
