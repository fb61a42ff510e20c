import type { Rule } from '../../types';
import { PERF_BOOK, profileFinding, releaseFindings, tomlFix } from './shared';

/** Fat LTO in release: cross-crate inlining and dead-code removal over the whole dependency graph. */
export const releaseLtoRule: Rule = {
  id: 'rust.release-lto',
  title: 'Link-time optimisation in release builds',
  rationale:
    'Without LTO, LLVM optimises each crate on its own and cannot inline across crate boundaries, so calls into ' +
    'dependencies (and generic code instantiated there) stay calls. `lto = "fat"` optimises the whole program at ' +
    'link time: typically 5–20 % faster and smaller binaries, at the cost of longer release links. ' +
    'See also the Cargo reference on profiles: https://doc.rust-lang.org/cargo/reference/profiles.html#lto',
  reference: PERF_BOOK,
  stack: 'rust',
  risk: 'safe',
  effort: 'low',
  metrics: ['runtime', 'artifact-size'],
  prior: { pImprove: 0.6, effect: 0.08 },
  verifyProfile: 'release',
  detect: (context) =>
    releaseFindings(context, ['lto'], (stack, setting) => {
      const lto = setting('lto');
      // "thin", "fat", true and "off" are deliberate choices; only the default (unset or false) is changed.
      if (lto.value !== undefined && lto.value !== false) return null;
      return profileFinding({
        stack,
        profile: 'release',
        message:
          `Release builds of ${stack.name} optimise every crate separately: ` +
          `lto = "fat" lets LLVM inline and drop dead code across ${stack.name} and all its dependencies.`,
        evidence: [lto.evidence],
        current:
          lto.value === undefined ? 'lto unset (defaults to false: thin LTO within each crate only)' : 'lto = false',
        proposed: 'lto = "fat"',
        set: [{ key: ['lto'], value: 'fat' }],
        warning: 'Release builds link more slowly: the whole program is optimised again at link time.',
      });
    }),
  fix: tomlFix,
};
