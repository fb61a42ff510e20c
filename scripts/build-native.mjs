#!/usr/bin/env node
// Builds native/cpu (the tunebench_cpu addon and tb-exec) with node-gyp. Called from `npm install` (prepare),
// so by default a failure only warns: the app must still install, and the JS-only benchmarks still run.
// --strict or TUNEBENCH_NATIVE_STRICT=1 (CI, where `npm ci` runs prepare) turns every failure, a missing
// compiler included, into exit code 1.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const addonDir = join(root, 'native', 'cpu');
const strict = process.argv.includes('--strict') || process.env.TUNEBENCH_NATIVE_STRICT === '1';
const TAIL_LINES = 40;

function finish(message) {
  console.warn(message);
  process.exit(strict ? 1 : 0);
}

function onPath(command) {
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const ext of exts) {
      try {
        accessSync(join(dir, command + ext), constants.X_OK);
        return true;
      } catch {
        // not in this directory
      }
    }
  }
  return false;
}

// node-gyp needs a C++ compiler (and tb-exec a C one); on Windows it finds MSVC itself, so only POSIX is checked.
function hasCompiler() {
  if (process.platform === 'win32') return true;
  const fromEnv = process.env.CXX?.trim().split(/\s+/)[0];
  return [fromEnv, 'c++', 'g++', 'clang++'].some((cmd) => cmd && onPath(cmd));
}

// The project's node-gyp (a devDependency); under `npm install --omit=dev` npm's own copy, which npm names in
// npm_config_node_gyp while it runs scripts.
function nodeGypScript() {
  try {
    return createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    const fromNpm = process.env.npm_config_node_gyp;
    return fromNpm && existsSync(fromNpm) ? fromNpm : null;
  }
}

// Headers installed next to this Node (distro packages, official tarballs, nvm) spare node-gyp a download,
// which matters on machines without internet access. Node-API is ABI-stable, so they serve Electron too.
function localNodeDir() {
  if (process.env.npm_config_nodedir) return null; // the user's choice wins; node-gyp reads it itself
  const prefix = dirname(dirname(process.execPath));
  const headers = join(prefix, 'include', 'node');
  return existsSync(join(headers, 'node_api.h')) && existsSync(join(headers, 'common.gypi')) ? prefix : null;
}

if (!hasCompiler()) {
  finish(
    'tunebench: native CPU kernels not built (no C++ compiler found: install g++/build-essential); JS-only benchmarks still run',
  );
}
const gyp = nodeGypScript();
if (!gyp) {
  finish(
    'tunebench: native CPU kernels not built (node-gyp not found: run `npm install`); JS-only benchmarks still run',
  );
}
const args = [gyp, 'rebuild', '--directory', addonDir, '--jobs', 'max'];
const nodedir = localNodeDir();
if (nodedir) args.push(`--nodedir=${nodedir}`);

console.log('tunebench: building native CPU kernels (native/cpu)…');
const started = Date.now();
const result = spawnSync(process.execPath, args, { cwd: addonDir, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
if (result.error || result.status !== 0) {
  // node-gyp's "gyp info" chatter would push the compiler's own messages out of the tail.
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
    .trimEnd()
    .split('\n')
    .filter((line) => !line.startsWith('gyp info'));
  console.warn(output.slice(-TAIL_LINES).join('\n'));
  finish(
    `tunebench: WARNING: native CPU kernels failed to build (${result.error?.message ?? `node-gyp exit code ${result.status}`}; ` +
      `last ${TAIL_LINES} lines above); JS-only benchmarks still run`,
  );
}
const built = ['tunebench_cpu.node', 'tb-exec'].filter((file) => existsSync(join(addonDir, 'build', 'Release', file)));
console.log(
  `tunebench: native CPU kernels built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${built.join(', ')} (native/cpu/build/Release)`,
);
