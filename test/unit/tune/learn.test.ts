import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type StoreHandle } from '../../../src/main/core/store/database';
import { TuneOutcomeRepository } from '../../../src/main/core/store/tune-outcomes';
import { PRIOR_STRENGTH, rankRule } from '../../../src/main/core/tune/learn/ranking';
import { MAX_PENALTY, tuningScore } from '../../../src/main/core/tune/learn/score';
import type { Finding } from '../../../src/shared/schemas/tune';

const rule = { prior: { pImprove: 0.6, effect: 0.1 }, effort: 'low' as const };

describe('ranking from outcomes (Beta posterior seeded by the prior)', () => {
  let store: StoreHandle | null = null;
  afterEach(() => store?.db.close());

  function outcomes(): TuneOutcomeRepository {
    const dir = mkdtempSync(join(tmpdir(), 'tb-learn-'));
    store = openStore(dir);
    return new TuneOutcomeRepository(store.db);
  }

  it('starts at the prior and moves with every recorded verdict', () => {
    const repo = outcomes();
    const prior = rankRule(rule, undefined);
    expect(prior.pImprove).toBeCloseTo(0.6, 10);
    expect(prior.effect).toBeCloseTo(0.1, 10);
    expect(prior.pLow).toBeLessThan(0.6);
    expect(prior.pHigh).toBeGreaterThan(0.6);

    for (const project of ['a', 'b', 'c']) {
      repo.record({ ruleId: 'rust.release-lto', stack: 'rust', project, improved: true, gain: 0.35 });
    }
    const up = rankRule(rule, repo.stats()[0]);
    // (0.6·4 + 3) / (4 + 3) and effect (0.1·4 + 1.05) / (4 + 3)
    expect(up.pImprove).toBeCloseTo((0.6 * PRIOR_STRENGTH + 3) / (PRIOR_STRENGTH + 3), 10);
    expect(up.effect).toBeCloseTo((0.1 * PRIOR_STRENGTH + 1.05) / (PRIOR_STRENGTH + 3), 10);
    expect(up.expectedGain).toBeGreaterThan(prior.expectedGain);
    expect(up.projects).toBe(3);
    expect(up.pHigh - up.pLow).toBeLessThan(prior.pHigh - prior.pLow);

    for (let i = 0; i < 6; i += 1) {
      repo.record({ ruleId: 'rust.release-lto', stack: 'rust', project: 'a', improved: false, gain: 0 });
    }
    const down = rankRule(rule, repo.stats()[0]);
    expect(down.pImprove).toBeLessThan(prior.pImprove);
    expect(down.expectedGain).toBeLessThan(up.expectedGain);
    expect(down.outcomes).toBe(9);
    expect(down.projects).toBe(3);
  });

  it('exported statistics imported elsewhere count like the outcomes they sum', () => {
    const source = outcomes();
    source.record({ ruleId: 'node.ts-skiplibcheck', stack: 'node', project: 'x', improved: true, gain: 0.2 });
    source.record({ ruleId: 'node.ts-skiplibcheck', stack: 'node', project: 'y', improved: false, gain: 0 });
    const exported = source.stats();
    store?.db.close();
    const target = outcomes();
    target.record({ ruleId: 'node.ts-skiplibcheck', stack: 'node', project: 'z', improved: true, gain: 0.1 });
    expect(target.importStats(exported, 'export-1')).toBe(1);
    const [merged] = target.stats();
    expect(merged).toMatchObject({ improved: 2, notImproved: 1, projects: 3 });
    expect(merged!.gainSum).toBeCloseTo(0.3, 10);
    // The same export again adds nothing; another export (another id) does.
    expect(target.importStats(exported, 'export-1')).toBeNull();
    expect(target.stats()[0]).toMatchObject({ improved: 2, notImproved: 1, projects: 3 });
    expect(target.importStats(exported, 'export-2')).toBe(1);
    expect(target.stats()[0]).toMatchObject({ improved: 3, notImproved: 2, projects: 5 });
  });
});

describe('tuning score', () => {
  const finding = (id: string, pImprove: number, effect: number, stack = 'rust'): Finding =>
    ({
      id,
      rule: { title: id, stack },
      ranking: { pImprove, effect },
    }) as unknown as Finding;

  it('is 100 minus the capped penalties, and workstation settings do not count', () => {
    const score = tuningScore([finding('a', 0.5, 0.1), finding('b', 0.9, 0.5), finding('w', 0.9, 0.5, 'workstation')]);
    expect(score.parts.map((p) => p.findingId)).toEqual(['b', 'a']);
    expect(score.parts[0]!.penalty).toBe(MAX_PENALTY);
    expect(score.parts[1]!.penalty).toBeCloseTo(5, 10);
    expect(score.score).toBe(100 - MAX_PENALTY - 5);
    expect(score.formula).toContain('100 −');
    expect(tuningScore([]).score).toBe(100);
  });
});
