#!/usr/bin/env node
// `npm run bench`: speed and overhead goals of the hardware slice, measured against references
// taken in the same run on the same machine. Numbers are printed with unit, sample count and
// spread; nothing here is a pass/fail test (those live in `npm test`).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareNative } from './ref/compare-native.mjs';
import { runScanBench } from './scan.mjs';
import { runFidelityBench } from './fidelity.mjs';
import { sgemmReference, triadReference } from './ref/run-refs.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'bin', 'tunebench.js');
if (!existsSync(join(root, 'out', 'main', 'cli.js'))) {
  console.error('bench: out/main/cli.js is missing; run `npm run build` first');
  process.exit(1);
}
const home = mkdtempSync(join(os.tmpdir(), 'tunebench-bench-'));
const env = { ...process.env, TUNEBENCH_HOME: home };

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const deviations = sorted.map((v) => Math.abs(v - median)).sort((a, b) => a - b);
  return {
    n: sorted.length,
    median,
    mad: deviations[Math.floor(deviations.length / 2)],
    min: sorted[0],
    max: sorted.at(-1),
  };
}

function fmt(s, unit, digits = 0) {
  return `${s.median.toFixed(digits)} ${unit} median (MAD ${s.mad.toFixed(digits)}, min ${s.min.toFixed(digits)}, max ${s.max.toFixed(digits)}, n=${s.n})`;
}

function loadAverage() {
  return os.loadavg()[0].toFixed(2);
}

function timeProcess(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return { ms, stdout: result.stdout };
}

// 1. Hardware profile, cold, in a fresh process each time (what `tunebench hw --json` costs).
const RUNS = 10;
timeProcess([cli, 'hw', '--json']); // one warm-up so the OS file cache holds node_modules
const wall = [];
const collection = [];
const nodeStartup = [];
for (let i = 0; i < RUNS; i += 1) {
  const run = timeProcess([cli, 'hw', '--json']);
  wall.push(run.ms);
  collection.push(JSON.parse(run.stdout).collectionMs);
  nodeStartup.push(timeProcess(['-e', '0']).ms);
}
const wallS = summary(wall);
const collectionS = summary(collection);
const nodeS = summary(nodeStartup);
console.log(`machine: ${os.cpus()[0]?.model} × ${os.cpus().length}, load average ${loadAverage()}`);
console.log('\nhardware profile (fresh process per run)');
console.log(`  tunebench hw --json wall time   ${fmt(wallS, 'ms')}`);
console.log(`  of which profile collection     ${fmt(collectionS, 'ms')}`);
console.log(`  reference: bare node startup    ${fmt(nodeS, 'ms')}`);
console.log(`  ratio to bare node startup      ${(wallS.median / nodeS.median).toFixed(2)}×`);
console.log(
  `  target < 1500 ms cold           ${wallS.median < 1500 ? 'met' : 'MISSED'} (${((wallS.median / 1500) * 100).toFixed(0)} % of budget)`,
);

// 2. Sampler overhead: CPU time of a process sampling at 10 Hz, against the same process at 0.5 Hz.
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime + stime
}

