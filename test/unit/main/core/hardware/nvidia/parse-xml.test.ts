import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSmiXml, SmiXmlError } from '../../../../../../src/main/core/hardware/nvidia/parse-xml';
import { GpuProfileSchema } from '../../../../../../src/shared/schemas/hardware';
import { RECORDED_DIR } from '../../../../../helpers/fake-tools';

const recorded = (name: string) => readFileSync(join(RECORDED_DIR, 'nvidia-smi', name), 'utf8');

function parseError(xml: string): SmiXmlError {
  try {
    parseSmiXml(xml);
  } catch (error) {
    expect(error).toBeInstanceOf(SmiXmlError);
    return error as SmiXmlError;
  }
  throw new Error('parseSmiXml accepted the input');
}

describe('parseSmiXml on recorded nvidia-smi -q -x reports', () => {
  it('dual RTX A5000, DTD v13 (gpu_power_readings/current_power_limit)', () => {
    const summary = parseSmiXml(recorded('q-x-dual-rtx-a5000.xml'));
    expect(summary.driverVersion).toBe('590.44.01');
    expect(summary.cudaVersion).toBe('13.1');
    expect(summary.gpus).toHaveLength(2);
    const shared = {
      name: 'NVIDIA RTX A5000',
      vramTotalMiB: 24564,
      driverVersion: '590.44.01',
      cudaVersion: '13.1',
      computeCapability: null,
      powerLimitW: 230,
      pcie: { currentGen: 1, maxGen: 4, currentWidth: 16, maxWidth: 16 },
    };
    expect(summary.gpus[0]).toEqual({ ...shared, index: 0, uuid: 'GPU-12345678-aaaa-bbbb-cccc-0123456789ab' });
    expect(summary.gpus[1]).toEqual({ ...shared, index: 1, uuid: 'GPU-12345678-aaaa-bbbb-cccc-0123456789cd' });
    for (const gpu of summary.gpus) expect(GpuProfileSchema.safeParse(gpu).success).toBe(true);
  });

  it('Tesla T4, DTD v11 (power_readings/power_limit, x8 link on an x16 card)', () => {
    const summary = parseSmiXml(recorded('q-x-tesla-t4.xml'));
    expect(summary.driverVersion).toBe('515.105.01');
    expect(summary.cudaVersion).toBe('11.7');
    expect(summary.gpus).toEqual([
      {
        index: 0,
        name: 'Tesla T4',
        uuid: 'GPU-d37e67a5-91dd-3774-a5cb-99096249601a',
        vramTotalMiB: 15360,
        driverVersion: '515.105.01',
        cudaVersion: '11.7',
        computeCapability: null,
        powerLimitW: 70,
        pcie: { currentGen: 3, maxGen: 3, currentWidth: 8, maxWidth: 16 },
      },
    ]);
  });

  it('A100 with MIG: the whole-GPU memory, not a MIG slice; one <gpu> despite attached_gpus 4', () => {
    const summary = parseSmiXml(recorded('q-x-a100-sxm4-80gb-mig.xml'));
    expect(summary.driverVersion).toBe('535.54.03');
    expect(summary.cudaVersion).toBe('12.2');
    expect(summary.gpus).toHaveLength(1);
    expect(summary.gpus[0]).toEqual({
      index: 0,
      name: 'NVIDIA A100-SXM4-80GB',
      uuid: 'GPU-513536b6-7d19-9063-b049-1e69664bb298',
      // 19968 MiB is each MIG device's fb_memory_usage; the GPU's own total is 81920.
      vramTotalMiB: 81920,
      driverVersion: '535.54.03',
      cudaVersion: '12.2',
      computeCapability: null,
      powerLimitW: 500,
      pcie: { currentGen: 4, maxGen: 4, currentWidth: 16, maxWidth: 16 },
    });
  });
});

describe('parseSmiXml on bad input', () => {
  it('rejects a report cut off half way (as when nvidia-smi dies mid-write)', () => {
    const xml = recorded('q-x-tesla-t4.xml');
    // Cut after a whole element: every tag seen so far is well formed, the document is not.
    const cut = xml.indexOf('</fb_memory_usage>') + '</fb_memory_usage>'.length;
    const error = parseError(xml.slice(0, cut));
    expect(error.name).toBe('SmiXmlError');
    expect(error.message).toMatch(/^nvidia-smi -q -x printed malformed XML: /);
  });

  it('rejects mismatched tags and names the place', () => {
    const error = parseError('<nvidia_smi_log><gpu><product_name>Tesla T4</gpu></nvidia_smi_log>');
    expect(error.message).toContain('malformed XML');
    expect(error.message).toContain('product_name');
    expect(error.message).toMatch(/line 1, col \d+/);
  });

  it('rejects non-XML text, quoting how it began', () => {
    const error = parseError('Failed to initialize NVML: Driver/library version mismatch\n');
    expect(error.message).toContain('did not print an <nvidia_smi_log> document');
    expect(error.message).toContain('it began with "Failed to initialize NVML: Driver/library version mismatch"');
  });

  it('rejects an XML document whose root is not <nvidia_smi_log>', () => {
    const error = parseError('<?xml version="1.0"?>\n<gpu_log><gpu><product_name>x</product_name></gpu></gpu_log>');
    expect(error.message).toContain('<nvidia_smi_log>');
  });

  it('rejects empty output', () => {
    expect(parseError('').message).toContain('<nvidia_smi_log>');
  });
});
