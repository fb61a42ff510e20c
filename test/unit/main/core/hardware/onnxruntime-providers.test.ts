import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeProviders } from '../../../../../src/main/core/hardware/onnxruntime-providers';
import { useTempDirs } from '../../../../helpers/temp-dir';

describe('describeProviders', () => {
  const tempDir = useTempDirs();
  // listSupportedBackends() of onnxruntime-node 1.30 on linux/x64, as printed here.
  const backends = [
    { name: 'cpu', bundled: true },
    { name: 'webgpu', bundled: true },
    { name: 'cuda', bundled: false },
    { name: 'tensorrt', bundled: false },
  ];

  it('names the one command that fetches a missing CUDA provider', () => {
    const providers = describeProviders({ version: '1.30.0', backends, bindingDir: tempDir() });
    expect(providers.map((p) => [p.name, p.status])).toEqual([
      ['cpu', 'present'],
      ['webgpu', 'present'],
      ['cuda', 'absent'],
      ['tensorrt', 'absent'],
    ]);
    expect(providers.find((p) => p.name === 'cuda')?.remedy).toMatch(/^run `npm run install:cuda-provider`/);
  });

  it('sees a provider fetched next to the binding as present', () => {
    const bindingDir = tempDir();
    writeFileSync(join(bindingDir, 'libonnxruntime_providers_cuda.so'), '');
    const cuda = describeProviders({ version: '1.30.0', backends, bindingDir }).find((p) => p.name === 'cuda');
    expect(cuda).toMatchObject({ status: 'present' });
  });
});
