import type { DetectedFinding, Rule } from '../../types';
import { cargoRoots, configSetsProfile, profileFinding, profileSetting, tomlFix } from './shared';

/** Dev builds at or above this level already optimise dependencies. */
const OPTIMISED = new Set<unknown>([2, 3, 's', 'z']);

/** Optimise dependencies (not the workspace's own crates) in dev builds. */
export const devDepsOptimisedRule: Rule = {
  id: 'rust.dev-deps-optimised',
  title: 'Optimise dependencies in debug builds',
  rationale:
    'Debug builds compile every dependency at opt-level 0, so code that leans on crates such as regex, serde, ' +
    'image or rand runs many times slower under `cargo run` and `cargo test`. `[profile.dev.package."*"]` ' +
    'with opt-level 2 optimises only the dependencies: they are built once, while the crates you edit stay ' +
    'fast to compile and fully debuggable.',
  reference: {
    title: 'The Cargo Book: Profiles (overrides)',
    url: 'https://doc.rust-lang.org/cargo/reference/profiles.html#overrides',
  },
  stack: 'rust',
  risk: 'safe',
  effort: 'low',
  metrics: ['runtime'],
  // Debug builds are what `cargo test` runs: its time is the runtime this rule changes.
  runtimeCommands: 'test',
  prior: { pImprove: 0.6, effect: 0.3 },
  async detect(context) {
    const findings: DetectedFinding[] = [];
    for (const stack of cargoRoots(context)) {
      // Any package override means someone already tuned per-package levels.
      if (stack.facts.some((fact) => fact.key.startsWith('rust.profile.dev.package.'))) continue;
      const level = profileSetting(stack, 'dev', 'opt-level');
      if (OPTIMISED.has(level.value) || OPTIMISED.has(Number(level.value))) continue;
      if (await configSetsProfile(context, stack.dir, ['dev', 'package'])) continue;
      findings.push(
        profileFinding({
          stack,
          profile: 'dev',
          message: `Debug builds of ${stack.name} run every dependency unoptimised (opt-level ${String(level.value ?? 0)}).`,
          evidence: [level.evidence],
          current: 'dependencies at opt-level 0 in dev (no [profile.dev.package."*"])',
          proposed: '[profile.dev.package."*"]\nopt-level = 2',
          set: [{ key: ['package', '*', 'opt-level'], value: 2 }],
          warning:
            'The first (clean) debug build takes longer, since dependencies are optimised; incremental rebuilds ' +
            'of your own crates do not. Stepping into dependency code in a debugger shows optimised-out values.',
        }),
      );
    }
    return findings;
  },
  fix: tomlFix,
};
