import type { Rule } from '../../types';
import { describeOption, fixOption, isLibraryOrSsr, optionFinding, viteOption, viteProjects } from './vite';

const PATH = ['build', 'minify'];

/**
 * `build.minify: false` ships whitespace, comments and long local names to every visitor. It is
 * usually left over from debugging a build. Library builds are left alone: their consumers minify.
 */
export const viteMinifyRule: Rule = {
  id: 'node.vite-minify',
  title: 'Minify the Vite production build',
  rationale:
    'With build.minify set to false, Vite ships unminified JavaScript: often about twice the bytes of the minified output before compression. Vite minifies by default (oxc in Vite 8, esbuild before); minification does not change behaviour, only names of locals and whitespace.',
  reference: { title: 'Vite: build.minify', url: 'https://vite.dev/config/build-options#build-minify' },
  stack: 'node',
  risk: 'safe',
  effort: 'low',
  metrics: ['artifact-size'],
  prior: { pImprove: 0.95, effect: 0.4 },
  async detect(context) {
    const findings = [];
    for (const project of await viteProjects(context)) {
      const found = await viteOption(project, PATH);
      if (found?.state !== 'literal' || found.value !== false) continue;
      if ((await isLibraryOrSsr(project)) !== false) continue;
      // The minifier Vite uses by default for this version; `true` lets Vite pick when the version is unknown.
      const value = project.major === null ? true : project.major >= 8 ? 'oxc' : 'esbuild';
      findings.push(
        optionFinding(project, found, {
          message: `${project.file} turns minification off (build.minify: false): the production bundle ships unminified.`,
          current: describeOption(PATH, found),
          proposed: `build.minify: ${JSON.stringify(value)}`,
          path: PATH,
          value,
        }),
      );
    }
    return findings;
  },
  fix: fixOption,
};
