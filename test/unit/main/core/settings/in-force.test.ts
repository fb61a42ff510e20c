import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { highestRisk, levelInfos, levelRisks } from '../../../../../src/main/core/settings/defaults';
import { settingsInForce } from '../../../../../src/main/core/settings/in-force';
import { useTempDirs } from '../../../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('settingsInForce (what the CLI reads its defaults from)', () => {
  it('resolves environment over file over defaults, with each source named, without printing', () => {
    const home = tempDir();
    writeFileSync(join(home, 'settings.json'), JSON.stringify({ level: 'aggressive', telemetryHz: 5 }));
    const view = settingsInForce(home, { TUNEBENCH_TELEMETRY_HZ: '10' });
    expect(view.values.level).toBe('aggressive');
    expect(view.sources.level.source).toBe('stored');
    expect(view.values.telemetryHz).toBe(10);
    expect(view.sources.telemetryHz.source).toBe('env');
    expect(view.warnings).toEqual([]);
  });

  it('returns bad values as warnings and falls back to the file or the default', () => {
    const home = tempDir();
    writeFileSync(join(home, 'settings.json'), JSON.stringify({ level: 'moderate' }));
    const view = settingsInForce(home, { TUNEBENCH_LEVEL: 'ludicrous', TUNEBENCH_TELEMETRY_HZ: '50' });
    expect(view.values.level).toBe('moderate');
    expect(view.values.telemetryHz).toBe(2);
    expect(view.warnings).toHaveLength(2);
    expect(view.warnings[0]).toMatch(/TUNEBENCH_LEVEL="ludicrous" is not valid/);
  });
});

describe('the tune --risk default follows the level', () => {
  it('is the highest risk the level suggests', () => {
    expect(highestRisk('basic')).toBe('safe');
    expect(highestRisk('moderate')).toBe('review');
    expect(highestRisk('aggressive')).toBe('risky');
  });

  it('agrees with the level descriptions the Settings page shows', () => {
    for (const info of levelInfos()) {
      expect(levelRisks(info.id)).toEqual(info.risks);
      expect(highestRisk(info.id)).toBe(info.risks.at(-1));
    }
  });
});
