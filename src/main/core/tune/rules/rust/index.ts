import type { Rule } from '../../types';
import { devDepsOptimisedRule } from './dev-deps-optimised';
import { fastLinkerRule } from './fast-linker';
import { releaseCodegenUnitsRule } from './release-codegen-units';
import { releaseLtoRule } from './release-lto';
import { releaseOptLevelRule } from './release-opt-level';
import { releasePanicAbortRule } from './release-panic-abort';
import { releaseStripRule } from './release-strip';
import { targetCpuNativeRule } from './target-cpu-native';

/** Cargo profile and toolchain rules; the profile rules read only the manifest cargo honours (workspace root). */
export const rustRules: Rule[] = [
  releaseOptLevelRule,
  releaseLtoRule,
  releaseCodegenUnitsRule,
  releaseStripRule,
  releasePanicAbortRule,
  targetCpuNativeRule,
  fastLinkerRule,
  devDepsOptimisedRule,
];
