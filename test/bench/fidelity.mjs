#!/usr/bin/env node
// Fidelity of verdicts between separate runs (`npm run bench:fidelity`, and a section of `npm run bench`):
//   - A/A: two separate runs of the same thing; any "faster"/"slower" is a false change (goal ≤ 5 %);
//   - an injected 10 % slowdown between separate runs: found (goal ≥ 90 % on a quiet machine), and never called
//     faster; on a loaded machine "inconclusive" is the right answer, a wrong verdict is not.
// Half of each A/A series runs while a background process keeps one core busy. Each run is its own
// `tunebench` process, as a user's runs minutes apart are; comparisons go through `tunebench bench compare`
// (stored runs, this machine's noise floors), exactly as the History page compares.
// Sizes: FIDELITY_PAIRS (command A/A pairs per mode, default 20), FIDELITY_DETECT (slowdown pairs, default 10),
// FIDELITY_CPU_PAIRS (Quick CPU suite A/A pairs, default 5; 0 skips it).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'bin', 'tunebench.js');
const DELAY_S = 0.02;
// sleep's own start-up is about 1 ms: 22.1 ms of sleep makes the whole command about 10 % slower than 20 ms.
const SLOWED_S = 0.0221;
// The command text stays the same (as a user's does across a code change); what it does comes from outside.
const COMMAND = 'sleep "$FIDELITY_DELAY"';

function tunebench(home, args, extraEnv = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    env: { ...process.env, TUNEBENCH_HOME: home, ...extraEnv },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0)
    throw new Error(`tunebench ${args.join(' ')} failed: ${result.stderr.trim().split('\n').at(-1)}`);
  return JSON.parse(result.stdout);
}

function commandRun(home, rounds, delay) {
  const args = ['bench', 'run', '--json', '--warmup', '2', '--runs', '12', '--rounds', String(rounds), COMMAND];
  return tunebench(home, args, { FIDELITY_DELAY: String(delay) }).id;
}

function compare(home, baseId, headId) {
  return tunebench(home, ['bench', 'compare', String(baseId), String(headId), '--json']);
}

/** One process spinning on a core: "the machine is also loaded". */
function startHog() {
  const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  return () => child.kill('SIGKILL');
}

function tally(verdicts) {
  const count = (v) => verdicts.filter((x) => x === v).length;
  return {
    n: verdicts.length,
    faster: count('faster'),
    slower: count('slower'),
    same: count('no significant change'),
    inconclusive: count('inconclusive'),
  };
}

function line(t) {
  return `${t.n} pairs: ${t.faster} faster, ${t.slower} slower, ${t.same} no significant change, ${t.inconclusive} inconclusive`;
}

const pct = (part, whole) => (whole === 0 ? 'n/a' : `${((part / whole) * 100).toFixed(0)} %`);

/** The primary row's verdict of a command comparison (the command's wall time, not its user/sys/rss series). */
function primaryVerdict(comparison) {
  const row = comparison.rows.find((r) => !/:(user|sys|rss)$/.test(r.id));
  if (!row) throw new Error('the comparison has no wall-time row');
  return row.comparison;
}

function aaSeries(home, rounds, pairs) {
  const quiet = [];
  const loaded = [];
  const reasons = new Set();
  for (let i = 0; i < pairs; i += 1) {
    const busy = i >= pairs / 2;
    const stop = busy ? startHog() : () => {};
    try {
      const a = commandRun(home, rounds, DELAY_S);
      const b = commandRun(home, rounds, DELAY_S);
      const c = primaryVerdict(compare(home, a, b));
      (busy ? loaded : quiet).push(c.verdict);
      if (c.reason) reasons.add(c.reason.replace(/\d+(\.\d+)? %/g, 'N %').slice(0, 110));
    } finally {
      stop();
    }
  }
  return { quiet: tally(quiet), loaded: tally(loaded), reasons: [...reasons].slice(0, 3) };
}

function detectionSeries(seedHome, rounds, pairs, busy) {
  const verdicts = [];
  for (let i = 0; i < pairs; i += 1) {
    // A copy of the A/A history per pair: the slowed runs must not feed the floor of the next pair.
    const home = mkdtempSync(join(os.tmpdir(), 'tunebench-fidelity-detect-'));
    cpSync(seedHome, home, { recursive: true });
    const stop = busy ? startHog() : () => {};
    try {
      const base = commandRun(home, rounds, DELAY_S);
      const head = commandRun(home, rounds, SLOWED_S);
      verdicts.push(primaryVerdict(compare(home, base, head)).verdict);
    } finally {
      stop();
      rmSync(home, { recursive: true, force: true });
    }
  }
  return tally(verdicts);
}

