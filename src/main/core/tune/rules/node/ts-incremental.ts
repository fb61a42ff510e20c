import { posix } from 'node:path';
import type { Evidence } from '../../../../../shared/schemas/project';
import { dirOf, joinPath } from '../../../project/detect/shared';
import { setJsonValues } from '../../edit/json';
import type { DetectedFinding, FileEdit, Rule } from '../../types';
import { jsonEvidence, nodePackages, readOrThrow } from './shared';
import { effectiveOption, isSolution, loadTsconfig, type TscRun, tscRuns, tsconfigEvidence } from './tsconfig';

interface Target {
  file: string;
  /** tsBuildInfoFile to add, relative to the tsconfig's folder; null when the config already sets one. */
  buildInfo: string | null;
}

/**
 * The build info goes to node_modules/.tmp (as `npm create vite` does): ignored by git, and never
 * removed by cleaning the output folder.
 */
function buildInfoPath(packageDir: string, configFile: string): string {
  const name = posix.basename(configFile).replace(/\.json$/, '');
  const target = joinPath(packageDir, `node_modules/.tmp/${name}.tsbuildinfo`);
  const relative = posix.relative(dirOf(configFile) || '.', target);
  return relative.startsWith('.') ? relative : `./${relative}`;
}

function isTargets(value: unknown): value is Target[] {
  return (
    Array.isArray(value) &&
    value.every(
      (item: unknown) =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as Target).file === 'string' &&
        (typeof (item as Target).buildInfo === 'string' || (item as Target).buildInfo === null),
    )
  );
}

export const tsIncrementalRule: Rule = {
  id: 'node.ts-incremental',
  title: 'Let tsc re-check only what changed (incremental)',
  rationale:
    'With incremental: true, tsc saves what it learned about the project in a .tsbuildinfo file and the next run re-checks only files affected by a change; on an unchanged project a type-check takes a fraction of the time. It applies to type-check runs (noEmit): for emitting builds the build info could outlive a deleted output folder, and tsc would then skip re-emitting files, so those are left alone. `tsc -b` keeps build info already.',
  reference: { title: 'TypeScript: incremental', url: 'https://www.typescriptlang.org/tsconfig/#incremental' },
  stack: 'node',
  risk: 'safe',
  effort: 'low',
  metrics: ['build-time'],
  prior: { pImprove: 0.6, effect: 0.3 },
  async detect(context) {
    const findings: DetectedFinding[] = [];
    for (const pkg of await nodePackages(context)) {
      // Each config with the plain (non-build, non-watch) tsc runs that read it.
      const runsByConfig = new Map<string, TscRun[]>();
      for (const run of tscRuns(pkg)) {
        if (run.build || run.watch || run.files) continue;
        for (const file of run.configs) runsByConfig.set(file, [...(runsByConfig.get(file) ?? []), run]);
      }
      const targets: Target[] = [];
      const evidence: Evidence[] = [];
      const scriptNames = new Set<string>();
      for (const [file, runs] of runsByConfig) {
        const config = await loadTsconfig(context, file);
        // Plain `tsc` on a solution config checks nothing; build mode is the way to run those.
        if (!config || isSolution(config)) continue;
        const [incremental, composite, noEmit, buildInfo] = await Promise.all(
          ['incremental', 'composite', 'noEmit', 'tsBuildInfoFile'].map((option) =>
            effectiveOption(context, file, option),
          ),
        );
        // An explicit incremental (even false) is a decision; composite implies incremental.
        if (incremental?.state !== 'absent') continue;
        if (composite?.state !== 'absent' && !(composite?.state === 'set' && composite.value === false)) continue;
        if (noEmit?.state === 'unknown' || buildInfo?.state === 'unknown') continue;
        // Every run must be a check only: one emitting run could skip re-emitting a deleted output.
        const configNoEmit = noEmit?.state === 'set' && noEmit.value === true;
        if (!runs.every((run) => run.noEmit || configNoEmit)) continue;
        targets.push({ file, buildInfo: buildInfo?.state === 'set' ? null : buildInfoPath(pkg.dir, file) });
        for (const run of runs) {
          if (scriptNames.has(run.script.name)) continue;
          scriptNames.add(run.script.name);
          evidence.push(jsonEvidence(pkg.file, pkg.lines, run.script.node));
        }
        evidence.push(tsconfigEvidence(config));
      }
      if (targets.length === 0) continue;
      findings.push({
        dir: pkg.dir,
        message: `tsc re-checks the whole project on every ${[...scriptNames].map((name) => `"${name}"`).join(', ')} run: ${targets.map((target) => target.file).join(', ')} ${targets.length === 1 ? 'does' : 'do'} not keep incremental build info.`,
        evidence,
        current: targets.map((target) => `${target.file}: incremental not set`).join('; '),
        proposed: targets
          .map((target) =>
            target.buildInfo
              ? `${target.file}: incremental: true, tsBuildInfoFile: "${target.buildInfo}"`
              : `${target.file}: incremental: true`,
          )
          .join('; '),
        data: { targets: targets.map((target) => ({ ...target })) },
      });
    }
    return findings;
  },
  async fix(finding, context) {
    const targets = finding.data?.targets;
    if (!isTargets(targets)) throw new Error('finding data has no targets');
    const edits: FileEdit[] = [];
    for (const target of targets) {
      const before = await readOrThrow(context, target.file);
      const changes: Array<[string[], unknown]> = [[['compilerOptions', 'incremental'], true]];
      if (target.buildInfo) changes.push([['compilerOptions', 'tsBuildInfoFile'], target.buildInfo]);
      edits.push({ file: target.file, before, after: setJsonValues(before, changes) });
    }
    return edits;
  },
};
