import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../../src/main/core/store/database';
import { HardwareSnapshotRepository } from '../../../../../src/main/core/store/hardware-snapshots';
import type { HardwareProfile } from '../../../../../src/shared/schemas/hardware';
import { collectHardwareProfile } from '../../../../../src/main/core/hardware/profile';
import { useTempDirs } from '../../../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('HardwareSnapshotRepository', () => {
  it('stores real profiles grouped by machine fingerprint and returns the newest intact', async () => {
    const store = openStore(tempDir());
    const repo = new HardwareSnapshotRepository(store.db);
    const profile = await collectHardwareProfile();
    const later: HardwareProfile = { ...profile, collectedAt: new Date(Date.now() + 1000).toISOString() };
    const otherMachine: HardwareProfile = { ...profile, fingerprint: 'ffffffffffffffff' };

    const firstId = repo.save(profile);
    const secondId = repo.save(later);
    repo.save(otherMachine);

    expect(secondId).toBeGreaterThan(firstId);
    expect(repo.countForMachine(profile.fingerprint)).toBe(2);
    expect(repo.countForMachine('ffffffffffffffff')).toBe(1);
    expect(repo.latest(profile.fingerprint)).toEqual(later);
    expect(repo.latest('0000000000000000')).toBeNull();
    const listed = repo.list(2);
    expect(listed).toHaveLength(2);
    expect(listed[0]!.fingerprint).toBe('ffffffffffffffff');
    expect(listed[1]).toMatchObject({ id: secondId, cpuModel: profile.cpu.model, collectedAt: later.collectedAt });
    store.db.close();
  });
});