async function samplerCpuPercent(hz, seconds) {
  const child = spawn(process.execPath, [cli, 'hw', '--watch', '--json', '--hz', String(hz)], {
    env,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let samples = 0;
  child.stdout.on('data', (chunk) => (samples += chunk.toString().split('\n').length - 1));
  await new Promise((r) => setTimeout(r, 2500)); // start-up and profile are not sampler overhead
  const cpu0 = cpuSeconds(child.pid);
  const samples0 = samples;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const cpu1 = cpuSeconds(child.pid);
  const elapsed = (performance.now() - t0) / 1000;
  const got = samples - samples0;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { pct: ((cpu1 - cpu0) / elapsed) * 100, rate: got / elapsed };
}

if (process.platform === 'linux') {
  const SECONDS = 10;
  const fast = [];
  const slow = [];
  for (let i = 0; i < 3; i += 1) {
    fast.push(await samplerCpuPercent(10, SECONDS));
    slow.push(await samplerCpuPercent(0.5, SECONDS));
  }
  const fastS = summary(fast.map((r) => r.pct));
  const slowS = summary(slow.map((r) => r.pct));
  console.log(`\ntelemetry sampler overhead (CPU % of one core over ${SECONDS} s windows, interleaved)`);
  console.log(
    `  at 10 Hz                        ${fmt(fastS, '%', 2)}; achieved ${summary(fast.map((r) => r.rate)).median.toFixed(2)} samples/s`,
  );
  console.log(`  reference: same process 0.5 Hz  ${fmt(slowS, '%', 2)}`);
  console.log(
    `  cost of 10 Hz sampling          ${(fastS.median - slowS.median).toFixed(2)} percentage points of one core`,
  );
  console.log(
    `  per sample                      ${(((fastS.median - slowS.median) / 100 / 9.5) * 1000).toFixed(2)} ms CPU`,
  );
} else {
  console.log('\ntelemetry sampler overhead: measured on Linux only (/proc/<pid>/stat)');
}
// 3. Command timing against hyperfine (Debian package), interleaved rounds.
function hasHyperfine() {
  return spawnSync('hyperfine', ['--version'], { encoding: 'utf8' }).status === 0;
}

function hyperfineMedianMs(args, command) {
  const out = join(home, 'hyperfine.json');
  const result = spawnSync('hyperfine', ['--style', 'none', ...args, '--export-json', out, command], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`hyperfine failed: ${result.stderr}`);
  const r = JSON.parse(readFileSync(out, 'utf8')).results[0];
  return { median: r.median * 1000, n: r.times.length };
}

function tunebenchMedianMs(args, command) {
  const result = spawnSync(process.execPath, [cli, 'bench', 'run', '--json', ...args, command], {
    env,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`tunebench bench run failed: ${result.stderr}`);
  const primary = JSON.parse(result.stdout).results[0];
  return { median: primary.summary.median, n: primary.summary.n };
}

function wallOf(fn) {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

if (hasHyperfine()) {
  const ROUNDS = 3;
  const ours = [];
  const theirs = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    theirs.push(hyperfineMedianMs(['--warmup', '3', '--runs', '30'], 'sleep 0.02').median);
    ours.push(tunebenchMedianMs(['--warmup', '3', '--runs', '30'], 'sleep 0.02').median);
  }
  const oursS = summary(ours);
  const theirsS = summary(theirs);
  const diff = oursS.median / theirsS.median - 1;
  console.log(`\ncommand timing of 'sleep 0.02' (median of 30 runs per round, ${ROUNDS} interleaved rounds)`);
  console.log(`  tunebench bench run             ${fmt(oursS, 'ms', 3)}`);
  console.log(`  reference: hyperfine            ${fmt(theirsS, 'ms', 3)}`);
  console.log(
    `  difference                      ${(diff * 100).toFixed(2)} % (goal within ±3 %: ${Math.abs(diff) <= 0.03 ? 'met' : 'MISSED'})`,
  );

  // Harness overhead: the marginal wall time per extra run of `true` (no shell), from the tools'
  // total times at two run counts, so each tool's one-off start-up is reported apart.
  const [SMALL, LARGE] = [100, 600];
  const marginal = { ours: [], theirs: [] };
  const startup = { ours: [], theirs: [] };
  for (let i = 0; i < ROUNDS; i += 1) {
    const hSmall = wallOf(() => hyperfineMedianMs(['-N', '--warmup', '0', '--runs', String(SMALL)], 'true'));
    const hLarge = wallOf(() => hyperfineMedianMs(['-N', '--warmup', '0', '--runs', String(LARGE)], 'true'));
    const tSmall = wallOf(() => tunebenchMedianMs(['--no-shell', '--warmup', '0', '--runs', String(SMALL)], 'true'));
    const tLarge = wallOf(() => tunebenchMedianMs(['--no-shell', '--warmup', '0', '--runs', String(LARGE)], 'true'));
    const hPerRun = (hLarge - hSmall) / (LARGE - SMALL);
    const tPerRun = (tLarge - tSmall) / (LARGE - SMALL);
    marginal.theirs.push(hPerRun);
    marginal.ours.push(tPerRun);
    startup.theirs.push(hSmall - SMALL * hPerRun);
    startup.ours.push(tSmall - SMALL * tPerRun);
  }
  const measuredTrue = tunebenchMedianMs(['--no-shell', '--runs', '50'], 'true');
  const hyperfineTrue = hyperfineMedianMs(['-N', '--runs', '50'], 'true');
  const oursRun = summary(marginal.ours);
  const theirsRun = summary(marginal.theirs);
  console.log(
    `\nharness overhead for 'true' (no shell; from total wall time at ${SMALL} and ${LARGE} runs, ${ROUNDS} rounds)`,
  );
  console.log(
    `  measured time of true           tunebench ${measuredTrue.median.toFixed(3)} ms, hyperfine ${hyperfineTrue.median.toFixed(3)} ms (n=50 each)`,
  );
  console.log(`  wall time per extra run         tunebench ${fmt(oursRun, 'ms', 3)}`);
  console.log(`                                  hyperfine ${fmt(theirsRun, 'ms', 3)}`);
  console.log(
    `  ratio                           ${(oursRun.median / theirsRun.median).toFixed(2)}× (goal ≤ 1: ${oursRun.median <= theirsRun.median * 1.0 ? 'met' : 'MISSED'})`,
  );
  console.log(
    `  one-off start-up                tunebench ${summary(startup.ours).median.toFixed(0)} ms (CLI, hardware profile, worker), hyperfine ${summary(startup.theirs).median.toFixed(0)} ms`,
  );
} else {
  console.log('\ncommand timing: hyperfine not installed (apt-get install hyperfine); comparison skipped');
}

// 4. CPU suite kernels against OpenBLAS and a C triad, same machine, same run.
const native = await compareNative({ threadCounts: [...new Set([1, os.cpus().length])] });
if (!native.ok) {
  console.log(`\nnative kernels: ${native.reason}`);
} else {
  console.log(`\nnative kernels against references, best of 10 (GEMM n=1024; triad 16 Mi doubles per array)`);
  for (const row of native.rows) {
    console.log(
      `  ${row.threads} thread(s): GEMM ${row.gemm.ours.toFixed(1)} vs OpenBLAS ${row.gemm.ref.toFixed(1)} GFLOP/s = ${((row.gemm.ours / row.gemm.ref) * 100).toFixed(0)} % (goal ≥ 40 %); triad ${row.triad.ours.toFixed(1)} vs C ${row.triad.ref.toFixed(1)} GB/s = ${((row.triad.ours / row.triad.ref) * 100).toFixed(0)} % (goal ≥ 80 %)${row.refReason ? ` [${row.refReason}]` : ''}`,
    );
  }
  // What the suite itself reports (median, CI, n), against the references' best in the same run.
  const suite = spawnSync(
    process.execPath,
    [cli, 'bench', 'cpu', '--standard', '--only', 'gemm-1024,triad', '--json'],
    { env, encoding: 'utf8' },
  );
  if (suite.status === 0) {
    console.log('  the CPU suite as it reports (median ± CI, n):');
    for (const result of JSON.parse(suite.stdout).results) {
      const threads = Number(result.params.threads);
      const isGemm = result.id.startsWith('gemm');
      const ref = isGemm
        ? await sgemmReference({ n: 1024, threads, runs: 10 })
        : await triadReference({ elements: Number(result.params.elements), threads, runs: 10 });
      const refValue = ref.ok ? (isGemm ? ref.gflops : ref.gbps) : null;
      const s = result.summary;
      console.log(
        `    ${result.title.padEnd(28)} ${s.median.toFixed(1)} ${result.unit} ± ${((s.relativeHalfWidth ?? 0) * 100).toFixed(1)} % (n=${s.n})` +
          (refValue
            ? ` = ${((s.median / refValue) * 100).toFixed(0)} % of ${isGemm ? 'OpenBLAS' : 'the C triad'}'s best ${refValue.toFixed(1)} (goal ≥ ${isGemm ? 70 : 80} %)`
            : ` (reference: ${ref.reason})`),
      );
    }
  } else {
    console.log(`  the CPU suite failed: ${suite.stderr.trim().split('\n').at(-1)}`);
  }
}

// 5. Verdicts between separate runs: A/A false changes and an injected 10 % slowdown (fidelity.mjs).
await runFidelityBench();

// 6. Project scan of a generated 50,000-file repository, cold and warm, against git ls-files | xargs wc -l.
await runScanBench();

// 7. Renderer frame rate and main-process event-loop lag while the Quick CPU suite runs with live
// telemetry (tunebench serve + Chromium; goals 60 fps and lag p99 < 50 ms). Same script as the e2e test.
{
  const { formatFrameRate, measureFrameRate, writeFrameRate } = await import('./frame-rate.mjs');
  try {
    const frames = await measureFrameRate({ seconds: 5 });
    console.log('\nrenderer frame rate and event-loop lag during the Quick CPU suite (5 s windows)');
    for (const line of formatFrameRate(frames)) console.log(line);
    console.log(`  written to ${writeFrameRate(frames)}`);
  } catch (error) {
    console.log(`\nrenderer frame rate: not measured (${error.message})`);
  }
}

console.log(
  `\nload average at the end ${loadAverage()}${Number(loadAverage()) > os.cpus().length * 0.5 ? ' — the machine was busy; treat these numbers with care' : ''}`,
);
rmSync(home, { recursive: true, force: true });
