import type { Evidence } from '../../../../../shared/schemas/project';
import { setJsonValue } from '../../edit/json';
import type { DetectedFinding, FileEdit, Rule } from '../../types';
import { dataStrings, jsonEvidence, nodePackages, readOrThrow } from './shared';
import { checkedConfigs, effectiveOption, loadTsconfig, tscRuns, tsconfigEvidence } from './tsconfig';

export const tsSkipLibCheckRule: Rule = {
  id: 'node.ts-skiplibcheck',
  title: 'Skip type-checking declaration files (skipLibCheck)',
  rationale:
    'Without skipLibCheck, every tsc run type-checks all .d.ts files it loads, most of them under node_modules (@types/node, React, the bundler): often the larger part of the check. skipLibCheck: true checks your own code only; the types of libraries are still used. What is lost: errors inside .d.ts files (conflicting @types versions, and your own hand-written .d.ts) are no longer reported.',
  reference: { title: 'TypeScript: skipLibCheck', url: 'https://www.typescriptlang.org/tsconfig/#skipLibCheck' },
  stack: 'node',
  risk: 'safe',
  effort: 'low',
  metrics: ['build-time'],
  prior: { pImprove: 0.7, effect: 0.15 },
  async detect(context) {
    const findings: DetectedFinding[] = [];
    for (const pkg of await nodePackages(context)) {
      // Only the scripts' type-checker pays for it; an editor-only tsconfig costs no build time.
      const runs = tscRuns(pkg).filter((run) => !run.watch && !run.files);
      const files: string[] = [];
      const configEvidence: Evidence[] = [];
      const current: string[] = [];
      const usedBy = new Set<(typeof runs)[number]>();
      for (const run of runs) {
        for (const file of await checkedConfigs(context, run)) {
          if (files.includes(file)) continue;
          const effective = await effectiveOption(context, file, 'skipLibCheck');
          if (effective.state === 'unknown' || (effective.state === 'set' && effective.value === true)) continue;
          const config = await loadTsconfig(context, file);
          if (!config) continue;
          files.push(file);
          usedBy.add(run);
          if (effective.state === 'set') {
            configEvidence.push(jsonEvidence(effective.config.file, effective.config.lines, effective.node));
            current.push(`${file}: skipLibCheck ${JSON.stringify(effective.value)}`);
          } else {
            configEvidence.push(tsconfigEvidence(config));
            current.push(`${file}: skipLibCheck not set`);
          }
        }
      }
      const scriptEvidence = [...new Set([...usedBy].map((run) => run.script))].map((script) =>
        jsonEvidence(pkg.file, pkg.lines, script.node),
      );
      const evidence = [...scriptEvidence, ...configEvidence];
      const scriptNames = [...new Set([...usedBy].map((run) => `"${run.script.name}"`))];
      if (files.length === 0) continue;
      findings.push({
        dir: pkg.dir,
        message: `${files.join(', ')} ${files.length === 1 ? 'type-checks' : 'type-check'} every declaration file under node_modules on each tsc run (${scriptNames.join(', ')}).`,
        evidence,
        current: current.join('; '),
        proposed: 'compilerOptions.skipLibCheck: true',
        data: { files },
      });
    }
    return findings;
  },
  async fix(finding, context) {
    const edits: FileEdit[] = [];
    for (const file of dataStrings(finding, 'files')) {
      const before = await readOrThrow(context, file);
      edits.push({ file, before, after: setJsonValue(before, ['compilerOptions', 'skipLibCheck'], true) });
    }
    return edits;
  },
};
