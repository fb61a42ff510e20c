// Our native kernels against their references, same machine, same run: Gemm vs OpenBLAS sgemm (goal ≥ 40 %,
// aim 60 %+) and Stream.triad vs a plain C -O3 triad (goal ≥ 80 %). Both sides take the best of `runs` and
// alternate over `rounds`, so a burst of load from another process hits both rather than one.
// `node test/bench/ref/compare-native.mjs` prints the table; compareNative() returns the figures.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { sgemmReference, triadReference } from './run-refs.mjs';

const addonPath = fileURLToPath(new URL('../../../native/cpu/build/Release/tunebench_cpu.node', import.meta.url));
const GEMM_N = 1024;
// Four times a 32 MiB L3 per array, as STREAM requires, so the triad measures DRAM and not cache.
const TRIAD_ELEMENTS = 16 * 2 ** 20;

function best(fn, runs) {
  fn(); // warm-up: page faults, thread start, clocks up
  let min = Infinity;
  for (let i = 0; i < runs; i += 1) min = Math.min(min, fn());
  return min;
}

function ours(addon, threads, runs) {
  const gemm = new addon.Gemm(GEMM_N, threads);
  const gemmNs = best(() => gemm.run(), runs);
  const error = gemm.maxAbsError();
  gemm.dispose();
  const stream = new addon.Stream(TRIAD_ELEMENTS, threads);
  const triadNs = best(() => stream.triad(), runs);
  const valid = stream.check();
  stream.dispose();
  return { gflops: (2 * GEMM_N ** 3) / gemmNs, gemmMaxAbsError: error, gbps: (24 * TRIAD_ELEMENTS) / triadNs, valid };
}

/** { ok: false, reason } or { ok: true, isa, rows: [{ threads, gemm: {ours, ref, ratio}, triad: {…} }] }. */
export async function compareNative({ threadCounts = [1, 2], runs = 10, rounds = 3 } = {}) {
  if (!existsSync(addonPath)) return { ok: false, reason: 'native CPU kernels are not built: npm run build:native' };
  const addon = createRequire(import.meta.url)(addonPath);
  const rows = [];
  for (const threads of threadCounts) {
    const row = { threads, gemm: { ours: 0, ref: 0 }, triad: { ours: 0, ref: 0 }, valid: true, refReason: null };
    for (let round = 0; round < rounds; round += 1) {
      const [gemmRef, triadRef] = [
        await sgemmReference({ n: GEMM_N, threads, runs }),
        await triadReference({ elements: TRIAD_ELEMENTS, threads, runs }),
      ];
      const mine = ours(addon, threads, runs);
      row.gemm.ours = Math.max(row.gemm.ours, mine.gflops);
      row.triad.ours = Math.max(row.triad.ours, mine.gbps);
      row.valid &&= mine.valid && mine.gemmMaxAbsError < 1e-3;
      if (gemmRef.ok) row.gemm.ref = Math.max(row.gemm.ref, gemmRef.gflops);
      else row.refReason = gemmRef.reason;
      if (triadRef.ok) row.triad.ref = Math.max(row.triad.ref, triadRef.gbps);
      else row.refReason = triadRef.reason;
    }
    for (const kernel of [row.gemm, row.triad]) kernel.ratio = kernel.ref > 0 ? kernel.ours / kernel.ref : null;
    rows.push(row);
  }
  return { ok: true, isa: addon.isa(), rows };
}

function percent(ratio) {
  return ratio === null ? 'n/a' : `${(ratio * 100).toFixed(0)} %`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await compareNative();
  if (!result.ok) {
    console.log(`native kernels: ${result.reason}`);
  } else {
    console.log(`native kernels (gemm variant ${result.isa.gemm}, ${result.isa.compiler}), best of 10 × 3 rounds`);
    for (const { threads, gemm, triad, valid, refReason } of result.rows) {
      console.log(
        `  ${threads} thread(s): sgemm n=${GEMM_N} ours ${gemm.ours.toFixed(1)} vs OpenBLAS ${gemm.ref.toFixed(1)} GFLOP/s ` +
          `(${percent(gemm.ratio)}, goal ≥ 40 %); triad ours ${triad.ours.toFixed(1)} vs C ${triad.ref.toFixed(1)} GB/s ` +
          `(${percent(triad.ratio)}, goal ≥ 80 %)${valid ? '' : ' RESULTS INVALID'}${refReason ? ` [${refReason}]` : ''}`,
      );
    }
  }
}
