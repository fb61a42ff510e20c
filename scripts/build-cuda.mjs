#!/usr/bin/env node
// Builds native/cuda (the tb-cuda benchmark tool) with nvcc. Most machines have no CUDA toolkit, so by default
// a missing nvcc or a failed build only prints one line and exits 0: the rest of Tunebench works without it.
// --strict or TUNEBENCH_CUDA_STRICT=1 (CI on a machine with nvcc) turns every failure into exit code 1.
// --out DIR writes the binary elsewhere (the tests build into a temporary folder).
//
// The build machine usually has no GPU, so `-arch=native` cannot work: we build a fat binary with SASS for the
// common architectures and compute_90 PTX, which the driver JIT-compiles for newer GPUs (Blackwell and later).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, readdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceDir = join(root, 'native', 'cuda', 'src');
const args = process.argv.slice(2);
const strict = args.includes('--strict') || process.env.TUNEBENCH_CUDA_STRICT === '1';
const outIndex = args.indexOf('--out');
const outDir =
  outIndex >= 0 && args[outIndex + 1] ? resolve(args[outIndex + 1]) : join(root, 'native', 'cuda', 'build');
const binary = join(outDir, process.platform === 'win32' ? 'tb-cuda.exe' : 'tb-cuda');
const TAIL_LINES = 40;

// Turing (T4, RTX 20), Ampere (A100; RTX 30), Ada (RTX 40, L4), Hopper (H100) as SASS; sm_120 (RTX 50) is
// common on workstations and cheap to add. Each target costs build time, so the list stays short.
const SASS = ['75', '80', '86', '89', '90', '120'];
const PTX = '90';

function finish(message) {
  console.warn(message);
  process.exit(strict ? 1 : 0);
}

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// TUNEBENCH_NVCC names the compiler and, when set, is the only one tried (an explicit choice must not be
// silently replaced by another toolkit); otherwise PATH, then CUDA_PATH, then the toolkit's usual home.
function findNvcc() {
  const exe = process.platform === 'win32' ? 'nvcc.exe' : 'nvcc';
  if (process.env.TUNEBENCH_NVCC) return executable(process.env.TUNEBENCH_NVCC) ? process.env.TUNEBENCH_NVCC : null;
  const candidates = [
    ...(process.env.PATH ?? '').split(delimiter).map((dir) => dir && join(dir, exe)),
    process.env.CUDA_PATH && join(process.env.CUDA_PATH, 'bin', exe),
    join('/usr/local/cuda/bin', exe),
  ];
  return candidates.find((candidate) => candidate && executable(candidate)) ?? null;
}

function tail(result) {
  return `${result.stdout ?? ''}${result.stderr ?? ''}`.trimEnd().split('\n').slice(-TAIL_LINES).join('\n');
}

const nvcc = findNvcc();
if (!nvcc) finish('tunebench: CUDA tool not built (nvcc not found); CUDA benchmarks unavailable');

const sources = readdirSync(sourceDir)
  .filter((file) => file.endsWith('.cu'))
  .sort()
  .map((file) => join(sourceDir, file));
const gencode = [
  ...SASS.map((sm) => `-gencode=arch=compute_${sm},code=sm_${sm}`),
  `-gencode=arch=compute_${PTX},code=compute_${PTX}`,
];
// --threads 0 compiles the targets in parallel; the static runtime (nvcc's default, made explicit) keeps the
// binary independent of the toolkit's libcudart at run time: it only needs the driver.
const nvccArgs = ['-O3', '-std=c++17', '--threads', '0', '-cudart', 'static', ...gencode, '-o', binary, ...sources];

console.log(`tunebench: building CUDA tool (native/cuda → ${binary})…`);
const started = Date.now();
mkdirSync(outDir, { recursive: true });
const result = spawnSync(nvcc, nvccArgs, { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
if (result.error || result.status !== 0) {
  console.warn(tail(result));
  finish(
    `tunebench: WARNING: CUDA tool failed to build (${result.error?.message ?? `nvcc exit code ${result.status}`}; ` +
      `last ${TAIL_LINES} lines above); CUDA benchmarks unavailable`,
  );
}
console.log(
  `tunebench: CUDA tool built in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
    `(sm_${SASS.join(', sm_')}, compute_${PTX} PTX): ${binary}`,
);
