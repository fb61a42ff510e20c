import { Command, Option } from 'commander';
import type { Level } from '../../shared/schemas/bench';
import type { Engine } from '../core/engine';
import { benchCudaCommand, benchNpuCommand } from './bench-devices';
import { benchInferenceCommand } from './bench-inference';
import { benchRunCommand } from './bench-run';
import { benchProjectCommand } from './project';
import { resolveRunRef } from './bench-refs';
import { createCliEngine } from './engine-for-cli';
import { formatComparison, formatRun } from './format-run';
import { progressPrinter } from './progress-bar';
import { levelOption } from './settings-defaults';
import { parseRounds, ROUNDS_HELP } from './rounds-option';

async function withEngine<T>(body: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = createCliEngine('cli');
  try {
    return await body(engine);
  } finally {
    await engine.close();
  }
}

function cpuCommand(): Command {
  return new Command('cpu')
    .description('Run the CPU suite (native GEMM, STREAM triad, memory latency, hashing; zlib; JSON, regex, sort)')
    .addOption(new Option('--quick', 'about a minute (default)').conflicts(['standard', 'full']))
    .addOption(new Option('--standard', 'larger sizes, thread scaling, longer latency curve').conflicts(['full']))
    .addOption(new Option('--full', 'everything at full size'))
    .addOption(levelOption('sampling precision: basic (±3 %), moderate (±1 %), aggressive (±0.5 %)'))
    .option('--rounds <k>', ROUNDS_HELP, parseRounds)
    .option('--json', 'print the run as JSON')
    .option('--only <ids>', 'only benchmarks whose id starts with one of these, comma-separated (gemm,triad,latency,…)')
    .option('--baseline <name>', 'compare with a saved baseline (run id, name or "latest") after the run')
    .option('--save-baseline <name>', 'save this run as a named baseline')
    .action(
      async (options: {
        quick?: boolean;
        standard?: boolean;
        full?: boolean;
        level: Level;
        rounds?: number;
        json?: boolean;
        only?: string;
        baseline?: string;
        saveBaseline?: string;
      }) => {
        const preset = options.full ? 'full' : options.standard ? 'standard' : 'quick';
        await withEngine(async (engine) => {
          const baseId = options.baseline ? await resolveRunRef(engine, options.baseline) : null;
          const { native } = await engine.handlers['bench.presets']({});
          if (!native.available) process.stderr.write(`note: ${native.reason}\n`);
          const unsubscribe = engine.events.on('job.progress', progressPrinter());
          const only = options.only
            ?.split(',')
            .map((id) => id.trim())
            .filter(Boolean);
          const { jobId } = await engine.handlers['bench.start']({
            suite: 'cpu',
            preset,
            level: options.level,
            only,
            ...(options.rounds ? { rounds: options.rounds } : {}),
          });
          const cancel = () => {
            process.stderr.write('\ncancelling…\n');
            void engine.handlers['bench.cancel']({ jobId });
          };
          process.once('SIGINT', cancel);
          const job = await engine.queue.settled(jobId);
          process.off('SIGINT', cancel);
          unsubscribe();
          if (job.status === 'failed') throw new Error(job.error ?? 'the suite failed');
          if (job.resultRef === null) throw new Error(`the suite ended ${job.status} without a stored run`);
          const run = await engine.handlers['bench.run']({ id: job.resultRef });
          if (options.saveBaseline)
            await engine.handlers['bench.saveBaseline']({ name: options.saveBaseline, runId: run.id });
          const comparison = baseId
            ? await engine.handlers['bench.compare']({ baseRunId: baseId, headRunId: run.id })
            : null;
          if (options.json)
            process.stdout.write(`${JSON.stringify(comparison ? { run, comparison } : run, null, 2)}\n`);
          else {
            process.stdout.write(`${formatRun(run)}\n`);
            if (comparison) process.stdout.write(`\n${formatComparison(comparison)}\n`);
            if (options.saveBaseline) process.stdout.write(`saved as baseline "${options.saveBaseline}"\n`);
          }
          if (job.status === 'cancelled') process.exitCode = 130;
        });
      },
    );
}

