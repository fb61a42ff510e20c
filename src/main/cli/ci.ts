import { readFileSync, writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import type { Run, RunComparison } from '../../shared/schemas/bench';
import { buildReport } from '../core/report/build';
import { compareReports } from '../core/report/compare-reports';
import { loadReport } from '../core/report/load';
import { renderReport } from '../core/report/render';
import { resolveRunRef } from './bench-refs';
import { parseRounds } from './rounds-option';
import { parseFraction } from '../core/report/budgets';
import { budgetFromOptions, EXIT_BAD_INPUT, EXIT_BUDGET_BROKEN, reportViolations, type BudgetOptions } from './compare';
import { createCliEngine } from './engine-for-cli';
import { formatComparison, formatRun } from './format-run';
import { progressPrinter } from './progress-bar';

/**
 * A CI gate compares separate runs, usually on fresh runners with no history here: only rounds can decide, and
 * 5 per run let a Mann–Whitney test over round medians reach p < 0.05 (4 is the least that can).
 */
const CI_ROUNDS = 5;

interface CiOptions extends BudgetOptions {
  preset: 'quick' | 'standard' | 'full';
  rounds: number;
  only?: string;
  baseline?: string;
  baselineFile?: string;
  saveBaseline?: string;
  report?: string;
  json?: string;
  markdown?: string;
}

/**
 * `tunebench ci`: run a preset on this commit, compare with a stored baseline (or a baseline
 * report file from an artifact), write reports, and exit non-zero when a budget is broken.
 */
export function ciCommand(): Command {
  return new Command('ci')
    .description('Run a preset, compare with a baseline and fail on budget violations (for GitHub Actions or any CI)')
    .addOption(
      new Option('--preset <preset>', 'CPU suite preset').choices(['quick', 'standard', 'full']).default('quick'),
    )
    .option('--only <ids>', 'only benchmarks whose id starts with one of these, comma-separated')
    .option(
      '--rounds <k>',
      'rounds of the suite, each benchmark in a fresh worker per round: separate runs are compared over them (≥ 4 decide)',
      parseRounds,
      CI_ROUNDS,
    )
    .option('--baseline <name>', 'a stored baseline (name, run id or "latest") to compare with')
    .option('--baseline-file <report.json>', 'a baseline report file (e.g. downloaded from the main branch)')
    .option('--save-baseline <name>', 'store this run as a named baseline')
    .option('--fail-if-slower <percent>', 'exit 1 when a benchmark is significantly slower by more than this')
    .option('--budget <file>', 'JSON budget file with per-benchmark limits')
    .option('--noise <percent>', 'changes below this are "no significant change"', '2%')
    .option('--report <file.html>', 'write the HTML report')
    .option('--json <file>', 'write the JSON report (use it as the next --baseline-file)')
    .option('--markdown <file>', 'append a Markdown summary (e.g. "$GITHUB_STEP_SUMMARY")')
    .action(async (options: CiOptions) => {
      let budget;
      let baselineReport;
      let noise: number;
      try {
        // Bad input is found before a suite runs for minutes, and exits 2, not 1 ("budget broken").
        budget = budgetFromOptions(options);
        noise = parseFraction(options.noise ?? '2%');
        baselineReport = options.baselineFile
          ? loadReport(readFileSync(options.baselineFile, 'utf8'), options.baselineFile)
          : null;
      } catch (error) {
        process.stderr.write(`tunebench ci: ${(error as Error).message}\n`);
        process.exitCode = EXIT_BAD_INPUT;
        return;
      }
      const engine = createCliEngine('cli');
      try {
        const baseRun: Run | null = options.baseline
          ? await engine.handlers['bench.run']({ id: await resolveRunRef(engine, options.baseline) })
          : null;
        const unsubscribe = engine.events.on('job.progress', progressPrinter());
        const only = options.only
          ?.split(',')
          .map((id) => id.trim())
          .filter(Boolean);
        const { jobId } = await engine.handlers['bench.start']({
          suite: 'cpu',
          preset: options.preset,
          // Not the level in Settings / TUNEBENCH_LEVEL: a CI gate must give the same verdict on every
          // machine, whatever its user chose for their desktop runs.
          level: 'basic',
          rounds: options.rounds,
          only,
        });
        const job = await engine.queue.settled(jobId);
        unsubscribe();
        if (job.resultRef === null) throw new Error(job.error ?? `the suite ended ${job.status}`);
        const run = await engine.handlers['bench.run']({ id: job.resultRef });
        if (options.saveBaseline)
          await engine.handlers['bench.saveBaseline']({ name: options.saveBaseline, runId: run.id });
        const machine = await engine.handlers['hardware.profile']({ refresh: false });
        const headReport = buildReport({ machine, runs: [run] });
        let comparison: RunComparison | null = null;
        if (baselineReport) comparison = compareReports(baselineReport, headReport, { noiseThreshold: noise });
        else if (baseRun) {
          // Both stored here: compared with this machine's noise floors, as the History page does.
          comparison = await engine.handlers['bench.compare']({
            baseRunId: baseRun.id,
            headRunId: run.id,
            noiseThreshold: noise,
          });
        }
        const report = buildReport({
          machine,
          runs: baseRun ? [baseRun, run] : [run],
          comparisons: comparison ? [comparison] : [],
        });
        process.stdout.write(`${formatRun(run)}\n`);
        if (comparison) process.stdout.write(`\n${formatComparison(comparison)}\n`);
        else process.stdout.write('\nno baseline given: nothing to compare (use --baseline or --baseline-file)\n');
        if (options.report) writeFileSync(options.report, (await renderReport(report, 'html')).content);
        if (options.json) writeFileSync(options.json, (await renderReport(headReport, 'json')).content);
        if (options.markdown)
          writeFileSync(options.markdown, (await renderReport(report, 'md')).content, { flag: 'a' });
        if (comparison && reportViolations(comparison, budget).length > 0) process.exitCode = EXIT_BUDGET_BROKEN;
      } finally {
        await engine.close();
      }
    });
}
