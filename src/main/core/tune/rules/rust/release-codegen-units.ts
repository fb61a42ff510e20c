import type { Rule } from '../../types';
import { PERF_BOOK, profileFinding, releaseFindings, tomlFix } from './shared';

/** One codegen unit per crate: LLVM sees the whole crate at once. */
export const releaseCodegenUnitsRule: Rule = {
  id: 'rust.release-codegen-units',
  title: 'One codegen unit in release builds',
  rationale:
    'Cargo splits each crate into up to 16 codegen units in release so LLVM can work in parallel, but then it ' +
    'cannot inline or optimise across the unit boundaries. `codegen-units = 1` gives the optimiser the whole ' +
    'crate, usually a few percent faster code, in exchange for slower release builds.',
  reference: PERF_BOOK,
  stack: 'rust',
  risk: 'safe',
  effort: 'low',
  metrics: ['runtime'],
  prior: { pImprove: 0.5, effect: 0.04 },
  verifyProfile: 'release',
  detect: (context) =>
    releaseFindings(context, ['codegen-units'], (stack, setting) => {
      const units = setting('codegen-units');
      if (units.value !== undefined && !(typeof units.value === 'number' && units.value > 1)) return null;
      return profileFinding({
        stack,
        profile: 'release',
        message:
          units.value === undefined
            ? `Release builds of ${stack.name} split each crate into 16 codegen units, which LLVM optimises separately.`
            : `Release builds of ${stack.name} split each crate into ${String(units.value)} codegen units, which LLVM optimises separately.`,
        evidence: [units.evidence],
        current:
          units.value === undefined ? 'codegen-units unset (16 in release)' : `codegen-units = ${String(units.value)}`,
        proposed: 'codegen-units = 1',
        set: [{ key: ['codegen-units'], value: 1 }],
        warning: 'Release builds get slower: each crate is optimised by one LLVM job instead of several in parallel.',
      });
    }),
  fix: tomlFix,
};