function listCommand(): Command {
  return new Command('list')
    .description('List stored benchmark runs')
    .option('-n, --limit <count>', 'how many', (v) => Number.parseInt(v, 10), 20)
    .option('--json', 'as JSON')
    .action(async (options: { limit: number; json?: boolean }) =>
      withEngine(async (engine) => {
        const runs = await engine.handlers['bench.runs']({ limit: options.limit });
        if (options.json) process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
        else if (runs.length === 0) process.stdout.write('no runs yet: `tunebench bench cpu` makes one\n');
        else
          for (const run of runs) {
            const names = run.baselines.length > 0 ? ` [${run.baselines.join(', ')}]` : '';
            process.stdout.write(
              `${String(run.id).padStart(4)}  ${run.startedAt}  ${run.status.padEnd(9)}  ${run.benchmarks} results  ${run.name}${names}\n`,
            );
          }
      }),
    );
}

function showCommand(): Command {
  return new Command('show')
    .description('Show one run (id, "latest" or a baseline name)')
    .argument('<run>', 'run id, "latest" or baseline name')
    .option('--json', 'as JSON, with every sample')
    .action(async (ref: string, options: { json?: boolean }) =>
      withEngine(async (engine) => {
        const run = await engine.handlers['bench.run']({ id: await resolveRunRef(engine, ref) });
        process.stdout.write(options.json ? `${JSON.stringify(run, null, 2)}\n` : `${formatRun(run)}\n`);
      }),
    );
}

function compareCommand(): Command {
  return new Command('compare')
    .description('Compare two runs benchmark by benchmark (Mann–Whitney U, bootstrap CI of the change)')
    .argument('<base>', 'run id, "latest" or baseline name')
    .argument('<head>', 'run id, "latest" or baseline name')
    .option('--force', 'decide even across machines or settings (otherwise such a comparison is inconclusive)')
    .option('--json', 'as JSON')
    .action(async (base: string, head: string, options: { json?: boolean; force?: boolean }) =>
      withEngine(async (engine) => {
        const comparison = await engine.handlers['bench.compare']({
          baseRunId: await resolveRunRef(engine, base),
          headRunId: await resolveRunRef(engine, head),
          force: options.force,
        });
        process.stdout.write(
          options.json ? `${JSON.stringify(comparison, null, 2)}\n` : `${formatComparison(comparison)}\n`,
        );
      }),
    );
}

function baselineCommand(): Command {
  return new Command('baseline')
    .description('Name a run as a baseline to compare later runs with')
    .argument('<name>', 'letters, digits, dots, dashes, underscores')
    .argument('[run]', 'run id or "latest"', 'latest')
    .action(async (name: string, ref: string) =>
      withEngine(async (engine) => {
        const runId = await resolveRunRef(engine, ref);
        await engine.handlers['bench.saveBaseline']({ name, runId });
        process.stdout.write(`baseline "${name}" → run ${runId}\n`);
      }),
    );
}

export function benchCommand(): Command {
  return new Command('bench')
    .description('Benchmarks: the CPU suite, stored runs, baselines and comparisons')
    .addCommand(cpuCommand())
    .addCommand(benchRunCommand())
    .addCommand(benchProjectCommand())
    .addCommand(benchInferenceCommand())
    .addCommand(benchCudaCommand())
    .addCommand(benchNpuCommand())
    .addCommand(listCommand())
    .addCommand(showCommand())
    .addCommand(compareCommand())
    .addCommand(baselineCommand())
    .addHelpText(
      'after',
      '\nExamples:\n  tunebench bench cpu --quick\n  tunebench bench cpu --standard --level moderate --save-baseline before\n  tunebench bench cpu --baseline before\n  tunebench bench compare before latest',
    );
}
