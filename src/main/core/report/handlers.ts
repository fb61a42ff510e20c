import type { ApiHandlers } from '../../../shared/contract';
import type { HardwareProfile } from '../../../shared/schemas/hardware';
import type { ProjectProfile } from '../../../shared/schemas/project';
import type { Report } from '../../../shared/schemas/report';
import type { Run } from '../../../shared/schemas/bench';
import { compareRuns } from '../bench/compare-runs';
import { historyFloorLookup } from '../bench/separate/history-floor';
import type { RunRepository } from '../store/runs';
import type { TuneService } from '../tune/service';
import { buildReport, type ProjectGitRef } from './build';
import { renderReport, type PdfPrinter, type RenderedReport } from './render';

export interface ReportDeps {
  runs: RunRepository | null;
  profile: () => Promise<HardwareProfile>;
  storeError: string | null;
  printPdf?: PdfPrinter;
  /** The tuning engine, for recommendation reports; null when the store is unavailable. */
  tune?: Pick<TuneService, 'analyse' | 'changes'> | null;
}

type RenderOutput = Awaited<ReturnType<ApiHandlers['report.render']>>;

function output(name: string, rendered: RenderedReport): RenderOutput {
  const binary = Buffer.isBuffer(rendered.content);
  return {
    fileName: `${name}.${rendered.extension}`,
    mime: rendered.mime,
    encoding: binary ? 'base64' : 'utf8',
    content: binary ? (rendered.content as Buffer).toString('base64') : String(rendered.content),
  };
}

/** The project's git state as the scan saw it: where the findings and changes belong. */
export function gitRef(profile: ProjectProfile): ProjectGitRef {
  const known = profile.git.status === 'present';
  return {
    root: profile.root,
    commit: profile.git.head,
    branch: profile.git.branch,
    dirty: known ? profile.git.dirtyFiles.length > 0 : null,
  };
}

/** "tunebench-tune-myproject": the folder's last path segment, safe for a file name. */
function tuneFileName(root: string): string {
  const base = root.split(/[\\/]/).filter(Boolean).at(-1) ?? 'project';
  return `tunebench-tune-${base.replace(/[^\w.-]+/g, '_').slice(0, 60) || 'project'}`;
}

/**
 * Reports for the app's export buttons (PDF is printed by the Electron shell or the CLI): stored
 * runs, and a project's recommendations.
 */
export function reportHandlers(deps: ReportDeps): Pick<ApiHandlers, 'report.render' | 'report.renderTune'> {
  const storedRuns = (runIds: readonly number[]) => {
    if (runIds.length === 0) return [];
    if (!deps.runs) throw new Error(`the local database is unavailable: ${deps.storeError}`);
    return runIds.map((id) => {
      const run = deps.runs!.get(id);
      if (!run) throw new Error(`no run with id ${id}`);
      return run;
    });
  };
  // Stored runs are compared like the History page compares them: with this machine's noise floors.
  const compareStored = (base: Run, head: Run) =>
    compareRuns(base, head, deps.runs ? { floors: historyFloorLookup(deps.runs, base, head) } : {});
  return {
    'report.render': async ({ runIds, compare, format }) => {
      if (!deps.runs) throw new Error(`the local database is unavailable: ${deps.storeError}`);
      const runs = storedRuns(runIds);
      if (compare && runs.length !== 2) throw new RangeError('a comparison needs exactly two runs: base and head');
      const report = buildReport({
        machine: await deps.profile(),
        runs,
        comparisons: compare ? [compareStored(runs[0]!, runs[1]!)] : [],
      });
      const name = compare ? `tunebench-run-${runIds[0]}-vs-${runIds[1]}` : `tunebench-run-${runIds.join('-')}`;
      return output(name, await renderReport(report, format, deps.printPdf));
    },
    'report.renderTune': async ({ root, format, runIds, compare }) => {
      const runs = storedRuns(runIds);
      if (compare && runs.length !== 2) throw new RangeError('a comparison needs exactly two runs: base and head');
      const report = await buildTuneReport(deps, root, runs, compare ? [compareStored(runs[0]!, runs[1]!)] : []);
      return output(tuneFileName(report.project?.root ?? root), await renderReport(report, format, deps.printPdf));
    },
  };
}

/** Findings (ranked, with the score) and every change verified in the project, plus any runs given. */
export async function buildTuneReport(
  deps: Pick<ReportDeps, 'tune' | 'storeError' | 'profile'>,
  root: string,
  runs: Report['runs'] = [],
  comparisons: Report['comparisons'] = [],
): Promise<Report> {
  if (!deps.tune) throw new Error(`tuning needs the local database, which is unavailable: ${deps.storeError}`);
  const { context, report: findings } = await deps.tune.analyse(root);
  return buildReport({
    machine: await deps.profile(),
    runs,
    comparisons,
    project: gitRef(context.profile),
    tuning: { findings, changes: await deps.tune.changes(findings.root) },
  });
}
