import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtWorkerPath } from '../../../src/main/core/bench/worker-path';
import { nodeWorkerLauncher } from '../../../src/main/core/jobs/node-launcher';
import { profileProject } from '../../../src/main/core/project/profile';
import { openStore, type StoreHandle } from '../../../src/main/core/store/database';
import { TuneChangeRepository } from '../../../src/main/core/store/tune-changes';
import { TuneJournalRepository } from '../../../src/main/core/store/tune-journal';
import { TuneOutcomeRepository } from '../../../src/main/core/store/tune-outcomes';
import { TuneService } from '../../../src/main/core/tune/service';
import type { Rule } from '../../../src/main/core/tune/types';
import { DirtyFilesError, VerificationFailedError } from '../../../src/main/core/tune/verify/verify';
import { git } from '../../helpers/fixture-project';
import { useTempDirs } from '../../helpers/temp-dir';
import { treeSnapshot } from '../../helpers/tree-snapshot';

const tempDir = useTempDirs();

/** A rule that writes `mode` into config.json: the project's own scripts decide what breaks. */
function configRule(id: string, mode: string): Rule {
  return {
    id,
    title: `set mode ${mode}`,
    rationale: 'test rule',
    reference: { title: 'none', url: 'https://example.invalid' },
    stack: 'node',
    risk: 'safe',
    effort: 'low',
    metrics: ['build-time'],
    prior: { pImprove: 0.5, effect: 0.1 },
    detect: async (context) => {
      const text = await context.read('config.json');
      return text === null
        ? []
        : [
            {
              dir: '',
              message: 'mode can change',
              evidence: [{ file: 'config.json', line: 1 }],
              current: text.trim(),
              proposed: mode,
              data: { text },
            },
          ];
    },
    fix: async (finding) => [
      { file: 'config.json', before: String(finding.data!.text), after: `{ "mode": "${mode}" }\n` },
    ],
  };
}

function project(dir: string, buildAlwaysFails = false): string {
  const root = join(dir, 'app');
  mkdirSync(root);
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'faults', private: true, scripts: { build: 'node build.mjs', test: 'node test.mjs' } }),
  );
  writeFileSync(join(root, 'config.json'), '{ "mode": "ok" }\n');
  writeFileSync(
    join(root, 'build.mjs'),
    buildAlwaysFails
      ? "console.error('error: missing toolchain'); process.exit(2);\n"
      : "import { readFileSync } from 'node:fs';\nif (JSON.parse(readFileSync('config.json', 'utf8')).mode === 'break-build') { console.error('error: bad config'); process.exit(1); }\n",
  );
  writeFileSync(
    join(root, 'test.mjs'),
    "import { readFileSync } from 'node:fs';\nif (JSON.parse(readFileSync('config.json', 'utf8')).mode === 'break-tests') { console.error('assertion failed: mode'); process.exit(1); }\n",
  );
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial');
  return root;
}

describe('verification faults (real git worktrees, real builds and tests)', () => {
  let store: StoreHandle | null = null;
  afterEach(() => store?.db.close());

  function service(
    dataDir: string,
    rules: Rule[],
  ): { tune: TuneService; outcomes: TuneOutcomeRepository; changes: TuneChangeRepository } {
    store = openStore(dataDir);
    const changes = new TuneChangeRepository(store.db);
    const outcomes = new TuneOutcomeRepository(store.db);
    const tune = new TuneService({
      changes,
      journal: new TuneJournalRepository(store.db),
      outcomes,
      dataDir,
      profile: (root) => profileProject(root, { trust: null, commands: null }),
      hardware: async () => null,
      rules,
    });
    return { tune, outcomes, changes };
  }

  const run = {
    jobId: 'test',
    fingerprint: 'test',
    suite: { launcher: nodeWorkerLauncher, workerPath: builtWorkerPath('bench-worker'), runs: null, sampler: null },
  };

  it('a candidate that does not build, or breaks the tests, is rejected and recorded as an outcome', async () => {
    const dataDir = tempDir();
    const root = project(tempDir());
    const before = treeSnapshot(root);
    const { tune, outcomes } = service(dataDir, [
      configRule('test.break-build', 'break-build'),
      configRule('test.break-tests', 'break-tests'),
    ]);

    const build = await tune.verify(root, 'test.break-build', { onCopy: false }, run);
    expect(build.verification?.overall).toBe('broke-build');
    expect(build.verification?.tests.output).toContain('error: bad config');
    const tests = await tune.verify(root, 'test.break-tests', { onCopy: false }, run);
    expect(tests.verification?.overall).toBe('broke-tests');
    expect(tests.verification?.tests).toMatchObject({ ran: true, passed: false, command: 'npm run test' });
    expect(tests.verification?.tests.output).toContain('assertion failed: mode');
    await expect(tune.keep(tests.id, false)).rejects.toThrow(/rejected \(broke-tests\)/);

    expect(outcomes.stats().map((s) => [s.ruleId, s.improved, s.notImproved])).toEqual([
      ['test.break-build', 0, 1],
      ['test.break-tests', 0, 1],
    ]);
    expect(treeSnapshot(root)).toEqual(before);
    expect(readdirSync(join(dataDir, 'tune-work'))).toEqual([]);
    expect(execFileSync('git', ['-C', root, 'worktree', 'list']).toString().trim().split('\n')).toHaveLength(1);
  }, 120_000);

  it('a baseline that does not build stops verification with the reason; the change is failed and cleaned up', async () => {
    const dataDir = tempDir();
    const root = project(tempDir(), true);
    const { tune, changes } = service(dataDir, [configRule('test.any', 'fast')]);
    await expect(tune.verify(root, 'test.any', { onCopy: false }, run)).rejects.toThrow(VerificationFailedError);
    const [change] = changes.list(root);
    expect(change!.status).toBe('failed');
    expect(change!.note).toMatch(/the baseline \(HEAD\) does not build with "npm run build"[\s\S]*missing toolchain/);
    expect(readdirSync(join(dataDir, 'tune-work'))).toEqual([]);
  }, 120_000);

  it('refuses when the files a fix touches have uncommitted changes, and verifies on a copy when asked', async () => {
    const dataDir = tempDir();
    const root = project(tempDir());
    writeFileSync(join(root, 'config.json'), '{ "mode": "mine, uncommitted" }\n');
    const before = treeSnapshot(root);
    const { tune } = service(dataDir, [configRule('test.break-build', 'break-build')]);
    const refusal = tune.verify(root, 'test.break-build', { onCopy: false }, run);
    await expect(refusal).rejects.toThrow(DirtyFilesError);
    await expect(refusal).rejects.toThrow(/uncommitted changes in config\.json.*--on-copy/);
    const onCopy = await tune.verify(root, 'test.break-build', { onCopy: true }, run);
    expect(onCopy.branch).toBeNull();
    expect(onCopy.verification?.overall).toBe('broke-build');
    expect(onCopy.verification?.candidateDir).toMatch(/candidate$/);
    expect(treeSnapshot(root)).toEqual(before);
  }, 120_000);
});
