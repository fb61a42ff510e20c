import type { Rule } from '../../types';
import { PERF_BOOK, profileFinding, releaseFindings, tomlFix } from './shared';

/** panic = "abort": no unwinding tables or landing pads. Changes behaviour, hence risky. */
export const releasePanicAbortRule: Rule = {
  id: 'rust.release-panic-abort',
  title: 'Abort on panic in release builds',
  rationale:
    'With the default `panic = "unwind"` every call that may panic carries unwinding tables and landing pads ' +
    'that run destructors. `panic = "abort"` removes them: smaller binaries and sometimes faster code. It changes ' +
    'what a panic does, so it only suits programs that never recover from panics.',
  reference: PERF_BOOK,
  stack: 'rust',
  risk: 'risky',
  effort: 'low',
  metrics: ['runtime', 'artifact-size'],
  prior: { pImprove: 0.4, effect: 0.03 },
  verifyProfile: 'release',
  detect: (context) =>
    releaseFindings(context, ['panic'], (stack, setting) => {
      const panic = setting('panic');
      if (panic.value !== undefined && panic.value !== 'unwind') return null;
      return profileFinding({
        stack,
        profile: 'release',
        message: `Release builds of ${stack.name} keep unwinding tables and landing pads for every call that can panic.`,
        evidence: [panic.evidence],
        current: panic.value === undefined ? 'panic unset (defaults to "unwind")' : 'panic = "unwind"',
        proposed: 'panic = "abort"',
        set: [{ key: ['panic'], value: 'abort' }],
        warning:
          'A panic then ends the whole process at once: std::panic::catch_unwind no longer catches anything, a ' +
          'panicking thread (in a thread pool, a server, a test harness) takes the program down, and destructors ' +
          'do not run. Do not apply if this code or a dependency recovers from panics.',
      });
    }),
  fix: tomlFix,
};
