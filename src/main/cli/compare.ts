import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import type { RunComparison } from '../../shared/schemas/bench';
import type { Report } from '../../shared/schemas/report';
import { budgetFromFile, checkBudget, parseFraction, type Budget, type BudgetViolation } from '../core/report/budgets';
import { buildReport } from '../core/report/build';
import { compareReports } from '../core/report/compare-reports';
import { loadReport, ReportError } from '../core/report/load';
import { renderMarkdown } from '../core/report/markdown';
import { formatComparison } from './format-run';

export const EXIT_BUDGET_BROKEN = 1;
export const EXIT_BAD_INPUT = 2;

export interface BudgetOptions {
  failIfSlower?: string;
  budget?: string;
  noise?: string;
}

export function budgetFromOptions(options: BudgetOptions): Budget | null {
  if (options.budget) {
    const budget = budgetFromFile(options.budget);
    if (options.failIfSlower) budget.defaultMaxSlowdown ??= parseFraction(options.failIfSlower);
    return budget;
  }
  if (options.failIfSlower) return { defaultMaxSlowdown: parseFraction(options.failIfSlower), rules: [] };
  return null;
}

export function reportViolations(comparison: RunComparison, budget: Budget | null): BudgetViolation[] {
  if (!budget) return [];
  const violations = checkBudget(comparison, budget);
  for (const v of violations) {
    process.stderr.write(
      `budget broken: ${v.title} is ${(v.slowdown * 100).toFixed(1)} % slower (limit ${(v.limit * 100).toFixed(1)} %)\n`,
    );
  }
  return violations;
}

function read(path: string): Report {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ReportError(path, (error as Error).message);
  }
  return loadReport(text, path);
}

export function compareCommand(): Command {
  return new Command('compare')
    .description(
      'Compare two reports or run exports benchmark by benchmark (benchstat style); budgets set the exit code',
    )
    .argument('<base>', 'base report (.json from `tunebench report --format json` or a run export)')
    .argument('<head>', 'head report')
    .option('--fail-if-slower <percent>', 'exit 1 when a benchmark is significantly slower by more than this (e.g. 5%)')
    .option(
      '--budget <file>',
      'JSON budget file: {"default":{"maxSlowdown":"5%"},"benchmarks":{"gemm-*":{"maxSlowdown":"2%"}}}',
    )
    .option('--noise <percent>', 'changes below this are "no significant change"', '2%')
    .option('--force', 'decide even across machines or settings (otherwise such a comparison is inconclusive)')
    .option('--json', 'print the comparison as JSON')
    .option('--markdown <file>', 'also write a Markdown summary (e.g. $GITHUB_STEP_SUMMARY)')
    .addHelpText('after', '\nExit codes: 0 within budget, 1 budget broken, 2 unreadable or invalid input.')
    .action(
      (
        basePath: string,
        headPath: string,
        options: BudgetOptions & { json?: boolean; markdown?: string; force?: boolean },
      ) => {
        let comparison: RunComparison;
        let budget: Budget | null;
        let base: Report;
        let head: Report;
        try {
          base = read(basePath);
          head = read(headPath);
          budget = budgetFromOptions(options);
          comparison = compareReports(base, head, {
            noiseThreshold: parseFraction(options.noise ?? '2%'),
            force: options.force,
          });
        } catch (error) {
          process.stderr.write(`tunebench compare: ${(error as Error).message}\n`);
          process.exitCode = EXIT_BAD_INPUT;
          return;
        }
        if (comparison.warnings.some((w) => w.includes('different machines'))) {
          process.stderr.write('\n⚠⚠ WARNING: base and head were measured on DIFFERENT MACHINES ⚠⚠\n\n');
        }
        process.stdout.write(
          options.json ? `${JSON.stringify(comparison, null, 2)}\n` : `${formatComparison(comparison)}\n`,
        );
        if (options.markdown) {
          const summary = buildReport({ machine: head.machine, runs: [], comparisons: [comparison] });
          writeFileSync(options.markdown, renderMarkdown(summary), { flag: 'a' });
        }
        if (reportViolations(comparison, budget).length > 0) process.exitCode = EXIT_BUDGET_BROKEN;
      },
    );
}
