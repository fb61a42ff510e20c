#!/usr/bin/env node
// onnxruntime-node bundles its CPU runtime, but fetches the CUDA and TensorRT execution providers from nuget.org in
// its install script, and that script fails the whole `npm install` (which then rolls back) wherever nuget.org is
// unreachable. package.json's allowScripts therefore denies that script, and this one runs it in its place:
//
//   node scripts/install-cuda-provider.mjs --auto   (from `prepare`) only on a machine whose NVIDIA driver answers;
//                                                  a failed download is one warning line, never a failed install
//   npm run install:cuda-provider                  the documented command: fetch it now, fail loudly if it cannot
//
// ONNXRUNTIME_NODE_INSTALL=skip (onnxruntime's own switch) turns the automatic fetch off.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInstaller } from './lib/run-installer.mjs';

const require = createRequire(import.meta.url);
const auto = process.argv.includes('--auto');
const TIMEOUT_MS = 10 * 60_000;
const MANIFEST = 'cuda12';
const RETRY = 'npm run install:cuda-provider';

function finish(message, failed) {
  if (message) (failed ? console.error : console.warn)(message);
  process.exit(failed && !auto ? 1 : 0);
}

function nvidiaDriverAnswers() {
  const smi = process.env.TUNEBENCH_NVIDIA_SMI || 'nvidia-smi';
  const result = spawnSync(smi, ['--query-gpu=name', '--format=csv,noheader'], { encoding: 'utf8', timeout: 10_000 });
  return result.status === 0 && (result.stdout ?? '').trim().length > 0;
}

/** The provider libraries onnxruntime's own install metadata lists for this platform, and where they go. */
function providerFiles(packageDir) {
  const metadata = require(join(packageDir, 'script', 'install-metadata.js'));
  const platform = `${process.platform}/${process.arch}`;
  const manifest = metadata.manifests?.[`${platform}:${MANIFEST}`];
  if (!manifest) return null;
  const binDir = join(packageDir, 'bin', 'napi-v6', process.platform, process.arch);
  return Object.keys(manifest).map((file) => join(binDir, file));
}

/**
 * "1" forces the platform's default manifest (cuda12 on linux/x64). onnxruntime 1.30's parser returns nothing for
 * the value "cuda12" itself, and with nothing it treats a run under npm (npm_config_local_prefix beside
 * npm_package_json, as in our `prepare`) as its own development install and quietly exits 0.
 */
function installerEnv() {
  const env = { ...process.env, ONNXRUNTIME_NODE_INSTALL: '1' };
  delete env.ONNXRUNTIME_NODE_INSTALL_CUDA;
  delete env.npm_config_onnxruntime_node_install;
  delete env.npm_config_local_prefix;
  delete env.npm_package_json;
  return env;
}

let packageDir;
try {
  packageDir = dirname(require.resolve('onnxruntime-node/package.json'));
} catch {
  finish('onnxruntime-node is not installed: run npm install first.', true);
}

if (auto && process.env.ONNXRUNTIME_NODE_INSTALL === 'skip') finish('', false);
const files = providerFiles(packageDir);
if (!files) {
  finish(
    `onnxruntime-node ships no CUDA provider for ${process.platform}/${process.arch}; inference runs on the CPU.`,
    !auto,
  );
}
if (files.every((file) => existsSync(file)))
  finish(auto ? '' : "onnxruntime's CUDA provider is already installed.", false);
if (auto && !nvidiaDriverAnswers()) finish('', false);

console.warn("Fetching onnxruntime's CUDA and TensorRT providers from nuget.org (for the NVIDIA GPU)…");
const result = await runInstaller(join(packageDir, 'script', 'install.js'), {
  cwd: packageDir,
  env: installerEnv(),
  timeoutMs: TIMEOUT_MS,
});
if (result.ok && files.every((file) => existsSync(file))) {
  finish("onnxruntime's CUDA provider is installed: `tunebench hw` lists cuda as present.", false);
}
finish(
  `onnxruntime's CUDA provider could not be fetched (${result.reason || 'the installer wrote no provider'}); inference runs on the CPU until \`${RETRY}\` succeeds.`,
  true,
);
