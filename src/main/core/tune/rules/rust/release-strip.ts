import type { Rule } from '../../types';
import { CARGO_PROFILES, profileFinding, releaseFindings, tomlFix } from './shared';

function debugOn(value: unknown): boolean {
  return value !== undefined && value !== false && value !== 0 && value !== 'none';
}

/** Strip symbols from release binaries, and stop generating debug info that stripping would discard. */
export const releaseStripRule: Rule = {
  id: 'rust.release-strip',
  title: 'Strip symbols from release binaries',
  rationale:
    'Since Cargo 1.77 release builds strip debug info only when `debug` is off, and the symbol table always ' +
    'stays. `strip = "symbols"` removes both, often a large share of a Rust binary. When `debug` is on in ' +
    'release the binary also carries full DWARF, which stripping would throw away anyway, so `debug = false` ' +
    'saves that build time too.',
  reference: CARGO_PROFILES,
  stack: 'rust',
  risk: 'review',
  effort: 'low',
  metrics: ['artifact-size'],
  prior: { pImprove: 0.9, effect: 0.25 },
  verifyProfile: 'release',
  detect: (context) =>
    releaseFindings(context, ['strip', 'debug'], (stack, setting) => {
      const strip = setting('strip');
      const debug = setting('debug');
      if (strip.value === true || strip.value === 'symbols') return null;
      const withDebug = debugOn(debug.value);
      const stripNow =
        strip.value === undefined
          ? `strip unset (${withDebug ? 'nothing is stripped while debug is on' : 'only debug info is stripped'})`
          : `strip = ${JSON.stringify(strip.value)}`;
      return profileFinding({
        stack,
        profile: 'release',
        message: withDebug
          ? `Release binaries of ${stack.name} carry debug info (debug = ${JSON.stringify(debug.value)}) and the symbol table.`
          : `Release binaries of ${stack.name} keep their symbol table.`,
        evidence:
          withDebug && strip.value === undefined
            ? [debug.evidence]
            : [strip.evidence, ...(withDebug ? [debug.evidence] : [])],
        current: withDebug ? `${stripNow}; debug = ${JSON.stringify(debug.value)}` : stripNow,
        proposed: withDebug ? 'strip = "symbols"\ndebug = false' : 'strip = "symbols"',
        set: [{ key: ['strip'], value: 'symbols' }, ...(withDebug ? [{ key: ['debug'], value: false }] : [])],
        warning:
          'Stripped binaries have no function names: panic backtraces show bare addresses, and profilers ' +
          '(perf, flamegraph) need a separate unstripped build (e.g. a [profile.profiling] that inherits release).',
      });
    }),
  fix: tomlFix,
};
