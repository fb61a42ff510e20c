import { describe, expect, it } from 'vitest';
import { detectNode } from '../../../../../../src/main/core/project/detect/node';
import { at, factOf, fixtureContext, lineContaining, stackOf } from './fixture-context';

describe('node detector', () => {
  it('reads the Vite + React app: framework, bundler, TypeScript, test runner and scripts, each with its line', async () => {
    const out = await detectNode(fixtureContext('vite-react'));
    expect(out.problems).toEqual([]);
    expect(out.stacks).toHaveLength(1);
    const stack = stackOf(out.stacks, 'node', '');
    expect(stack.name).toBe('vite-react-fixture');

    const react = factOf(stack, 'node.framework', 'react');
    expect(at(react.evidence)).toBe(`package.json:${lineContaining('vite-react', 'package.json', '"react":')}`);
    expect(react.evidence.excerpt).toBe('"react": "^19.2.0",');
    expect(at(factOf(stack, 'node.bundler', 'vite').evidence)).toBe(
      `package.json:${lineContaining('vite-react', 'package.json', '"vite":')}`,
    );
    expect(factOf(stack, 'node.typescript').value).toBe('~5.9.0');
    expect(factOf(stack, 'node.testRunner').value).toBe('vitest');
    expect(factOf(stack, 'node.packageManager').value).toBe('npm');
    expect(factOf(stack, 'node.viteConfig').value).toBe('vite.config.ts');
    // tsconfig.json has a comment, as real ones do; JSONC is accepted there and settings carry lines.
    const target = factOf(stack, 'node.tsconfig.target');
    expect(target.value).toBe('ES2022');
    expect(at(target.evidence)).toBe(`tsconfig.json:${lineContaining('vite-react', 'tsconfig.json', '"target"')}`);

    const commands = out.commands.map((c) => [c.kind, c.command, c.cwd, c.evidence?.line]);
    expect(commands).toEqual([
      ['build', 'npm run build', '', lineContaining('vite-react', 'package.json', '"build":')],
      ['test', 'npm run test', '', lineContaining('vite-react', 'package.json', '"test":')],
      ['run', 'npm run dev', '', lineContaining('vite-react', 'package.json', '"dev":')],
    ]);
  });

  it('finds every package of a workspace, heavy dependencies and the inherited package manager', async () => {
    const out = await detectNode(fixtureContext('monorepo'));
    expect(out.problems).toEqual([]);
    expect(out.stacks.map((s) => s.dir).sort()).toEqual(['', 'packages/api', 'packages/web']);

    const root = stackOf(out.stacks, 'node', '');
    expect(factOf(root, 'node.workspaces').value).toEqual(['packages/*']);
    expect(factOf(root, 'node.workspace.packages').value).toEqual(['packages/api', 'packages/web']);
    expect(factOf(root, 'node.packageManager').value).toBe('npm');

    const web = stackOf(out.stacks, 'node', 'packages/web');
    const moment = factOf(web, 'node.heavyDependency.moment');
    expect(moment.value).toMatch(/dayjs/);
    expect(at(moment.evidence)).toBe(
      `packages/web/package.json:${lineContaining('monorepo', 'packages/web/package.json', '"moment"')}`,
    );
    expect(factOf(web, 'node.framework').value).toBe('react');
    expect(factOf(web, 'node.viteConfig').value).toBe('packages/web/vite.config.js');
    // The member has no lockfile or field of its own: the workspace root's packageManager decides.
    expect(at(factOf(web, 'node.packageManager').evidence)).toBe(
      `package.json:${lineContaining('monorepo', 'package.json', 'packageManager')}`,
    );

    const api = stackOf(out.stacks, 'node', 'packages/api');
    expect(factOf(api, 'node.heavyDependency.lodash').value).toMatch(/lodash-es/);
    expect(factOf(api, 'node.testRunner').value).toBe('node:test');

    expect(out.commands.map((c) => `${c.kind} ${c.cwd || '.'}: ${c.command}`)).toEqual([
      'build .: npm run build',
      'test .: npm run test',
      'test packages/api: npm run test',
      'run packages/api: npm run start',
      'build packages/web: npm run build',
      'run packages/web: npm run dev',
    ]);
    expect(new Set(out.commands.map((c) => c.id)).size).toBe(out.commands.length);
  });

  it('reports a malformed package.json with its line and column and goes on', async () => {
    const out = await detectNode(fixtureContext('malformed'));
    expect(out.stacks).toEqual([]);
    expect(out.problems).toEqual([
      {
        file: 'package.json',
        line: lineContaining('malformed', 'package.json', '"test"'),
        column: 5,
        message: 'invalid JSON: comma expected',
      },
    ]);
  });
});
