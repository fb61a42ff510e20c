import { writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { ReportFormatSchema, type ReportFormat } from '../../shared/schemas/report';
import { compareRuns } from '../core/bench/compare-runs';
import { buildReport } from '../core/report/build';
import { renderReport } from '../core/report/render';
import { resolveRunRef } from './bench-refs';
import { createCliEngine } from './engine-for-cli';

function parseFormat(value: string): ReportFormat {
  const parsed = ReportFormatSchema.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError('must be html, md, json, csv or pdf');
  return parsed.data;
}

export function reportCommand(): Command {
  return new Command('report')
    .description('Write a report of a stored run: self-contained HTML, Markdown, JSON (every sample), CSV or PDF')
    .argument('<run>', 'run id, "latest" or a baseline name')
    .option('--vs <base>', 'include a comparison with this earlier run (id, "latest" or baseline name)')
    .option('-f, --format <format>', 'html, md, json, csv or pdf', parseFormat, 'html')
    .option('-o, --output <file>', 'where to write it (md, json and csv go to stdout without -o)')
    .addHelpText(
      'after',
      '\nExamples:\n  tunebench report latest -o run.html\n  tunebench report latest --vs before --format md >> "$GITHUB_STEP_SUMMARY"',
    )
    .action(async (ref: string, options: { vs?: string; format: ReportFormat; output?: string }) => {
      if (!options.output && (options.format === 'html' || options.format === 'pdf')) {
        throw new Error(`--format ${options.format} needs -o <file>`);
      }
      const engine = createCliEngine('cli');
      try {
        const head = await engine.handlers['bench.run']({ id: await resolveRunRef(engine, ref) });
        const base = options.vs
          ? await engine.handlers['bench.run']({ id: await resolveRunRef(engine, options.vs) })
          : null;
        const report = buildReport({
          machine: await engine.handlers['hardware.profile']({ refresh: false }),
          runs: base ? [base, head] : [head],
          comparisons: base ? [compareRuns(base, head)] : [],
        });
        const rendered = await renderReport(report, options.format);
        if (options.output) {
          writeFileSync(options.output, rendered.content);
          process.stderr.write(`wrote ${options.output}\n`);
        } else {
          process.stdout.write(rendered.content);
        }
      } finally {
        await engine.close();
      }
    });
}
