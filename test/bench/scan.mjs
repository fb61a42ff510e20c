#!/usr/bin/env node
// Project scanner speed: `tunebench scan <dir> --json` on a generated 50,000-file git repository,
// cold (empty scan cache) and warm (cache from a previous run), each run in a fresh process, against
// the references `git ls-files | xargs wc -l` and, when installed, cloc. Goal: 50,000 files under
// 3 s warm. Prints medians with spread and n; nothing here fails a build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(repoRoot, 'bin', 'tunebench.js');
const GOAL_FILES = 50_000;
const GOAL_WARM_MS = 3_000;

/** Deterministic pseudo-random numbers, so every run scans the same tree. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const KINDS = [
  // [share, extension, min lines, max lines, line]
  [0.25, 'ts', 20, 200, 'export const value = compute(input, options); // typed'],
  [0.15, 'js', 20, 200, 'module.exports.value = compute(input, options);'],
  [0.2, 'py', 10, 150, 'result = model(inputs).detach().cpu().numpy()'],
  [0.1, 'rs', 20, 200, 'let value = compute(&input, options)?;'],
  [0.1, 'json', 5, 60, '  "key": "value",'],
  [0.1, 'md', 5, 80, 'Some prose for the documentation of this module.'],
  [0.1, 'txt', 1, 20, 'plain text'],
];

/**
 * Writes `files` project files (plus a .gitignore, ignored node_modules/dist/logs that must not be
 * counted) into `dir`, in folders of 100, then makes it a git repository with one commit.
 */
export function generateScanTree(dir, files = GOAL_FILES) {
  const next = random(42);
  const bodies = new Map();
  const body = (kind, lines) => {
    const key = `${kind[1]}:${lines}`;
    if (!bodies.has(key)) bodies.set(key, `${kind[4]}\n`.repeat(lines));
    return bodies.get(key);
  };
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\ndist/\n*.log\n');
  writeFileSync(join(dir, 'package.json'), '{ "name": "generated", "version": "1.0.0" }\n');
  for (let index = 0; index < files - 2; index += 1) {
    const folder = join(dir, 'src', `pkg${Math.floor(index / 1000)}`, `mod${Math.floor(index / 100) % 10}`);
    if (index % 100 === 0) mkdirSync(folder, { recursive: true });
    let pick = next();
    const kind = KINDS.find((candidate) => (pick -= candidate[0]) < 0) ?? KINDS[0];
    const lines = kind[2] + Math.floor(next() * (kind[3] - kind[2] + 1));
    writeFileSync(join(folder, `file${index}.${kind[1]}`), body(kind, lines));
  }
  for (let index = 0; index < 5_000; index += 1) {
    const folder = join(dir, 'node_modules', `dep${Math.floor(index / 100)}`);
    if (index % 100 === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `index${index}.js`), 'module.exports = 1;\n');
  }
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'dist', 'bundle.js'), 'built\n'.repeat(1000));
  writeFileSync(join(dir, 'debug.log'), 'log\n');
  const git = (...args) => {
    const result = spawnSync(
      'git',
      ['-c', 'user.name=bench', '-c', 'user.email=bench@tunebench.invalid', '-c', 'commit.gpgsign=false', ...args],
      { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  };
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'generated tree');
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return { n: sorted.length, median, min: sorted[0], max: sorted.at(-1) };
}

function fmt(s) {
  return `${s.median.toFixed(0)} ms median (min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)}, n=${s.n})`;
}

function timed(command, args, options) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return { ms, stdout: result.stdout };
}

function scanOnce(dir, home) {
  const run = timed(process.execPath, [cli, 'scan', dir, '--json'], { env: { ...process.env, TUNEBENCH_HOME: home } });
  const profile = JSON.parse(run.stdout);
  return { ms: run.ms, stats: profile.scan };
}

