import type { Rule } from '../../types';
import { CARGO_PROFILES, profileFinding, releaseFindings, tomlFix } from './shared';

/** opt-level 3 (the release default) when the manifest lowered it. */
export const releaseOptLevelRule: Rule = {
  id: 'rust.release-opt-level',
  title: 'Full optimisation (opt-level 3) in release builds',
  rationale:
    'Release builds default to `opt-level = 3`. A lower level (0–2) gives up inlining and vectorisation; ' +
    '"s" and "z" optimise for size and can be markedly slower. When runtime is the goal, 3 is the level to ' +
    'measure against.',
  reference: CARGO_PROFILES,
  stack: 'rust',
  risk: 'review',
  effort: 'low',
  metrics: ['runtime'],
  prior: { pImprove: 0.7, effect: 0.15 },
  verifyProfile: 'release',
  detect: (context) =>
    releaseFindings(context, ['opt-level'], (stack, setting) => {
      const level = setting('opt-level');
      // Unset is the default 3; a numeric string is what someone meant as the number.
      if (level.value === undefined || Number(level.value) === 3) return null;
      const forSize = level.value === 's' || level.value === 'z';
      const valid = forSize || [0, 1, 2].includes(Number(level.value));
      if (!valid) return null;
      return profileFinding({
        stack,
        profile: 'release',
        message: forSize
          ? `Release builds of ${stack.name} optimise for size (opt-level = "${String(level.value)}"), not speed.`
          : `Release builds of ${stack.name} are only partly optimised (opt-level = ${String(level.value)}).`,
        evidence: [level.evidence],
        current: `opt-level = ${JSON.stringify(level.value)}`,
        proposed: 'opt-level = 3',
        set: [{ key: ['opt-level'], value: 3 }],
        ...(forSize
          ? {
              warning:
                'The binary grows: "s"/"z" was probably chosen for size. Keep it if size matters more than speed.',
            }
          : {}),
      });
    }),
  fix: tomlFix,
};