function cpuSeries(home, pairs) {
  const quiet = [];
  const loaded = [];
  for (let i = 0; i < pairs; i += 1) {
    const busy = i >= Math.ceil(pairs / 2);
    const stop = busy ? startHog() : () => {};
    try {
      const a = tunebench(home, ['bench', 'cpu', '--quick', '--json']).id;
      const b = tunebench(home, ['bench', 'cpu', '--quick', '--json']).id;
      const rows = compare(home, a, b).rows.map((row) => row.comparison.verdict);
      (busy ? loaded : quiet).push(...rows);
    } finally {
      stop();
    }
  }
  return { quiet: tally(quiet), loaded: tally(loaded) };
}

export async function runFidelityBench({
  pairs = Number(process.env.FIDELITY_PAIRS ?? 20),
  detect = Number(process.env.FIDELITY_DETECT ?? 10),
  cpuPairs = Number(process.env.FIDELITY_CPU_PAIRS ?? 5),
} = {}) {
  if (!existsSync(join(root, 'out', 'main', 'cli.js'))) throw new Error('out/main/cli.js is missing: npm run build');
  const home = mkdtempSync(join(os.tmpdir(), 'tunebench-fidelity-'));
  const started = Date.now();
  try {
    console.log(
      `\nverdicts between separate runs (each run its own process; the second half of each A/A series with one core kept busy by another process)`,
    );
    console.log(
      `  command: ${COMMAND} with FIDELITY_DELAY=${DELAY_S} s (A/A) or ${SLOWED_S} s (≈ +10 %), 12 runs per round`,
    );
    for (const rounds of [5, 1]) {
      const aa = aaSeries(home, rounds, pairs);
      const decided = aa.quiet.faster + aa.quiet.slower + aa.loaded.faster + aa.loaded.slower;
      const label = rounds > 1 ? `${rounds} rounds per run` : '1 round per run, noise floor from this history';
      console.log(`  A/A, ${label}`);
      console.log(`    quiet   ${line(aa.quiet)}`);
      console.log(`    loaded  ${line(aa.loaded)}`);
      console.log(
        `    false changes ${decided} of ${aa.quiet.n + aa.loaded.n} = ${pct(decided, aa.quiet.n + aa.loaded.n)} (goal ≤ 5 %: ${decided / (aa.quiet.n + aa.loaded.n) <= 0.05 ? 'met' : 'MISSED'})`,
      );
      for (const reason of aa.reasons) console.log(`    e.g. inconclusive: ${reason}…`);
    }
    for (const rounds of [5, 1]) {
      const quiet = detectionSeries(home, rounds, detect, false);
      const loaded = detectionSeries(home, rounds, Math.ceil(detect / 2), true);
      const label = rounds > 1 ? `${rounds} rounds per run` : '1 round per run, noise floor from the A/A history';
      console.log(`  injected +10 % slowdown, ${label}`);
      console.log(
        `    quiet   ${line(quiet)}: found ${pct(quiet.slower, quiet.n)} (goal ≥ 90 %: ${quiet.slower / quiet.n >= 0.9 ? 'met' : 'MISSED'}), wrong way ${quiet.faster}`,
      );
      console.log(
        `    loaded  ${line(loaded)}: wrong verdicts ${loaded.faster + loaded.same} (goal 0: "inconclusive" or "slower")`,
      );
    }
    if (cpuPairs > 0) {
      const cpu = cpuSeries(home, cpuPairs);
      const decided = cpu.quiet.faster + cpu.quiet.slower + cpu.loaded.faster + cpu.loaded.slower;
      const total = cpu.quiet.n + cpu.loaded.n;
      console.log(`  A/A, Quick CPU suite, ${cpuPairs} pairs of runs (1 round each; counts are benchmark rows)`);
      console.log(`    quiet   ${line(cpu.quiet).replace('pairs', 'rows')}`);
      console.log(`    loaded  ${line(cpu.loaded).replace('pairs', 'rows')}`);
      console.log(
        `    false changes ${decided} of ${total} = ${pct(decided, total)} (goal ≤ 5 %: ${decided / total <= 0.05 ? 'met' : 'MISSED'})`,
      );
    }
    console.log(
      `  (took ${((Date.now() - started) / 60_000).toFixed(1)} min, load average now ${os.loadavg()[0].toFixed(2)})`,
    );
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runFidelityBench();
