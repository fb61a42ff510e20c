import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifySmiFailure, nvidiaSmiPath } from '../../../../../../src/main/core/hardware/nvidia/smi-errors';
import { RECORDED_DIR } from '../../../../../helpers/fake-tools';

const recorded = (name: string) => readFileSync(join(RECORDED_DIR, 'nvidia-smi', name), 'utf8');

describe('classifySmiFailure on recorded nvidia-smi errors', () => {
  it('no driver → absent, driver not running', () => {
    const result = classifySmiFailure(recorded('error-no-driver.txt'), 9);
    expect(result.status).toBe('absent');
    expect(result.reason).toBe('NVIDIA driver not running: nvidia-smi could not talk to it');
    expect(result.remedy).toContain('driver');
  });

  it('version mismatch (old one-line form) → unknown, mismatch', () => {
    const result = classifySmiFailure(recorded('error-version-mismatch.txt'), 255);
    expect(result.status).toBe('unknown');
    expect(result.reason).toBe('NVIDIA driver/library version mismatch (the driver was updated without a reboot)');
    expect(result.remedy).toContain('reboot');
  });

  it('version mismatch with the NVML version line → same classification', () => {
    const result = classifySmiFailure(recorded('error-version-mismatch-nvml-version.txt'), 255);
    expect(result.status).toBe('unknown');
    expect(result.reason).toContain('version mismatch');
  });

  it('finds the message among other output, e.g. stdout + "\\n" + empty stderr', () => {
    expect(classifySmiFailure(`\n${recorded('error-no-driver.txt')}\n`, 9).status).toBe('absent');
  });
});

describe('classifySmiFailure on other output', () => {
  it('"No devices were found" → absent', () => {
    expect(classifySmiFailure('No devices were found\n', 6)).toEqual({
      status: 'absent',
      reason: 'nvidia-smi found no NVIDIA GPU',
    });
  });

  it('insufficient permissions → unknown with the video group remedy', () => {
    const result = classifySmiFailure('Insufficient Permissions', 4);
    expect(result.status).toBe('unknown');
    expect(result.remedy).toContain('video group');
  });

  it('anything else → unknown with the exit code and the first line only', () => {
    const result = classifySmiFailure('  Unable to determine the device handle\nsecond line\n', 15);
    expect(result.status).toBe('unknown');
    expect(result.reason).toBe('nvidia-smi failed (exit 15): Unable to determine the device handle');
  });

  it('killed by a signal with no output', () => {
    expect(classifySmiFailure('', null).reason).toBe('nvidia-smi failed (exit signal)');
  });
});

describe('nvidiaSmiPath', () => {
  it('uses TUNEBENCH_NVIDIA_SMI when set and non-empty, else nvidia-smi from PATH', () => {
    expect(nvidiaSmiPath({ TUNEBENCH_NVIDIA_SMI: '/opt/nv/bin/nvidia-smi' })).toBe('/opt/nv/bin/nvidia-smi');
    expect(nvidiaSmiPath({ TUNEBENCH_NVIDIA_SMI: '' })).toBe('nvidia-smi');
    expect(nvidiaSmiPath({})).toBe('nvidia-smi');
  });
});
