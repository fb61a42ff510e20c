import { writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { quote } from 'shell-quote';
import type { Level } from '../../shared/schemas/bench';
import { createCliEngine } from './engine-for-cli';
import { formatComparison } from './format-run';
import { formatCommandRun } from './format-command-run';
import { progressPrinter } from './progress-bar';
import { resolveRunRef } from './bench-refs';
import { levelOption } from './settings-defaults';
import { parseRounds, ROUNDS_HELP } from './rounds-option';
import { compareCommands } from '../core/bench/command-comparisons';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a non-negative integer');
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parameterList(value: string, previous: Array<{ name: string; values: string[] }>) {
  const match = /^(\w+)=(.*)$/.exec(value);
  if (!match) throw new InvalidArgumentError('expected name=value1,value2,… (e.g. -L threads=1,2,4)');
  return [...previous, { name: match[1]!, values: match[2]!.split(',') }];
}

interface RunOptions {
  vs: string[];
  name: string[];
  shell: boolean;
  warmup: number;
  minRuns?: number;
  maxRuns?: number;
  runs?: number;
  prepare?: string;
  cleanup?: string;
  parameterList: Array<{ name: string; values: string[] }>;
  timeout: number;
  ignoreFailure?: boolean;
  showOutput?: boolean;
  level: Level;
  rounds?: number;
  json?: boolean;
  exportJson?: string;
  baseline?: string;
  saveBaseline?: string;
}

export function benchRunCommand(): Command {
  return new Command('run')
    .description('Benchmark shell commands like hyperfine: wall, user and system time and peak RSS per run')
    .argument('<command...>', 'the command (quote it, or put it after --)')
    .option('--vs <command>', 'another command to measure interleaved with the first (repeatable)', collect, [])
    .option('-n, --name <name>', 'display name for each command, in order (repeatable)', collect, [])
    .option('-N, --no-shell', 'run without a shell (no pipes, globs or &&); nothing to subtract')
    .option('-w, --warmup <runs>', 'untimed runs first', positiveInt, 3)
    .option('-m, --min-runs <runs>', 'at least this many timed runs (≥ 6)', positiveInt)
    .option('-M, --max-runs <runs>', 'at most this many timed runs', positiveInt)
    .option('-r, --runs <runs>', 'exactly this many timed runs', positiveInt)
    .option('-p, --prepare <command>', 'run before each timed run, untimed (e.g. drop caches)')
    .option('-c, --cleanup <command>', 'run after each timed run, untimed')
    .option(
      '-L, --parameter-list <name=values>',
      'run once per value, replacing {name} (repeatable)',
      parameterList,
      [],
    )
    .option('--timeout <seconds>', 'kill a run that takes longer', (v) => Number(v), 60)
    .option('-i, --ignore-failure', 'time commands even when they exit non-zero')
    .option('--show-output', "show the commands' stdout (hidden by default, like hyperfine)")
    .addOption(levelOption('precision target: basic ±3 %, moderate ±1 %, aggressive ±0.5 %'))
    .option('--rounds <k>', ROUNDS_HELP, parseRounds)
    .option('--json', 'print the run as JSON (every sample included)')
    .option('--export-json <file>', 'also write the run as JSON to a file')
    .option('--baseline <name>', 'compare with a saved baseline run afterwards')
    .option('--save-baseline <name>', 'save this run as a named baseline')
    .addHelpText(
      'after',
      "\nExamples:\n  tunebench bench run 'sleep 0.02'\n  tunebench bench run 'gzip -k -f big.txt' --vs 'zstd -f big.txt' --prepare 'rm -f big.txt.*'\n  tunebench bench run -L threads=1,2,4 'make -j{threads}'\n  tunebench bench run --no-shell -- node -e 0",
    )
    .action(async (words: string[], options: RunOptions) => {
      if (!Number.isFinite(options.timeout) || options.timeout <= 0)
        throw new Error('--timeout must be a positive number of seconds');
      const command = words.length === 1 ? words[0]! : quote(words);
      const engine = createCliEngine('cli');
      try {
        const baseId = options.baseline ? await resolveRunRef(engine, options.baseline) : null;
        const unsubscribe = engine.events.on('job.progress', progressPrinter());
        const minRuns = options.runs ?? options.minRuns ?? 10;
        const maxRuns = options.runs ?? options.maxRuns ?? Math.max(500, minRuns);
        const { jobId } = await engine.handlers['bench.startCommand']({
          commands: [command, ...options.vs],
          names: options.name.length > 0 ? options.name : undefined,
          shell: options.shell ? 'sh' : 'none',
          prepare: options.prepare,
          cleanup: options.cleanup,
          parameterLists: options.parameterList.length > 0 ? options.parameterList : undefined,
          warmupRuns: options.warmup,
          minRuns,
          maxRuns,
          // A fixed run count must not be cut short by the default time budget.
          budgetMs: options.runs ? 24 * 3600 * 1000 : undefined,
          runTimeoutMs: Math.round(options.timeout * 1000),
          ignoreFailure: options.ignoreFailure ?? false,
          showOutput: options.showOutput ?? false,
          level: options.level,
          ...(options.rounds ? { rounds: options.rounds } : {}),
        });
        const cancel = () => void engine.handlers['bench.cancel']({ jobId });
        process.once('SIGINT', cancel);
        const job = await engine.queue.settled(jobId);
        process.off('SIGINT', cancel);
        unsubscribe();
        if (job.resultRef === null) throw new Error(job.error ?? `the benchmark ended ${job.status}`);
        const run = await engine.handlers['bench.run']({ id: job.resultRef });
        if (options.saveBaseline)
          await engine.handlers['bench.saveBaseline']({ name: options.saveBaseline, runId: run.id });
        if (options.exportJson) writeFileSync(options.exportJson, `${JSON.stringify(run, null, 2)}\n`);
        const comparison = baseId
          ? await engine.handlers['bench.compare']({ baseRunId: baseId, headRunId: run.id })
          : null;
        // The interleaved --vs comparisons and a --baseline comparison travel with the run, as printed.
        const versus = compareCommands(run);
        if (options.json) {
          const extra = { ...(versus.length > 0 ? { versus } : {}), ...(comparison ? { comparison } : {}) };
          process.stdout.write(`${JSON.stringify(Object.keys(extra).length > 0 ? { run, ...extra } : run, null, 2)}\n`);
        } else {
          process.stdout.write(`${formatCommandRun(run)}\n`);
          if (comparison) process.stdout.write(`\n${formatComparison(comparison)}\n`);
        }
        if (run.status === 'failed' || run.failures.length > 0) process.exitCode = 1;
        if (job.status === 'cancelled') process.exitCode = 130;
      } finally {
        await engine.close();
      }
    });
}
