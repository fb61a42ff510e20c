import type { Rule } from '../../types';
import { dependencyNames } from './shared';
import { describeOption, fixOption, isLibraryOrSsr, optionFinding, viteOption, viteProjects } from './vite';

const PATH = ['build', 'sourcemap'];

/** Error trackers that upload source maps at build time: for them the maps must still be written. */
const ERROR_TRACKERS = [/^@sentry\//, /^@bugsnag\//, /^rollbar$/, /^@datadog\/browser-/, /^@honeybadger-io\//];

export const viteSourcemapRule: Rule = {
  id: 'node.vite-sourcemap',
  title: 'Do not publish source maps from the Vite production build',
  rationale:
    'build.sourcemap: true writes a .map file per chunk and points every chunk at it, so anyone can download the original sources; "inline" even embeds the map in the JavaScript, roughly doubling it. Producing the maps also takes build time. Without an error tracker that needs them, turn them off; with one, "hidden" still writes the maps for upload but drops the reference from the shipped code.',
  reference: { title: 'Vite: build.sourcemap', url: 'https://vite.dev/config/build-options#build-sourcemap' },
  stack: 'node',
  risk: 'review',
  effort: 'low',
  metrics: ['build-time', 'artifact-size'],
  prior: { pImprove: 0.7, effect: 0.1 },
  async detect(context) {
    const findings = [];
    for (const project of await viteProjects(context)) {
      const found = await viteOption(project, PATH);
      if (found?.state !== 'literal' || (found.value !== true && found.value !== 'inline')) continue;
      // A library ships its maps to its consumers on purpose.
      if ((await isLibraryOrSsr(project)) !== false) continue;
      const tracker = [
        ...dependencyNames(project.pkg, 'dependencies'),
        ...dependencyNames(project.pkg, 'devDependencies'),
      ].find((name) => ERROR_TRACKERS.some((pattern) => pattern.test(name)));
      const value = tracker ? 'hidden' : false;
      const inline = found.value === 'inline';
      findings.push(
        optionFinding(project, found, {
          message: inline
            ? `${project.file} inlines source maps into the production JavaScript (build.sourcemap: 'inline'): every visitor downloads them.`
            : `${project.file} publishes source maps with the production build (build.sourcemap: true).`,
          current: describeOption(PATH, found),
          proposed: `build.sourcemap: ${JSON.stringify(value)}`,
          path: PATH,
          value,
          warning: tracker
            ? `${tracker} is a dependency: "hidden" keeps writing the .map files for it to upload; make sure they are not deployed with the site.`
            : 'Stack traces from production will show minified names; set "hidden" instead if an error tracker uploads the maps.',
        }),
      );
    }
    return findings;
  },
  fix: fixOption,
};
