import type { ApiHandlers } from '../../../shared/contract';
import type { HardwareProfile } from '../../../shared/schemas/hardware';
import { compareRuns } from '../bench/compare-runs';
import type { RunRepository } from '../store/runs';
import { buildReport } from './build';
import { renderReport, type PdfPrinter } from './render';

export interface ReportDeps {
  runs: RunRepository | null;
  profile: () => Promise<HardwareProfile>;
  storeError: string | null;
  printPdf?: PdfPrinter;
}

/** Reports of stored runs for the app's export buttons (PDF is printed by the Electron shell or the CLI). */
export function reportHandlers(deps: ReportDeps): Pick<ApiHandlers, 'report.render'> {
  return {
    'report.render': async ({ runIds, compare, format }) => {
      if (!deps.runs) throw new Error(`the local database is unavailable: ${deps.storeError}`);
      const runs = runIds.map((id) => {
        const run = deps.runs!.get(id);
        if (!run) throw new Error(`no run with id ${id}`);
        return run;
      });
      if (compare && runs.length !== 2) throw new RangeError('a comparison needs exactly two runs: base and head');
      const report = buildReport({
        machine: await deps.profile(),
        runs,
        comparisons: compare ? [compareRuns(runs[0]!, runs[1]!)] : [],
      });
      const rendered = await renderReport(report, format, deps.printPdf);
      const name = compare ? `tunebench-run-${runIds[0]}-vs-${runIds[1]}` : `tunebench-run-${runIds.join('-')}`;
      const binary = Buffer.isBuffer(rendered.content);
      return {
        fileName: `${name}.${rendered.extension}`,
        mime: rendered.mime,
        encoding: binary ? 'base64' : 'utf8',
        content: binary ? (rendered.content as Buffer).toString('base64') : String(rendered.content),
      };
    },
  };
}
