import { tomlGet } from '../../edit/toml';
import type { DetectedFinding, Rule, RuleContext } from '../../types';
import { cargoRoots, crateConfig, factOf, headerLineOf, manifestOf, tomlFix, tomlFixData } from './shared';

/** The host triple cargo builds for by default, on Linux only (mold and -fuse-ld are a Linux affair here). */
function linuxHost(context: RuleContext): { triple: string; arch: string } | null {
  const platform = context.hardware?.os.platform ?? process.platform;
  if (platform !== 'linux') return null;
  const arch = context.hardware?.cpu.arch ?? process.arch;
  if (arch === 'x64' || arch === 'x86_64') return { triple: 'x86_64-unknown-linux-gnu', arch: 'x86_64' };
  if (arch === 'arm64' || arch === 'aarch64') return { triple: 'aarch64-unknown-linux-gnu', arch: 'aarch64' };
  return null;
}

/**
 * mold where installed; lld otherwise, except on x86_64 where Rust 1.90+ already links with its
 * bundled rust-lld, so lld would change nothing there.
 */
async function fastLinker(context: RuleContext, arch: string): Promise<'mold' | 'lld' | null> {
  if (await context.hasTool('mold')) return 'mold';
  if (arch !== 'x86_64' && (await context.hasTool('ld.lld'))) return 'lld';
  return null;
}

function flagList(value: unknown): string[] | null {
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return null;
}

/** Link with mold (or lld) through `-C link-arg=-fuse-ld=…` for the host target. */
export const fastLinkerRule: Rule = {
  id: 'rust.fast-linker',
  title: 'Link with a faster linker (mold or lld)',
  rationale:
    'Linking is a serial step at the end of every build, and with GNU ld it often dominates incremental ' +
    'rebuilds of large binaries and test executables. mold (and lld) link the same objects several times ' +
    'faster. The setting only changes the linker, not the code produced. On x86_64 Linux, Rust 1.90+ already ' +
    'uses its bundled rust-lld, so only mold is suggested there.',
  reference: {
    title: 'The Rust Performance Book: Compile Times (Linking)',
    url: 'https://nnethercote.github.io/perf-book/compile-times.html#linking',
  },
  stack: 'rust',
  risk: 'safe',
  effort: 'low',
  metrics: ['build-time'],
  prior: { pImprove: 0.7, effect: 0.1 },
  async detect(context) {
    const host = linuxHost(context);
    if (host === null) return [];
    const linker = await fastLinker(context, host.arch);
    if (linker === null) return [];
    const findings: DetectedFinding[] = [];
    for (const stack of cargoRoots(context)) {
      if (factOf(stack, 'rust.config.linker')) continue;
      const config = await crateConfig(context, stack.dir);
      if (config === null) continue;
      const flagFacts = stack.facts.filter((fact) => fact.key === 'rust.config.rustflags');
      const own = flagList(tomlGet(config.table, ['target', host.triple, 'rustflags']));
      // Target rustflags replace [build] rustflags; copy those in so target-cpu and the like keep applying.
      const buildFlags = flagFacts.find((fact) => fact.label.startsWith('build.rustflags'))?.value;
      const anyTargetFlags = flagFacts.some((fact) => fact.label.startsWith('target.'));
      const base = own ?? (!anyTargetFlags && Array.isArray(buildFlags) ? buildFlags : []);
      const flags = [...base, '-C', `link-arg=-fuse-ld=${linker}`];
      const header = `target.${host.triple}`;
      const line = config.text === null ? null : headerLineOf(config.text, header);
      findings.push({
        dir: stack.dir,
        message: `${stack.name} links with the toolchain's default linker although ${linker === 'mold' ? 'mold' : 'lld (ld.lld)'} is installed.`,
        evidence: [
          config.text === null
            ? { file: manifestOf(stack), line: null, excerpt: `no ${config.file}` }
            : { file: config.file, line, excerpt: line === null ? `no [${header}] table` : `[${header}]` },
        ],
        current: 'default linker',
        proposed: `[${header}]\nrustflags = ${JSON.stringify(flags).replace(/","/g, '", "')}`,
        warning:
          `Every machine that builds from this folder (CI included) then needs ${linker === 'mold' ? 'mold' : 'ld.lld'} ` +
          'installed, and the C compiler cargo links through must understand -fuse-ld (GCC 12.1+ or clang).',
        data: tomlFixData({
          file: config.file,
          create: config.text === null,
          set: [{ path: ['target', host.triple, 'rustflags'], value: flags }],
        }),
      });
    }
    return findings;
  },
  fix: tomlFix,
};
