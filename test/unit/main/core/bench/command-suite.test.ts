import { describe, expect, it } from 'vitest';
import { commandSpecs, parameterCombinations } from '../../../../../src/main/core/bench/command-suite';
import { splitCommand } from '../../../../../src/main/core/bench/suites/command';

const base = { shell: 'sh' as const, runTimeoutMs: 1000, ignoreFailure: false, showOutput: false };

describe('commandSpecs', () => {
  it('expands parameter lists into one spec per combination, substituting {name}', () => {
    const specs = commandSpecs({
      ...base,
      commands: ['make -j{threads} {target}'],
      parameterLists: [
        { name: 'threads', values: ['1', '2'] },
        { name: 'target', values: ['a', 'b'] },
      ],
    });
    const commands = specs.map((spec) => JSON.parse(String(spec.params.commands))[0].command);
    expect(commands).toEqual(['make -j1 a', 'make -j1 b', 'make -j2 a', 'make -j2 b']);
    expect(specs[1]!.params.threads).toBe('1');
    expect(new Set(specs.map((s) => s.id)).size).toBe(4);
  });

  it('puts --vs commands in the same spec so they are measured interleaved', () => {
    const [spec] = commandSpecs({ ...base, commands: ['gzip -k a', 'zstd a'], names: ['gzip', 'zstd'] });
    const definitions = JSON.parse(String(spec!.params.commands));
    expect(definitions.map((d: { title: string }) => d.title)).toEqual(['gzip', 'zstd']);
    expect(spec!.title).toBe('gzip vs zstd');
  });

  it('refuses a parameter that no command uses, and an empty list', () => {
    expect(() => commandSpecs({ ...base, commands: ['true'], parameterLists: [{ name: 'n', values: ['1'] }] })).toThrow(
      /parameter "n" is not used/,
    );
    expect(() => parameterCombinations([{ name: 'n', values: [] }])).toThrow(/no values/);
    expect(() => commandSpecs({ ...base, commands: [] })).toThrow(/no command/);
  });
});

describe('splitCommand (no shell)', () => {
  it('splits quoted arguments and refuses shell operators it cannot run without a shell', () => {
    expect(splitCommand(`node -e "console.log('a b')"`)).toEqual(['node', '-e', "console.log('a b')"]);
    expect(() => splitCommand('make && make test')).toThrow(/shell syntax/);
    expect(() => splitCommand('   ')).toThrow(/empty/);
  });
});
