import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  loadCpuAddon,
  NativeAddonMissingError,
  tbExecPath,
} from '../../../../../../src/main/core/bench/native/cpu-addon';
import { nativeCpuBuildDir } from '../../../../../../src/main/core/bench/native/native-dir';

const saved = process.env.TUNEBENCH_NATIVE_DIR;
afterEach(() => {
  if (saved === undefined) delete process.env.TUNEBENCH_NATIVE_DIR;
  else process.env.TUNEBENCH_NATIVE_DIR = saved;
});

describe('loadCpuAddon', () => {
  it('finds native/cpu/build/Release by walking up from the source tree', () => {
    delete process.env.TUNEBENCH_NATIVE_DIR;
    expect(nativeCpuBuildDir()).toBe(join(process.cwd(), 'native', 'cpu', 'build', 'Release'));
  });

  it('throws NativeAddonMissingError with the build hint when TUNEBENCH_NATIVE_DIR has no addon', () => {
    const empty = mkdtempSync(join(os.tmpdir(), 'tunebench-native-'));
    try {
      process.env.TUNEBENCH_NATIVE_DIR = empty;
      expect(() => loadCpuAddon()).toThrow(NativeAddonMissingError);
      expect(() => loadCpuAddon()).toThrow(
        'native CPU kernels are not built: run `npm run build:native` (needs a C++ compiler)',
      );
      expect(tbExecPath()).toBeNull();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
