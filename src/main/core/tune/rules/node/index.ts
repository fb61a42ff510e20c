import type { Rule } from '../../types';
import { heavyDependenciesRule } from './heavy-dependencies';
import { lazyRoutesRule } from './lazy-routes';
import { tsIncrementalRule } from './ts-incremental';
import { tsSkipLibCheckRule } from './ts-skiplibcheck';
import { viteBuildTargetRule } from './vite-build-target';
import { viteMinifyRule } from './vite-minify';
import { viteSourcemapRule } from './vite-sourcemap';
import { viteVendorChunksRule } from './vite-vendor-chunks';

/** Node, Vite and TypeScript rules; each detects per package folder (monorepos included). */
export const nodeRules: Rule[] = [
  viteMinifyRule,
  viteBuildTargetRule,
  viteSourcemapRule,
  viteVendorChunksRule,
  lazyRoutesRule,
  tsSkipLibCheckRule,
  tsIncrementalRule,
  heavyDependenciesRule,
];
