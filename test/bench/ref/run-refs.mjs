// Reference figures for the native CPU kernels, taken on this machine in this run: OpenBLAS cblas_sgemm for
// Gemm and a plain C -O3 STREAM triad for Stream.triad. Each function compiles its C program with cc into a
// temporary directory once per process and answers { ok: true, …figures } or { ok: false, reason }.
// `node test/bench/ref/run-refs.mjs` prints them all.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
let workDir = null;
const builds = new Map();

function tempDir() {
  if (workDir === null) {
    workDir = mkdtempSync(join(os.tmpdir(), 'tunebench-refs-'));
    process.once('exit', () => rmSync(workDir, { recursive: true, force: true }));
  }
  return workDir;
}

/**
 * The OPENBLAS_CORETYPE to force, from /proc/cpuinfo: Debian's OpenBLAS 0.3.21 does not recognise recent CPUs
 * (Zen 4/5 among them) and falls back to a generic kernel a third as fast, which would flatter our Gemm.
 */
export function openBlasCoreType() {
  let flags;
  try {
    flags =
      readFileSync('/proc/cpuinfo', 'utf8')
        .match(/^flags\s*:(.*)$/m)?.[1]
        .trim()
        .split(/\s+/) ?? [];
  } catch {
    return null;
  }
  if (flags.includes('avx512f')) return 'SkylakeX';
  if (flags.includes('avx2')) return 'Haswell';
  return null;
}

// Compiles one reference program (memoised); resolves to the binary's path or { reason }.
function build(name, extraArgs) {
  const key = `${name} ${extraArgs.join(' ')}`;
  if (!builds.has(key)) {
    const out = join(tempDir(), `${name}${builds.size}`);
    const args = ['-O3', '-march=native', join(here, `${name}.c`), '-o', out, ...extraArgs];
    builds.set(
      key,
      run('cc', args).then(
        () => ({ path: out }),
        (error) => ({ reason: compileFailure(error) }),
      ),
    );
  }
  return builds.get(key);
}

function compileFailure(error) {
  if (error.code === 'ENOENT') return 'no C compiler: `cc` is not on PATH (install gcc/build-essential)';
  const stderr = String(error.stderr ?? '');
  if (/cblas\.h/.test(stderr)) return 'OpenBLAS headers not found (install libopenblas-dev)';
  if (/-lopenblas|openblas/.test(stderr)) return 'OpenBLAS library not found (install libopenblas-dev)';
  if (/omp\.h|-lgomp|fopenmp/.test(stderr)) return 'OpenMP not available to cc (install libgomp / gcc)';
  return `cc failed: ${stderr.trim().split('\n').slice(-5).join(' | ')}`;
}

async function runJson(path, args, env) {
  const { stdout } = await run(path, args.map(String), { env: { ...process.env, ...env } });
  return JSON.parse(stdout);
}

/** OpenBLAS cblas_sgemm, n×n×n FP32 row-major, best of `runs`: { ok, gflops, bestNs, coreType, threads }. */
export async function sgemmReference({ n = 1024, threads = 1, runs = 10 } = {}) {
  const built = await build('sgemm_openblas', ['-lopenblas']);
  if (built.reason) return { ok: false, reason: built.reason };
  const coreType = openBlasCoreType();
  const env = { OPENBLAS_NUM_THREADS: String(threads), ...(coreType ? { OPENBLAS_CORETYPE: coreType } : {}) };
  const result = await runJson(built.path, [n, runs], env);
  return { ok: true, gflops: result.gflops, bestNs: result.bestNs, n, threads, coreType };
}

/** Plain C -O3 triad over `elements` doubles per array, best of `runs`: { ok, gbps, bestNs, threads }. */
export async function triadReference({ elements = 16 * 2 ** 20, threads = 1, runs = 10 } = {}) {
  const built = await build('stream_triad', ['-fopenmp']);
  if (built.reason) return { ok: false, reason: built.reason };
  const result = await runJson(built.path, [elements, runs, threads], { OMP_PROC_BIND: 'false' });
  if (!result.ok) return { ok: false, reason: 'the C triad computed wrong values' };
  return { ok: true, gbps: result.gbps, bestNs: result.bestNs, elements, threads: result.threads };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const threads of [1, 2]) {
    console.log('sgemm', JSON.stringify(await sgemmReference({ threads })));
    console.log('triad', JSON.stringify(await triadReference({ threads })));
  }
}
