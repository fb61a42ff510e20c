import type { BenchmarkSpec } from './worker/protocol';
import type { CommandDefinition } from './suites/command';

export interface CommandSuiteOptions {
  commands: string[];
  /** Display names, one per command (defaults to the command text). */
  names?: string[];
  shell: 'sh' | 'none';
  prepare?: string;
  cleanup?: string;
  /** hyperfine's -L: each {name} in the commands is replaced by each value in turn. */
  parameterLists?: Array<{ name: string; values: string[] }>;
  runTimeoutMs: number;
  ignoreFailure: boolean;
  showOutput: boolean;
}

function expand(template: string, bindings: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => bindings[name] ?? whole);
}

/** Every combination of the parameter lists (their Cartesian product), in order. */
export function parameterCombinations(lists: Array<{ name: string; values: string[] }>): Array<Record<string, string>> {
  let combinations: Array<Record<string, string>> = [{}];
  for (const list of lists) {
    if (list.values.length === 0) throw new RangeError(`parameter list "${list.name}" has no values`);
    combinations = combinations.flatMap((combination) =>
      list.values.map((value) => ({ ...combination, [list.name]: value })),
    );
  }
  return combinations;
}

function slug(text: string): string {
  return text.replace(/[^\w.-]+/g, '_').slice(0, 60) || 'command';
}

/**
 * One spec per parameter combination; within a spec all commands (the command and its --vs
 * alternatives) are measured interleaved so they see the same machine state.
 */
export function commandSpecs(options: CommandSuiteOptions): BenchmarkSpec[] {
  if (options.commands.length === 0) throw new RangeError('no command given');
  const lists = options.parameterLists ?? [];
  for (const list of lists) {
    if (!options.commands.some((command) => command.includes(`{${list.name}}`))) {
      throw new RangeError(`parameter "${list.name}" is not used in any command (write {${list.name}} where it goes)`);
    }
  }
  return parameterCombinations(lists).map((bindings) => {
    const suffix = Object.entries(bindings)
      .map(([name, value]) => `${name}=${value}`)
      .join(', ');
    const definitions: CommandDefinition[] = options.commands.map((command, index) => {
      const expanded = expand(command, bindings);
      const name = options.names?.[index] ? expand(options.names[index], bindings) : expanded;
      return { id: slug(`${index + 1}-${name}`), title: name, command: expanded };
    });
    return {
      kind: 'command',
      id: slug(definitions.map((d) => d.id).join('+')),
      title:
        definitions.length > 1
          ? `${definitions.map((d) => d.title).join(' vs ')}`
          : `${definitions[0]!.title}${suffix ? '' : ''}`,
      params: {
        commands: JSON.stringify(definitions),
        shell: options.shell,
        prepare: options.prepare ? expand(options.prepare, bindings) : '',
        cleanup: options.cleanup ? expand(options.cleanup, bindings) : '',
        runTimeoutMs: options.runTimeoutMs,
        ignoreFailure: options.ignoreFailure,
        showOutput: options.showOutput,
        ...bindings,
      },
    };
  });
}
