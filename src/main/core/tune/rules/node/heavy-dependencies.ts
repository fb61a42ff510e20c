import { findNodeAtLocation } from 'jsonc-parser';
import type { Evidence } from '../../../../../shared/schemas/project';
import { joinPath } from '../../../project/detect/shared';
import type { DetectedFinding, Rule, RuleContext } from '../../types';
import { dependency, jsonEvidence, majorOf, type NodePackage, nodePackages, rootPackage } from './shared';

interface Replacement {
  name: string;
  instead: string;
  /** Only when the package runs on at least this Node major (a built-in replaces it there). */
  node?: number;
}

/**
 * Dependencies with a well-known lighter equivalent. Short on purpose: each must be a sound
 * suggestion for most projects, not a matter of taste.
 */
const REPLACEMENTS: readonly Replacement[] = [
  {
    name: 'moment',
    instead: 'dayjs or date-fns (moment is ~290 kB with its locales, cannot be tree-shaken and is in maintenance mode)',
  },
  { name: 'moment-timezone', instead: 'dayjs with its timezone plugin, or Intl.DateTimeFormat' },
  { name: 'lodash', instead: 'lodash-es (tree-shakeable) or native Array/Object methods' },
  { name: 'underscore', instead: 'native Array/Object methods' },
  { name: 'request', instead: 'fetch or undici (request is deprecated)' },
  { name: 'node-fetch', instead: 'the global fetch built into Node 18+', node: 18 },
  { name: 'uuid', instead: 'crypto.randomUUID() for v4 ids (built into Node 14.17+ and browsers in secure contexts)' },
  { name: 'bluebird', instead: 'native Promise' },
];

/** The lowest Node major the package promises to run on: engines.node, else .nvmrc / .node-version. */
async function minimumNode(context: RuleContext, pkg: NodePackage, root: NodePackage | null): Promise<number | null> {
  for (const owner of [pkg, root]) {
    const engines = owner ? findNodeAtLocation(owner.root, ['engines', 'node']) : undefined;
    const major = engines?.type === 'string' ? majorOf(String(engines.value)) : null;
    if (major !== null) return major;
  }
  for (const dir of [...new Set([pkg.dir, ''])]) {
    for (const name of ['.nvmrc', '.node-version']) {
      const text = await context.read(joinPath(dir, name));
      const major = text === null ? null : majorOf(text.trim());
      if (major !== null) return major;
    }
  }
  return null;
}

export const heavyDependenciesRule: Rule = {
  id: 'node.heavy-dependencies',
  title: 'Replace heavy dependencies with lighter equivalents',
  rationale:
    'A few popular packages have lighter or built-in replacements that do the same job: moment (large, not tree-shakeable), lodash (CommonJS, imported whole), request and node-fetch (fetch is built into Node 18+), uuid (crypto.randomUUID). Replacing them shrinks bundles and installs; it is a code change, so it is advice.',
  reference: {
    title: 'e18e module replacements',
    url: 'https://github.com/es-tooling/module-replacements',
  },
  stack: 'node',
  risk: 'review',
  effort: 'high',
  metrics: ['artifact-size'],
  prior: { pImprove: 0.6, effect: 0.15 },
  async detect(context) {
    const findings: DetectedFinding[] = [];
    const packages = await nodePackages(context);
    const root = rootPackage(packages);
    for (const pkg of packages) {
      const found: Array<{ evidence: Evidence; advice: string; current: string }> = [];
      for (const replacement of REPLACEMENTS) {
        // Only runtime dependencies reach users; a heavy devDependency costs nobody a download.
        const entry = dependency(pkg, replacement.name, ['dependencies']);
        if (!entry) continue;
        if (replacement.node !== undefined) {
          const node = await minimumNode(context, pkg, root);
          if (node === null || node < replacement.node) continue;
        }
        found.push({
          evidence: jsonEvidence(pkg.file, pkg.lines, entry.node),
          advice: `${replacement.name} → ${replacement.instead}`,
          current: `${replacement.name} ${entry.version}`,
        });
      }
      if (found.length === 0) continue;
      // In the order of the file, as the evidence is read.
      found.sort((a, b) => (a.evidence.line ?? 0) - (b.evidence.line ?? 0));
      const evidence = found.map((item) => item.evidence);
      const advice = found.map((item) => item.advice);
      const current = found.map((item) => item.current);
      findings.push({
        dir: pkg.dir,
        message: `${pkg.file} depends on ${current.join(', ')}, which ${current.length === 1 ? 'has' : 'have'} lighter equivalents: ${advice.join('; ')}.`,
        evidence,
        current: current.join(', '),
        proposed: advice.join('; '),
      });
    }
    return findings;
  },
};
