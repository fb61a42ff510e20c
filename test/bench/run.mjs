#!/usr/bin/env node
// `npm run bench`: speed and overhead goals of the hardware slice, measured against references
// taken in the same run on the same machine. Numbers are printed with unit, sample count and
// spread; nothing here is a pass/fail test (those live in `npm test`).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
console.log(
  `\nload average at the end ${loadAverage()}${Number(loadAverage()) > os.cpus().length * 0.5 ? ' — the machine was busy; treat these numbers with care' : ''}`,
);
rmSync(home, { recursive: true, force: true });
