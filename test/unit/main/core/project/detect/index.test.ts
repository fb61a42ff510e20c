import { describe, expect, it } from 'vitest';
import { detectors, runDetectors } from '../../../../../../src/main/core/project/detect';
import type { DetectContext } from '../../../../../../src/main/core/project/types';
import { ProjectCommandSchema, ProblemSchema, StackSchema } from '../../../../../../src/shared/schemas/project';
import { fixtureContext } from './fixture-context';

const FIXTURE_NAMES = ['vite-react', 'rust-cli', 'python-service', 'monorepo', 'malformed', 'polyglot'];

describe('runDetectors', () => {
  it('has one detector per ecosystem file', () => {
    expect(detectors).toHaveLength(6);
  });

  it.each(FIXTURE_NAMES)(
    'returns schema-valid stacks, commands and problems for %s, with unique command ids',
    async (name) => {
      const out = await runDetectors(fixtureContext(name));
      for (const stack of out.stacks) StackSchema.parse(stack);
      for (const command of out.commands) ProjectCommandSchema.parse(command);
      for (const problem of out.problems) ProblemSchema.parse(problem);
      expect(new Set(out.commands.map((c) => c.id)).size).toBe(out.commands.length);
    },
  );

  it('merges every ecosystem of the monorepo', async () => {
    const out = await runDetectors(fixtureContext('monorepo'));
    expect([...new Set(out.stacks.map((s) => s.id))].sort()).toEqual([
      'compose',
      'docker',
      'kubernetes',
      'node',
      'python',
      'rust',
    ]);
    expect(out.problems).toEqual([]);
  });

  it('collects one positioned problem per malformed file and ignores the binary .ts file', async () => {
    const context = fixtureContext('malformed');
    expect(await context.read('src/index.ts')).toBeNull();
    const out = await runDetectors(context);
    expect(out.problems.map((p) => `${p.file}:${p.line}:${p.column}`).sort()).toEqual([
      'Cargo.toml:4:16',
      'Dockerfile:3:1',
      'k8s/deployment.yaml:6:13',
      'package.json:5:5',
      'pyproject.toml:4:1',
    ]);
    for (const problem of out.problems) expect(problem.message.length).toBeGreaterThan(10);
  });

  it('turns a detector that throws into a problem instead of failing the profile', async () => {
    const base = fixtureContext('rust-cli');
    // A read that fails the way a vanished disk does: detectors do not expect it to throw.
    const context: DetectContext = { ...base, read: () => Promise.reject(new Error('EIO: i/o error')) };
    const out = await runDetectors(context);
    expect(out.problems).toContainEqual({
      file: '',
      line: null,
      column: null,
      message: 'the rust detector failed: EIO: i/o error',
    });
    // Detectors that read nothing for this project still report.
    expect(out.stacks.some((s) => s.id === 'cuda' || s.id === 'models')).toBe(false);
  });
});
