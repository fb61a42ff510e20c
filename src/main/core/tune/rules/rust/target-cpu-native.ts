import type { HardwareProfile } from '../../../../../shared/schemas/hardware';
import type { DetectedFinding, Rule } from '../../types';
import {
  cargoRoots,
  crateConfig,
  factOf,
  headerLineOf,
  manifestOf,
  PERF_BOOK,
  shipsArtifact,
  tomlFix,
  tomlFixData,
} from './shared';

const NOTABLE = ['avx2', 'fma', 'avx512f', 'avx512_vnni', 'avx512_bf16', 'sve', 'sve2', 'i8mm'] as const;

/** The ISA extensions this machine has beyond what rustc assumes, for a concrete message. */
function extensions(hardware: HardwareProfile | null): string[] {
  const features = hardware?.cpu.isa.features;
  if (!features) return [];
  return NOTABLE.filter((name) => features[name] === true).map((name) => name.toUpperCase().replace('_', '-'));
}

/** `-C target-cpu=native` for every build in the crate's folder, via `.cargo/config.toml`. */
export const targetCpuNativeRule: Rule = {
  id: 'rust.target-cpu-native',
  title: 'Compile for this machine’s CPU (target-cpu=native)',
  rationale:
    'rustc targets the baseline CPU of the target triple (x86-64: SSE2, no AVX), so the optimiser cannot use ' +
    'the vector and FMA instructions the machine actually has. `-C target-cpu=native` enables all of them, ' +
    'which pays off in numeric and data-parallel code. The binaries then require those instructions.',
  reference: PERF_BOOK,
  stack: 'rust',
  risk: 'review',
  effort: 'low',
  metrics: ['runtime'],
  prior: { pImprove: 0.45, effect: 0.05 },
  verifyProfile: 'release',
  async detect(context) {
    const findings: DetectedFinding[] = [];
    for (const stack of cargoRoots(context)) {
      // Existing rustflags (anywhere above the crate) are someone's choice; merging into them is not ours.
      if (factOf(stack, 'rust.config.targetCpu') || factOf(stack, 'rust.config.rustflags')) continue;
      if (!(await shipsArtifact(context, stack))) continue;
      const config = await crateConfig(context, stack.dir);
      if (config === null) continue;
      const isa = extensions(context.hardware);
      const buildLine = config.text === null ? null : headerLineOf(config.text, 'build');
      findings.push({
        dir: stack.dir,
        message:
          `${stack.name} is compiled for the baseline CPU of its target` +
          (isa.length > 0 ? `, without the ${isa.join(', ')} instructions this machine has.` : '.'),
        evidence: [
          config.text === null
            ? { file: manifestOf(stack), line: null, excerpt: `no ${config.file}` }
            : { file: config.file, line: buildLine, excerpt: buildLine === null ? 'no [build] table' : '[build]' },
        ],
        current: 'no target-cpu (the target’s baseline CPU)',
        proposed: '[build]\nrustflags = ["-C", "target-cpu=native"]',
        warning:
          "Binaries will only run on CPUs with this machine's instruction set; do not use for distributed builds " +
          `(release artifacts, Docker images, CI caches shared across machines). ${config.file} applies to every ` +
          'build run from this folder, on every machine that checks it out.',
        data: tomlFixData({
          file: config.file,
          create: config.text === null,
          set: [{ path: ['build', 'rustflags'], value: ['-C', 'target-cpu=native'] }],
        }),
      });
    }
    return findings;
  },
  fix: tomlFix,
};