function hasTool(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Generates the tree, runs every measurement, prints the figures and returns them. */
export async function runScanBench({ files = GOAL_FILES, runs = 3 } = {}) {
  if (!existsSync(join(repoRoot, 'out', 'main', 'cli.js'))) {
    throw new Error('bench: out/main/cli.js is missing; run `npm run build` first');
  }
  const work = mkdtempSync(join(os.tmpdir(), 'tunebench-scan-bench-'));
  try {
    const tree = join(work, 'tree');
    mkdirSync(tree);
    const startGenerate = performance.now();
    generateScanTree(tree, files);
    console.log(
      `tree: ${files} files in git (+5,000 ignored node_modules files) generated in ${((performance.now() - startGenerate) / 1000).toFixed(1)} s`,
    );
    console.log(`machine: ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}, node ${process.version}`);

    // One throw-away run so the OS page cache holds the tree for every timed run alike.
    scanOnce(tree, mkdtempSync(join(work, 'home-')));

    const cold = [];
    for (let index = 0; index < runs; index += 1) cold.push(scanOnce(tree, mkdtempSync(join(work, 'home-'))));
    const warmHome = mkdtempSync(join(work, 'home-'));
    scanOnce(tree, warmHome); // fills the disk cache
    const warm = [];
    for (let index = 0; index < runs; index += 1) warm.push(scanOnce(tree, warmHome));

    const wc = [];
    for (let index = 0; index < runs; index += 1) {
      wc.push(timed('sh', ['-c', 'git ls-files -z | xargs -0 wc -l > /dev/null'], { cwd: tree }).ms);
    }
    const cloc = [];
    if (hasTool('cloc')) {
      for (let index = 0; index < runs; index += 1)
        cloc.push(timed('cloc', ['--vcs=git', '--quiet', tree], { cwd: tree }).ms);
    }

    const coldWall = summary(cold.map((run) => run.ms));
    const warmWall = summary(warm.map((run) => run.ms));
    const wcWall = summary(wc);
    const result = {
      files: warm[0].stats.files,
      cold: {
        wall: coldWall,
        scan: summary(cold.map((run) => run.stats.durationMs)),
        hitRate: cold.map((r) => r.stats.cache.hitRate),
      },
      warm: {
        wall: warmWall,
        scan: summary(warm.map((run) => run.stats.durationMs)),
        hitRate: warm.map((r) => r.stats.cache.hitRate),
      },
      wc: wcWall,
      cloc: cloc.length > 0 ? summary(cloc) : null,
      goalMet: warm[0].stats.files >= files && warmWall.median < GOAL_WARM_MS,
    };
    console.log(
      `files counted by the scan: ${result.files} (method ${warm[0].stats.method}, truncated ${warm[0].stats.truncated})`,
    );
    console.log(
      `cold  tunebench scan --json: ${fmt(coldWall)}; scan itself ${fmt(result.cold.scan)}; cache hit rate ${result.cold.hitRate.join(', ')}`,
    );
    console.log(
      `warm  tunebench scan --json: ${fmt(warmWall)}; scan itself ${fmt(result.warm.scan)}; cache hit rate ${result.warm.hitRate.join(', ')}`,
    );
    console.log(`ref   git ls-files | xargs wc -l: ${fmt(wcWall)}`);
    console.log(
      result.cloc ? `ref   cloc --vcs=git: ${fmt(result.cloc)}` : 'ref   cloc: not installed (apt-get install cloc)',
    );
    console.log(
      `ratios: cold/wc ${(coldWall.median / wcWall.median).toFixed(2)}x, warm/wc ${(warmWall.median / wcWall.median).toFixed(2)}x` +
        (result.cloc ? `, cold/cloc ${(coldWall.median / result.cloc.median).toFixed(2)}x` : ''),
    );
    console.log(
      `goal "${files.toLocaleString('en')} files under ${GOAL_WARM_MS / 1000} s warm": ${result.goalMet ? 'met' : 'NOT met'} (${warmWall.median.toFixed(0)} ms)`,
    );
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runScanBench().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
