import type { CodeStyle, RawCode } from '../../edit/js-config';
import type { DetectedFinding, Rule } from '../../types';
import { dataString, dataStrings, dependencyNames, lineEvidence } from './shared';
import { editOption, isLibraryOrSsr, viteOption, viteProjects } from './vite';

/** Any of these already decides how chunks are split; the user's choice stands. */
const CHUNK_OPTIONS = ['manualChunks', 'codeSplitting', 'advancedChunks', 'inlineDynamicImports'];
const BUNDLER_OPTIONS = ['rollupOptions', 'rolldownOptions'];

/** Vite 8 bundles with Rolldown: `output.codeSplitting` groups; before, Rollup's `output.manualChunks`. */
function codeSplitting(style: CodeStyle): RawCode {
  const q = style.quote;
  return { raw: `{\n  groups: [{ name: ${q}vendor${q}, test: /node_modules/ }],\n}` };
}

function manualChunks(style: CodeStyle, typescript: boolean): RawCode {
  const q = style.quote;
  const semi = style.semi ? ';' : '';
  return {
    raw: `(id${typescript ? ': string' : ''}) => {\n  if (id.includes(${q}node_modules${q})) return ${q}vendor${q}${semi}\n}`,
  };
}

export const viteVendorChunksRule: Rule = {
  id: 'node.vite-vendor-chunks',
  title: 'Split node_modules into a vendor chunk',
  rationale:
    'Without a chunking rule, dependencies land in the same chunks as the application code, so every deploy changes their hashes and returning visitors download React and the rest of node_modules again. A vendor chunk keeps its hash until dependencies change, and the entry chunk that changes per deploy gets smaller. The total number of bytes does not shrink; what improves is the entry chunk and the cache hit rate across deploys.',
  reference: { title: 'Vite: chunking strategy', url: 'https://vite.dev/guide/build#chunking-strategy' },
  stack: 'node',
  risk: 'review',
  effort: 'low',
  metrics: ['artifact-size'],
  prior: { pImprove: 0.35, effect: 0.1 },
  async detect(context) {
    const findings: DetectedFinding[] = [];
    projects: for (const project of await viteProjects(context)) {
      // Nothing to split off without runtime dependencies; libraries externalise theirs.
      if (dependencyNames(project.pkg, 'dependencies').length === 0) continue;
      if ((await isLibraryOrSsr(project)) !== false) continue;
      for (const bundler of BUNDLER_OPTIONS) {
        for (const option of CHUNK_OPTIONS) {
          const found = await viteOption(project, ['build', bundler, 'output', option]);
          // Set, or not knowable (output is an array, a variable, a function config): leave it.
          if (found?.state !== 'missing') continue projects;
        }
      }
      const rolldown = project.major !== null && project.major >= 8;
      // Vite 8 still reads the deprecated rollupOptions as an alias: extend whichever the file already has.
      const hasRollupOptions = (await viteOption(project, ['build', 'rollupOptions']))?.state !== 'missing';
      const bundler = rolldown && !hasRollupOptions ? 'rolldownOptions' : 'rollupOptions';
      const option = rolldown ? 'codeSplitting' : 'manualChunks';
      const path = ['build', bundler, 'output', option];
      const anchor = await viteOption(project, path);
      if (anchor === null) continue;
      findings.push({
        dir: project.pkg.dir,
        message: `${project.file} has no chunking rule, so dependencies and application code share chunks and are re-downloaded together after every deploy.`,
        evidence: [lineEvidence(project.file, project.text, anchor.line)],
        current: `build.${bundler}.output.${option}: not set`,
        proposed: rolldown
          ? `build.${bundler}.output.codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/ }] }`
          : `build.${bundler}.output.manualChunks: node_modules → 'vendor'`,
        warning:
          'Every dependency goes into one vendor chunk that loads up front, including libraries only lazily loaded pages used; compare the chunk list before and after.',
        data: { file: project.file, path, variant: option },
      });
    }
    return findings;
  },
  async fix(finding, context) {
    const file = dataString(finding, 'file');
    const typescript = /\.[cm]?ts$/.test(file);
    const variant = dataString(finding, 'variant');
    return editOption(context, file, dataStrings(finding, 'path'), (style) =>
      variant === 'codeSplitting' ? codeSplitting(style) : manualChunks(style, typescript),
    );
  },
};
