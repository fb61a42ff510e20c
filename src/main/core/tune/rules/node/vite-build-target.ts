import { findNodeAtLocation } from 'jsonc-parser';
import { joinPath } from '../../../project/detect/shared';
import type { DetectedFinding, Rule, RuleContext } from '../../types';
import { dependency } from './shared';
import {
  describeOption,
  fixOption,
  isLibraryOrSsr,
  optionFinding,
  type ViteProject,
  viteOption,
  viteProjects,
} from './vite';

const PATH = ['build', 'target'];
const PROPOSED = 'es2022';

/** ECMAScript year of an "esYYYY" / "es6" / "es5" target, null for anything else (browsers, esnext). */
function esYear(target: string): number | null {
  const lower = target.toLowerCase();
  if (lower === 'es5') return 2009;
  if (lower === 'es6') return 2015;
  const match = /^es(20\d\d)$/.exec(lower);
  return match?.[1] ? Number(match[1]) : null;
}

/** The oldest year of a target made only of ES versions; null when it names browsers or is not a version. */
function oldestYear(value: unknown): number | null {
  const items = Array.isArray(value) ? value : [value];
  const years = items.map((item) => (typeof item === 'string' ? esYear(item) : null));
  if (years.length === 0 || years.some((year) => year === null)) return null;
  return Math.min(...(years as number[]));
}

/**
 * Whether the project declares which browsers it must support. Vite does not read a browserslist
 * for JavaScript, but one is a statement about users; judging it needs the caniuse database, which
 * Tunebench does not ship, so such projects are left alone. plugin-legacy means old browsers on purpose.
 */
async function declaresOldBrowsers(context: RuleContext, project: ViteProject): Promise<boolean> {
  const { pkg, root } = project;
  if (findNodeAtLocation(pkg.root, ['browserslist'])) return true;
  if ((await context.read(joinPath(pkg.dir, '.browserslistrc'))) !== null) return true;
  return [pkg, root].some((owner) => owner !== null && dependency(owner, '@vitejs/plugin-legacy') !== null);
}

export const viteBuildTargetRule: Rule = {
  id: 'node.vite-build-target',
  title: 'Raise the Vite build target to es2022',
  rationale:
    'An old build.target (es2015 … es2019) makes Vite rewrite modern syntax (async functions, class fields, optional chaining, object spread) into longer, slower equivalents with helpers, in every chunk. es2022 ships that syntax as written. It needs Chrome 94, Firefox 93, Safari 16.4 or newer: check that the browsers you support are covered.',
  reference: { title: 'Vite: build.target', url: 'https://vite.dev/config/build-options#build-target' },
  stack: 'node',
  risk: 'review',
  effort: 'low',
  metrics: ['artifact-size'],
  prior: { pImprove: 0.6, effect: 0.05 },
  async detect(context) {
    const findings: DetectedFinding[] = [];
    for (const project of await viteProjects(context)) {
      const found = await viteOption(project, PATH);
      if (found === null || found.state === 'expression' || found.state === 'unknown') continue;
      if ((await isLibraryOrSsr(project)) !== false || (await declaresOldBrowsers(context, project))) continue;
      let current: string;
      if (found.state === 'missing') {
        // Vite 7+ defaults to 'baseline-widely-available' (about es2022 already); before, to 'modules' (es2020).
        if (project.major === null || project.major >= 7) continue;
        current = `build.target: not set (Vite ${project.major} default 'modules': es2020, Chrome 87, Safari 14)`;
      } else {
        const year = oldestYear(found.value);
        if (year === null || year >= 2020) continue;
        current = describeOption(PATH, found);
      }
      findings.push(
        optionFinding(project, found, {
          message:
            found.state === 'missing'
              ? `${project.file} builds for Vite ${project.major}'s default target (es2020), so newer syntax is down-levelled in every chunk.`
              : `${project.file} builds for ${found.text ?? 'an old target'}: modern syntax is rewritten into longer ES5/ES2015-era code in every chunk.`,
          current,
          proposed: `build.target: '${PROPOSED}'`,
          path: PATH,
          value: PROPOSED,
          warning:
            'es2022 output needs Chrome 94, Firefox 93, Safari 16.4 or newer; older browsers fail with a syntax error.',
        }),
      );
    }
    return findings;
  },
  fix: fixOption,
};
