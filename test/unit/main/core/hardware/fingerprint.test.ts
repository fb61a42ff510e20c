import { describe, expect, it } from 'vitest';
import { type FingerprintInput, machineFingerprint } from '../../../../../src/main/core/hardware/fingerprint';

const GiB = 2 ** 30;
const base: FingerprintInput = {
  machineId: 'c0ffee00c0ffee00c0ffee00c0ffee00',
  cpuModel: 'AMD EPYC',
  threads: 2,
  memoryTotalBytes: 16 * GiB,
  gpuUuids: ['GPU-12345678-aaaa-bbbb-cccc-0123456789ab', 'GPU-12345678-aaaa-bbbb-cccc-0123456789cd'],
};

describe('machineFingerprint', () => {
  it('is a 16-hex-digit id, identical for identical input', () => {
    const first = machineFingerprint(base);
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(machineFingerprint({ ...base, gpuUuids: [...base.gpuUuids] })).toBe(first);
  });

  it('does not depend on GPU order and does not reorder the caller array', () => {
    const reversed = [...base.gpuUuids].reverse();
    expect(machineFingerprint({ ...base, gpuUuids: reversed })).toBe(machineFingerprint(base));
    expect(reversed[0]).toBe('GPU-12345678-aaaa-bbbb-cccc-0123456789cd');
  });

  it('changes when a GPU is added or removed', () => {
    const added = machineFingerprint({
      ...base,
      gpuUuids: [...base.gpuUuids, 'GPU-d37e67a5-91dd-3774-a5cb-99096249601a'],
    });
    const removed = machineFingerprint({ ...base, gpuUuids: base.gpuUuids.slice(0, 1) });
    expect(added).not.toBe(machineFingerprint(base));
    expect(removed).not.toBe(machineFingerprint(base));
    expect(added).not.toBe(removed);
  });

  it('rounds memory to whole GiB: boot-to-boot jitter keeps the id, added RAM changes it', () => {
    const id = machineFingerprint(base);
    expect(machineFingerprint({ ...base, memoryTotalBytes: 16 * GiB - 200 * 2 ** 20 })).toBe(id);
    expect(machineFingerprint({ ...base, memoryTotalBytes: 16 * GiB + 300 * 2 ** 20 })).toBe(id);
    expect(machineFingerprint({ ...base, memoryTotalBytes: 32 * GiB })).not.toBe(id);
    expect(machineFingerprint({ ...base, memoryTotalBytes: 17 * GiB })).not.toBe(id);
  });

  it('ignores case and surrounding space of the machine id and space around the CPU model', () => {
    const id = machineFingerprint(base);
    expect(machineFingerprint({ ...base, machineId: ` ${base.machineId.toUpperCase()}\n` })).toBe(id);
    expect(machineFingerprint({ ...base, cpuModel: ' AMD EPYC ' })).toBe(id);
  });

  it('changes with the machine id, CPU model and thread count', () => {
    const id = machineFingerprint(base);
    expect(machineFingerprint({ ...base, machineId: '' })).not.toBe(id);
    expect(machineFingerprint({ ...base, cpuModel: 'AMD EPYC 7763' })).not.toBe(id);
    expect(machineFingerprint({ ...base, threads: 4 })).not.toBe(id);
  });
});
