import { describe, expect, it } from 'vitest';
import { detectPython } from '../../../../../../src/main/core/project/detect/python';
import { at, factOf, fixtureContext, lineContaining, stackOf } from './fixture-context';

describe('python detector', () => {
  it('finds the optional redis import inside try/except and the unittest suite of a stdlib service', async () => {
    const out = await detectPython(fixtureContext('python-service'));
    expect(out.problems).toEqual([]);
    const stack = stackOf(out.stacks, 'python', '');
    expect(stack.name).toBe('python-service');
    expect(factOf(stack, 'python.manifests').value).toEqual(['requirements.txt']);
    expect(factOf(stack, 'python.packageManager').value).toBe('pip');
    const redis = factOf(stack, 'python.redis');
    expect(redis.value).toBe('redis');
    expect(at(redis.evidence)).toBe(`cache.py:${lineContaining('python-service', 'cache.py', 'import redis')}`);
    expect(redis.label).toMatch(/imported/);
    // Nothing is declared: requirements.txt holds only comments.
    expect(stack.facts.filter((f) => f.key.startsWith('python.dependency.'))).toEqual([]);
    expect(stack.facts.some((f) => f.key === 'python.framework')).toBe(false);

    expect(out.commands.map((c) => [c.kind, c.command, c.cwd, at(c.evidence)])).toEqual([
      ['test', 'python -m unittest discover -s tests -t .', '', 'tests/test_app.py:-'],
      ['run', 'python app.py', '', `app.py:${lineContaining('python-service', 'app.py', '__main__')}`],
    ]);
  });

  it('reads PEP 621 dependencies with the line of each, imports, and the uvicorn and pytest commands', async () => {
    const out = await detectPython(fixtureContext('monorepo'));
    expect(out.problems).toEqual([]);
    expect(out.stacks.map((s) => s.dir)).toEqual(['services/ml']);
    const stack = stackOf(out.stacks, 'python', 'services/ml');
    expect(stack.name).toBe('ml-service');
    const file = 'services/ml/pyproject.toml';
    const fastapi = factOf(stack, 'python.framework');
    expect(fastapi.value).toBe('fastapi');
    expect(at(fastapi.evidence)).toBe(`${file}:${lineContaining('monorepo', file, '"fastapi')}`);
    expect(at(factOf(stack, 'python.server').evidence)).toBe(`${file}:${lineContaining('monorepo', file, '"uvicorn')}`);
    expect(factOf(stack, 'python.ml').value).toBe('pytorch');
    expect(factOf(stack, 'python.testing').value).toBe('pytest');
    expect(factOf(stack, 'python.requiresPython').value).toBe('>=3.11');
    expect(at(factOf(stack, 'python.import.torch').evidence)).toBe('services/ml/app/main.py:1');

    expect(out.commands.map((c) => [c.kind, c.command, c.cwd])).toEqual([
      ['test', 'python -m pytest', 'services/ml'],
      ['run', 'uvicorn app.main:app', 'services/ml'],
    ]);
  });

  it('reports an invalid pyproject.toml with line and column', async () => {
    const out = await detectPython(fixtureContext('malformed'));
    expect(out.problems).toHaveLength(1);
    expect(out.problems[0]).toMatchObject({ file: 'pyproject.toml', line: 4, column: 1 });
    expect(out.problems[0]?.message).toMatch(/^invalid TOML: /);
  });
});
