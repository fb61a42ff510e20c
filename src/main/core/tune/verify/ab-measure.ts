import { join, relative } from 'node:path';
import type { BenchmarkResult, Run } from '../../../../shared/schemas/bench';
import type { ProjectCommand } from '../../../../shared/schemas/project';
import type { MetricVerdict, TuneMetric } from '../../../../shared/schemas/tune';
import { planFor } from '../../bench/sampling';
import { shellQuote } from '../../project/bench-plan';
import { summarize } from '../../bench/stats/summary';
import { runSuite, type SuiteDeps } from '../../bench/suite-runner';
import type { BenchmarkSpec } from '../../bench/worker/protocol';
import { timedVerdict } from './metric-verdict';

/** Each side builds into its own Cargo target folder, whatever CARGO_TARGET_DIR the user's shell sets. */
function inDir(dir: string, command: ProjectCommand): string {
  return `cd ${shellQuote(join(dir, command.cwd))} && CARGO_TARGET_DIR=${shellQuote(join(dir, command.cwd, 'target'))} ${command.command}`;
}

export interface AbTarget {
  metric: TuneMetric;
  command: ProjectCommand;
  /** Run before every timed run, e.g. a clean so each build is a full build; gets the workspace dir. */
  prepare?: (dir: string) => string;
}

/**
 * One interleaved A/B spec per target: baseline and candidate runs alternate (A B B A …) in the
 * same worker, so drift in the machine's state hits both sides alike.
 */
export function abSpecs(targets: readonly AbTarget[], baselineDir: string, candidateDir: string): BenchmarkSpec[] {
  return targets.map((target, index) => {
    const prepare = target.prepare ? `${target.prepare(baselineDir)} && ${target.prepare(candidateDir)}` : '';
    return {
      kind: 'command',
      id: `ab-${index}`,
      title: `${target.metric}: ${target.command.command}`,
      params: {
        commands: JSON.stringify([
          {
            id: `base-${index}`,
            title: `baseline · ${target.command.command}`,
            command: inDir(baselineDir, target.command),
          },
          {
            id: `cand-${index}`,
            title: `candidate · ${target.command.command}`,
            command: inDir(candidateDir, target.command),
          },
        ]),
        shell: 'sh',
        prepare,
        cleanup: '',
        runTimeoutMs: 20 * 60_000,
        ignoreFailure: false,
        showOutput: false,
      },
    };
  });
}

function samplesOf(results: readonly BenchmarkResult[], id: string): number[] | null {
  return results.find((result) => result.id === id)?.samples ?? null;
}

function warningsOf(results: readonly BenchmarkResult[], id: string): string[] {
  return results.find((result) => result.id === id)?.warnings ?? [];
}

/**
 * The sampling warnings of one target's two results ("precision target … not reached", "machine busy: …") under
 * the metric's title, so the reader knows which verdict they qualify: a warning both sides carry once, one side's
 * own with that side named.
 */
export function targetWarnings(title: string, baseline: readonly string[], candidate: readonly string[]): string[] {
  const lines = [
    ...baseline.map((w) => (candidate.includes(w) ? `${title}: ${w}` : `${title} (baseline): ${w}`)),
    ...candidate.filter((w) => !baseline.includes(w)).map((w) => `${title} (candidate): ${w}`),
  ];
  return [...new Set(lines)];
}

function titleOf(target: AbTarget): string {
  return `${target.metric === 'build-time' ? 'build' : 'run'}: ${target.command.command}`;
}

/** Builds with a clean first take long: a few samples, still enough for the CI of the median. */
const BUILD_PLAN = planFor('basic', { warmupRuns: 0, minSamples: 6, maxSamples: 8, budgetMs: 15 * 60_000 });
const RUN_PLAN = planFor('moderate', { warmupRuns: 1, minSamples: 10, maxSamples: 40, budgetMs: 90_000 });

export async function measureAb(
  targets: readonly AbTarget[],
  measureMemory: boolean,
  dirs: { baselineDir: string; candidateDir: string; root: string },
  request: { jobId: string; name: string; fingerprint: string; changeId: number },
  deps: SuiteDeps,
): Promise<{ verdicts: MetricVerdict[]; run: Run | null; failures: string[]; warnings: string[] }> {
  const verdicts: MetricVerdict[] = [];
  const failures: string[] = [];
  // Every run's, not only the last one's: builds and runtime are measured in runs of their own.
  const warnings = new Set<string>();
  let run: Run | null = null;
  for (const [group, plan] of [
    [targets.filter((t) => t.metric === 'build-time'), BUILD_PLAN],
    [targets.filter((t) => t.metric !== 'build-time'), RUN_PLAN],
  ] as const) {
    if (group.length === 0) continue;
    const specs = abSpecs(group, dirs.baselineDir, dirs.candidateDir);
    run = await runSuite(
      {
        jobId: request.jobId,
        kind: 'project',
        name: request.name,
        preset: 'verify',
        level: 'moderate',
        options: { verification: request.changeId, root: `${dirs.root} (verification)` },
        specs,
        plan,
        fingerprint: request.fingerprint,
      },
      deps,
    );
    for (const failure of run.failures) failures.push(`${failure.title}: ${failure.error}`);
    for (const warning of run.warnings) warnings.add(warning);
    group.forEach((target, index) => {
      const title = titleOf(target);
      const { results } = run!;
      const sides = [warningsOf(results, `base-${index}`), warningsOf(results, `cand-${index}`)] as const;
      targetWarnings(title, ...sides).forEach((warning) => warnings.add(warning));
      const base = samplesOf(results, `base-${index}`);
      const cand = samplesOf(results, `cand-${index}`);
      if (!base || !cand) return;
      if (!(summarize(base).median > 0)) {
        failures.push(`${target.command.command}: the baseline's median is 0 ms, so a relative change is undefined`);
        return;
      }
      verdicts.push(timedVerdict(target.metric, title, 'ms', base, cand));
      if (target.metric === 'runtime' && measureMemory) {
        const baseRss = samplesOf(results, `base-${index}:rss`);
        const candRss = samplesOf(results, `cand-${index}:rss`);
        if (baseRss && candRss)
          verdicts.push(timedVerdict('memory', `peak RSS: ${target.command.command}`, 'MiB', baseRss, candRss));
      }
    });
  }
  return { verdicts, run, failures, warnings: [...warnings] };
}

/** Where a path sits relative to a workspace, for messages. */
export function shortPath(dir: string, path: string): string {
  return relative(dir, path) || '.';
}
