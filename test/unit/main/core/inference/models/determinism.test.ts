import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildModel, builtinModels } from '../../../../../../src/main/core/inference/models/catalog';

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('buildModel determinism', () => {
  it('builds byte-identical models twice, for all 12', () => {
    for (const { id, precision } of builtinModels()) {
      const first = sha(buildModel(id, precision).bytes);
      expect(sha(buildModel(id, precision).bytes), `${id}-${precision}`).toBe(first);
    }
  });

  it('changes the weights, and only them, with the seed', () => {
    const a = buildModel('mlp', 'fp32');
    const b = buildModel('mlp', 'fp32', { seed: 2 });
    expect(sha(a.bytes)).not.toBe(sha(b.bytes));
    expect(b.bytes.length).toBe(a.bytes.length);
    expect(b.info.seed).toBe(2);
  });
});
