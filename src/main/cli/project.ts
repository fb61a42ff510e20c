import { Command, InvalidArgumentError } from 'commander';
import { formatPercent } from '../../shared/format-result';
import type { Engine } from '../core/engine';
import { createCliEngine } from './engine-for-cli';
import { formatProject } from './format-project';
import { formatRun } from './format-run';
import { progressPrinter } from './progress-bar';

export async function withEngine(body: (engine: Engine) => Promise<void>): Promise<void> {
  const engine = createCliEngine('cli');
  try {
    await body(engine);
  } finally {
    await engine.close();
  }
}

export async function waitForJob(engine: Engine, jobId: string): Promise<number | null> {
  const unsubscribe = engine.events.on('job.progress', progressPrinter());
  const cancel = () => void engine.handlers['bench.cancel']({ jobId });
  process.once('SIGINT', cancel);
  const job = await engine.queue.settled(jobId);
  process.off('SIGINT', cancel);
  unsubscribe();
  if (job.status === 'failed') throw new Error(job.error ?? 'failed');
  if (job.status === 'cancelled') {
    process.exitCode = 130;
    throw new Error('cancelled');
  }
  return job.resultRef;
}

export function scanCommand(): Command {
  return new Command('scan')
    .description(
      'Scan a project folder (never runs its code): languages, stacks with evidence, commands, artifacts, git state',
    )
    .argument('[dir]', 'project folder', '.')
    .option('--json', 'print the project profile as JSON')
    .action(async (dir: string, options: { json?: boolean }) =>
      withEngine(async (engine) => {
        const { jobId } = await engine.handlers['project.scan']({ root: dir });
        await waitForJob(engine, jobId);
        const profile = await engine.handlers['project.get']({ root: dir });
        if (!profile) throw new Error(`scanning ${dir} produced no profile`);
        process.stdout.write(options.json ? `${JSON.stringify(profile, null, 2)}\n` : `${formatProject(profile)}\n`);
      }),
    );
}

function parseMetrics(value: string): Array<'build' | 'test' | 'bench' | 'size'> {
  const metrics = value.split(',').map((m) => m.trim());
  for (const metric of metrics) {
    if (!['build', 'test', 'bench', 'size'].includes(metric))
      throw new InvalidArgumentError('use build, test, bench and/or size');
  }
  return metrics as Array<'build' | 'test' | 'bench' | 'size'>;
}

export function benchProjectCommand(): Command {
  return new Command('project')
    .description(
      "Measure a project's build time, test time, bench commands and artifact sizes, stored against its git commit",
    )
    .argument('[dir]', 'project folder', '.')
    .option('--only <metrics>', 'build, test, bench, size (comma-separated)', parseMetrics)
    .option('--trust', 'trust this folder first (its commands will run)')
    .option('--json', 'print the run as JSON')
    .action(
      async (
        dir: string,
        options: { only?: Array<'build' | 'test' | 'bench' | 'size'>; trust?: boolean; json?: boolean },
      ) =>
        withEngine(async (engine) => {
          if (options.trust) await engine.handlers['project.trust']({ root: dir, trusted: true });
          const before = await engine.handlers['project.history']({ root: dir });
          const { jobId } = await engine.handlers['project.bench']({
            root: dir,
            only: options.only ?? ['build', 'test', 'bench', 'size'],
          });
          const runId = await waitForJob(engine, jobId);
          if (runId === null) throw new Error('the project benchmark stored no run');
          const run = await engine.handlers['bench.run']({ id: runId });
          if (options.json) {
            process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
            return;
          }
          process.stdout.write(`${formatRun(run)}\n`);
          const previous = before.runs[0];
          if (previous) {
            // Taken before this run: what changed between the previous measurement and now.
            const changes = before.changesSinceLast;
            process.stdout.write(`\nSince run ${previous.runId} (${previous.commit?.slice(0, 10) ?? 'no commit'}):\n`);
            if (changes) {
              for (const commit of changes.commits.slice(0, 10))
                process.stdout.write(`  ${commit.hash.slice(0, 10)} ${commit.subject}\n`);
              process.stdout.write(
                `  ${changes.files.length} files changed${changes.files.length > 0 ? `: ${changes.files.slice(0, 8).join(', ')}` : ''}\n`,
              );
            }
            for (const metric of run.results) {
              const old = previous.metrics.find((m) => m.id === metric.id);
              if (old && old.median !== 0) {
                process.stdout.write(`  ${metric.title}: ${formatPercent(metric.summary.median / old.median - 1)}\n`);
              }
            }
          }
        }),
    );
}

export function trustCommand(): Command {
  return new Command('trust')
    .description('Trust a folder so Tunebench may run its commands (build, test, bench); scanning never needs trust')
    .argument('[dir]', 'folder', '.')
    .option('--revoke', 'withdraw trust')
    .option('--list', 'list trusted folders')
    .action(async (dir: string, options: { revoke?: boolean; list?: boolean }) =>
      withEngine(async (engine) => {
        if (options.list) {
          const folders = await engine.handlers['project.trustedFolders']({});
          process.stdout.write(
            folders.length === 0
              ? 'no trusted folders\n'
              : folders.map((f) => `${f.path}  (since ${f.trustedAt})\n`).join(''),
          );
          return;
        }
        const result = await engine.handlers['project.trust']({ root: dir, trusted: !options.revoke });
        process.stdout.write(`${result.root}: ${result.trusted ? 'trusted' : 'not trusted'}\n`);
      }),
    );
}
