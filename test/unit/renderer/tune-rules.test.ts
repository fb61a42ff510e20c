import { describe, expect, it } from 'vitest';
import { allowedRisks, levelInForce, listRisks, riskAllowed } from '../../../src/renderer/src/stores/tune-rules';
import type { LevelInfo, SettingsView } from '../../../src/shared/schemas/settings';
import type { Risk } from '../../../src/shared/schemas/tune';

// As the engine describes the levels in the settings view (core/settings/defaults.ts levelInfos).
function info(id: LevelInfo['id'], risks: Risk[]): LevelInfo {
  return {
    id,
    title: id,
    targetRelativeHalfWidth: 0.03,
    warmupRuns: 1,
    minSamples: 5,
    maxSamples: 50,
    budgetMs: 1000,
    risks,
    description: '',
  };
}
const basic = info('basic', ['safe']);
const moderate = info('moderate', ['safe', 'review']);
const aggressive = info('aggressive', ['safe', 'review', 'risky']);

describe('the Recommendations risk filter', () => {
  it("'level' lets through exactly the risks the level in force suggests", () => {
    expect(allowedRisks('level', basic)).toEqual(['safe']);
    expect(allowedRisks('level', moderate)).toEqual(['safe', 'review']);
    expect(allowedRisks('level', aggressive)).toEqual(['safe', 'review', 'risky']);
    expect(riskAllowed('review', allowedRisks('level', basic))).toBe(false);
    expect(riskAllowed('review', allowedRisks('level', moderate))).toBe(true);
    expect(riskAllowed('risky', allowedRisks('level', moderate))).toBe(false);
  });

  it("hides nothing before the settings load, or with 'all'; one risk shows only that risk", () => {
    expect(allowedRisks('level', null)).toBeNull();
    expect(riskAllowed('risky', allowedRisks('all', basic))).toBe(true);
    expect(riskAllowed('safe', allowedRisks('review', aggressive))).toBe(false);
    expect(riskAllowed('review', allowedRisks('review', basic))).toBe(true);
  });

  it('finds the level in force in the settings view, or nothing before it loads', () => {
    const view = { values: { level: 'moderate' }, levels: [basic, moderate, aggressive] } as unknown as SettingsView;
    expect(levelInForce(view)).toBe(moderate);
    expect(levelInForce(null)).toBeNull();
  });

  it('names the risks as the page says them', () => {
    expect(listRisks(['safe'])).toBe('safe');
    expect(listRisks(['safe', 'review'])).toBe('safe and review');
    expect(listRisks(['safe', 'review', 'risky'])).toBe('safe, review and risky');
  });
});
