import type { ProjectCommand, ProjectProfile } from '../../../shared/schemas/project';
import type { BenchmarkSpec } from '../bench/worker/protocol';

export const PROJECT_METRICS = ['build', 'test', 'bench', 'size'] as const;
export type ProjectMetric = (typeof PROJECT_METRICS)[number];

/** One POSIX shell word: single-quoted, embedded quotes closed and escaped. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** `cd <cwd> && <command>` so every command runs in its package folder, whatever the worker's cwd. */
function inFolder(root: string, command: ProjectCommand): string {
  const cwd = command.cwd ? `${root}/${command.cwd}` : root;
  return `cd ${shellQuote(cwd)} && ${command.command}`;
}

/** Result ids must not contain ':' (it marks a command's secondary series such as `id:user`). */
export function metricId(prefix: string, command: ProjectCommand): string {
  const slug = command.id
    .split(/[:/\\]+/)
    .filter((part) => part !== '' && part !== '.')
    .join('-');
  return `${prefix}-${slug}`;
}

function spec(root: string, command: ProjectCommand, title: string, prepare = ''): BenchmarkSpec {
  return {
    kind: 'command',
    id: metricId(command.kind, command),
    title,
    params: {
      commands: JSON.stringify([{ id: metricId(command.kind, command), title, command: inFolder(root, command) }]),
      shell: 'sh',
      prepare,
      cleanup: '',
      runTimeoutMs: 30 * 60_000,
      ignoreFailure: false,
      showOutput: false,
    },
  };
}

/**
 * The project benchmark plan: build time (incremental, and clean where a standard clean exists
 * that only touches build output), test time, and each bench command. Sizes are measured after
 * the build, outside the timed runs.
 */
export function projectBenchmarkSpecs(
  profile: ProjectProfile,
  metrics: readonly ProjectMetric[],
  /** Per build command id: gitignored output folders (absolute) that a clean build may delete first. */
  cleanableOutputs: ReadonlyMap<string, string[]> = new Map(),
): BenchmarkSpec[] {
  const specs: BenchmarkSpec[] = [];
  const wanted = new Set(metrics);
  for (const command of profile.commands) {
    if (command.kind === 'build' && wanted.has('build')) {
      specs.push(spec(profile.root, command, `build (incremental): ${command.command}`));
      const cargo = /^cargo build/.test(command.command);
      const outputs = cleanableOutputs.get(command.id) ?? [];
      if (!cargo && outputs.length > 0) {
        const clean = `rm -rf ${outputs.map(shellQuote).join(' ')}`;
        specs.push({
          ...spec(profile.root, command, `build (clean): ${command.command}`, clean),
          id: metricId('build-clean', command),
        });
      }
      if (cargo) {
        const clean = `cd ${shellQuote(command.cwd ? `${profile.root}/${command.cwd}` : profile.root)} && cargo clean --release -q`;
        specs.push({
          ...spec(profile.root, command, `build (clean): ${command.command}`, clean),
          id: metricId('build-clean', command),
        });
      }
    }
    if (command.kind === 'test' && wanted.has('test'))
      specs.push(spec(profile.root, command, `test: ${command.command}`));
    if (command.kind === 'bench' && wanted.has('bench'))
      specs.push(spec(profile.root, command, `bench: ${command.command}`));
  }
  return specs;
}
