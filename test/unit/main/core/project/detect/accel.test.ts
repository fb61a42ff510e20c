import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectAccelerators } from '../../../../../../src/main/core/project/detect/accel';
import type { DetectContext } from '../../../../../../src/main/core/project/types';
import { at, factOf, fixtureContext, stackOf } from './fixture-context';

/** A real safetensors file: 8-byte little-endian header length, JSON header, then the tensor bytes. */
function safetensors(values: number[]): Buffer {
  const data = Buffer.from(new Float32Array(values).buffer);
  const header = Buffer.from(
    JSON.stringify({ weight: { dtype: 'F32', shape: [values.length], data_offsets: [0, data.length] } }),
  );
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(header.length));
  return Buffer.concat([length, header, data]);
}

describe('accelerator detector', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('counts CUDA sources and points at the first kernel file', async () => {
    const out = await detectAccelerators(fixtureContext('polyglot'));
    const cuda = stackOf(out.stacks, 'cuda', 'native/kernels');
    const sources = factOf(cuda, 'cuda.sources');
    expect(sources.value).toBe(2);
    expect(sources.label).toBe('1 .cu and 1 .cuh files');
    expect(at(sources.evidence)).toBe('native/kernels/saxpy.cu:-');
    expect(out.stacks.some((s) => s.id === 'models')).toBe(false);
  });

  it('lists model files with the sizes the scan measured', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tunebench-models-'));
    const model = safetensors([1, 2, 3, 4]);
    writeFileSync(join(dir, 'weights.safetensors'), model);
    const context: DetectContext = {
      root: dir,
      files: ['weights.safetensors', 'README.md'],
      read: () => Promise.resolve(null),
      size: (path) => (path === 'weights.safetensors' ? model.length : undefined),
    };
    const out = await detectAccelerators(context);
    const models = stackOf(out.stacks, 'models', '');
    expect(factOf(models, 'models.count').value).toBe(1);
    expect(factOf(models, 'models.formats').value).toEqual(['safetensors']);
    expect(factOf(models, 'models.totalBytes').value).toBe(model.length);
    expect(at(factOf(models, 'models.file', 'weights.safetensors').evidence)).toBe('weights.safetensors:-');
  });

  it('finds nothing in a project without kernels or models', async () => {
    const out = await detectAccelerators(fixtureContext('vite-react'));
    expect(out).toEqual({ stacks: [], commands: [], problems: [] });
  });
});
