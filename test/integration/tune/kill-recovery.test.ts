import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/main/core/bench/stats/random';
import { AppliedChangeSchema } from '../../../src/shared/schemas/tune';
import { assertBuilt, CLI, runCli } from '../../helpers/cli';
import { git } from '../../helpers/fixture-project';
import { useTempDirs } from '../../helpers/temp-dir';
import { treeSnapshot } from '../../helpers/tree-snapshot';

const tempDir = useTempDirs();
beforeAll(() => assertBuilt());

const KILLS = 20;

/** A small Node project whose verification is quick (a script "build" and "test"), with one fixable finding. */
function project(dir: string): string {
  const root = join(dir, 'app');
  mkdirSync(join(root, 'src'), { recursive: true });
  writeFileSync(
    join(root, 'package.json'),
    `${JSON.stringify({ name: 'kill-fixture', private: true, scripts: { build: 'node build.mjs', test: 'node test.mjs', typecheck: 'tsc --noEmit' } }, null, 2)}\n`,
  );
  writeFileSync(
    join(root, 'tsconfig.json'),
    '{\n  // strict on purpose\n  "compilerOptions": {\n    "strict": true\n  }\n}\n',
  );
  writeFileSync(
    join(root, 'build.mjs'),
    "import { mkdirSync, writeFileSync } from 'node:fs';\nmkdirSync('dist', { recursive: true });\nlet s = 0;\nfor (let i = 0; i < 2e6; i++) s += i % 7;\nwriteFileSync('dist/out.txt', String(s));\n",
  );
  writeFileSync(join(root, 'test.mjs'), 'if (1 + 1 !== 2) process.exit(1);\n');
  writeFileSync(join(root, 'src', 'index.ts'), 'export const answer = 42;\n');
  writeFileSync(join(root, '.gitignore'), 'dist/\nnode_modules/\n');
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial');
  return root;
}

function killAfter(args: string[], env: NodeJS.ProcessEnv, ms: number): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(stderr);
    });
  });
}

describe('kill -9 during verification', () => {
  it(`${KILLS} kills at random points leave no corrupted file, and the next start removes every stale worktree`, async () => {
    const home = tempDir();
    const root = project(tempDir());
    const env = { TUNEBENCH_HOME: home };
    expect((await runCli(['trust', root], env)).code).toBe(0);
    const listed = await runCli(['tune', root, '--json'], env);
    expect(listed.stdout).toContain('node.ts-skiplibcheck');
    const before = treeSnapshot(root);
    const random = seededRandom(20261122);
    const delays: number[] = [];
    for (let i = 0; i < KILLS; i += 1) {
      const delay = Math.round(300 + random() * 5700);
      delays.push(delay);
      await killAfter(['tune', root, '--verify', 'node.ts-skiplibcheck'], env, delay);
      // The next start: recovery runs before anything else.
      const next = await runCli(['tune', root, '--changes', '--json'], env);
      expect(next.code, next.stderr).toBe(0);
      const changes = AppliedChangeSchema.array().parse(JSON.parse(next.stdout));
      expect(changes.filter((c) => c.status === 'verifying')).toEqual([]);
      const worktrees = execFileSync('git', ['-C', root, 'worktree', 'list', '--porcelain'], { encoding: 'utf8' });
      expect(worktrees.match(/^worktree /gm), `after a kill at ${delay} ms`).toHaveLength(1);
      const work = join(home, 'tune-work');
      expect(existsSync(work) ? readdirSync(work) : [], `after a kill at ${delay} ms`).toEqual([]);
      const branches = git(root, 'branch', '--format=%(refname:short)').split('\n').filter(Boolean);
      expect(
        branches.filter(
          (b) => b.startsWith('tunebench/') && !changes.some((c) => c.branch === b && c.status === 'verified'),
        ),
      ).toEqual([]);
      expect(treeSnapshot(root)).toEqual(before);
    }
    // And after all that, a verification left alone completes.
    const full = await runCli(['tune', root, '--verify', 'node.ts-skiplibcheck', '--json'], env, 300_000);
    expect(full.code, full.stderr).toBe(0);
    expect(AppliedChangeSchema.parse(JSON.parse(full.stdout)).status).toBe('verified');
    expect(treeSnapshot(root)).toEqual(before);
    process.stdout.write(`kill delays (ms): ${delays.join(', ')}\n`);
  }, 900_000);
});
