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

function write(content: string | Buffer, output: string | undefined): void {
  if (output) {
    writeFileSync(output, content);
    process.stderr.write(`wrote ${output}\n`);
  } else {
    process.stdout.write(content);
  }
}

interface ReportOptions {
  vs?: string;
  tune?: string;
  format: ReportFormat;
  output?: string;
}

export function reportCommand(): Command {
  return new Command('report')
    .description(
      "Write a report of a stored run, or of a project's recommendations (--tune): self-contained HTML, Markdown, JSON (every sample), CSV or PDF",
    )
    .argument('[run]', 'run id, "latest" or a baseline name (optional with --tune)')
    .option('--vs <base>', 'include a comparison with this earlier run (id, "latest" or baseline name)')
    .option(
      '--tune <dir>',
      "a project's recommendations: ranked findings with evidence, the tuning score, and each applied change with its before/after measurements",
    )
    .option('-f, --format <format>', 'html, md, json, csv or pdf', parseFormat, 'html')
    .option('-o, --output <file>', 'where to write it (md, json and csv go to stdout without -o)')
    .addHelpText(
      'after',
      '\nExamples:\n  tunebench report latest -o run.html\n  tunebench report latest --vs before --format md >> "$GITHUB_STEP_SUMMARY"\n  tunebench report --tune . --format md > tuning.md\n  tunebench report --tune ~/src/app -o tuning.html',
    )
    .action(async (ref: string | undefined, options: ReportOptions) => {
      if (ref === undefined && options.tune === undefined) {
        throw new Error('give a run (id, "latest" or a baseline name) or --tune <project folder>');
      }
      if (!options.output && (options.format === 'html' || options.format === 'pdf')) {
        throw new Error(`--format ${options.format} needs -o <file>`);
      }
      if (ref === undefined && options.vs !== undefined) throw new Error('--vs needs a run to compare with');
      const engine = createCliEngine('cli');
      try {
        const head =
          ref === undefined ? null : await engine.handlers['bench.run']({ id: await resolveRunRef(engine, ref) });
        const base = options.vs
          ? await engine.handlers['bench.run']({ id: await resolveRunRef(engine, options.vs) })
          : null;
        if (options.tune !== undefined) {
          // The same handler as the app's export button: findings, score and changes from the store.
          const rendered = await engine.handlers['report.renderTune']({
            root: options.tune,
            format: options.format,
            runIds: [base, head].filter((run) => run !== null).map((run) => run.id),
            compare: base !== null,
          });
          write(
            rendered.encoding === 'base64' ? Buffer.from(rendered.content, 'base64') : rendered.content,
            options.output,
          );
          return;
        }
        const report = buildReport({
          machine: await engine.handlers['hardware.profile']({ refresh: false }),
          runs: base ? [base, head!] : [head!],
          comparisons: base ? [compareRuns(base, head!)] : [],
        });
        write((await renderReport(report, options.format)).content, options.output);
      } finally {
        await engine.close();
      }
    });
}
