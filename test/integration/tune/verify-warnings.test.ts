import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatVerification } from '../../../src/main/cli/format-tune';
import { builtWorkerPath } from '../../../src/main/core/bench/worker-path';
import { nodeWorkerLauncher } from '../../../src/main/core/jobs/node-launcher';
import { profileProject } from '../../../src/main/core/project/profile';
import { openStore, type StoreHandle } from '../../../src/main/core/store/database';
import { TuneChangeRepository } from '../../../src/main/core/store/tune-changes';
import { TuneJournalRepository } from '../../../src/main/core/store/tune-journal';
import { TuneOutcomeRepository } from '../../../src/main/core/store/tune-outcomes';
import { TuneService } from '../../../src/main/core/tune/service';
import type { Rule } from '../../../src/main/core/tune/types';
import { git } from '../../helpers/fixture-project';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

/** A rule that rewrites config.json and targets build time: the A/B measures `npm run build` on both sides. */
const rule: Rule = {
  id: 'test.jitter',
  title: 'set mode fast',
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
            proposed: 'fast',
            data: { text },
          },
        ];
  },
  fix: async (finding) => [{ file: 'config.json', before: String(finding.data!.text), after: '{ "mode": "fast" }\n' }],
};

/** A build that sleeps 50–450 ms at random: eight samples cannot pin its median to ±3 %. */
function jitteryProject(dir: string): string {
  const root = join(dir, 'app');
  mkdirSync(root);
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'jitter', private: true, scripts: { build: 'node build.mjs', test: 'node test.mjs' } }),
  );
  writeFileSync(join(root, 'config.json'), '{ "mode": "slow" }\n');
  writeFileSync(join(root, 'build.mjs'), 'setTimeout(() => {}, 50 + Math.random() * 400);\n');
  writeFileSync(join(root, 'test.mjs'), '');
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial');
  return root;
}

describe('verification warnings (real git worktrees, real timed builds)', () => {
  let store: StoreHandle | null = null;
  afterEach(() => store?.db.close());

  it('the sampling warnings of the timed results reach the verification, under the metric title, and the CLI', async () => {
    const dataDir = tempDir();
    const root = jitteryProject(tempDir());
    store = openStore(dataDir);
    const tune = new TuneService({
      changes: new TuneChangeRepository(store.db),
      journal: new TuneJournalRepository(store.db),
      outcomes: new TuneOutcomeRepository(store.db),
      dataDir,
      profile: (dir) => profileProject(dir, { trust: null, commands: null }),
      hardware: async () => null,
      rules: [rule],
    });
    const change = await tune.verify(
      root,
      'test.jitter',
      { onCopy: false },
      {
        jobId: 'test',
        fingerprint: 'test',
        suite: { launcher: nodeWorkerLauncher, workerPath: builtWorkerPath('bench-worker'), runs: null, sampler: null },
      },
    );
    const v = change.verification!;
    expect(v.metrics.map((m) => [m.title, m.baseline.n, m.candidate.n])).toEqual([['build: npm run build', 8, 8]]);
    const precision = v.warnings.filter((w) =>
      /^build: npm run build( \((baseline|candidate)\))?: precision target ±3\.0 % not reached \(±[\d.]+ % after 8 samples, stopped at the maximum sample count\)$/.test(
        w,
      ),
    );
    expect(precision.length, v.warnings.join('\n')).toBeGreaterThan(0);
    expect(new Set(v.warnings).size).toBe(v.warnings.length);
    for (const warning of precision) expect(formatVerification(v)).toContain(`warning: ${warning}`);
  }, 180_000);
});
