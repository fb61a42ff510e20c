import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAKE_NVIDIA_SMI } from '../helpers/fake-tools';
import { ARTIFACTS, useApp } from '../helpers/e2e-app';

// No GPU here: the fake nvidia-smi replays recorded real outputs. The profile comes from a dual
// RTX A5000 report and the telemetry stream from an RTX 4080 SUPER capture (the only recorded
// query with every telemetry field), so this checks the GPU path of the UI, not one real machine.
const e2e = useApp({
  name: 'gpu',
  env: { TUNEBENCH_NVIDIA_SMI: FAKE_NVIDIA_SMI, FAKE_SMI_XML: 'q-x-dual-rtx-a5000.xml' },
});

describe('Hardware page with NVIDIA GPUs (recorded nvidia-smi outputs)', () => {
  it('lists the GPUs from the XML report and charts GPU telemetry from the query stream', async () => {
    const page = e2e.app.page;
    await page.setViewportSize({ width: 1280, height: 900 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await e2e.app.load('hardware');
    const gpuCard = page.getByRole('region', { name: 'NVIDIA GPU' });
    await gpuCard.waitFor();
    const text = await gpuCard.innerText();
    expect(text).toMatch(/present/i);
    expect(text.match(/NVIDIA RTX A5000/g)).toHaveLength(2);
    expect(text).toContain('24564 MiB');
    expect(text).toContain('590.44.01 / 13.1');
    const gpuChart = page.getByRole('figure', { name: 'GPU utilisation (%)' });
    await gpuChart.waitFor({ timeout: 15_000 });
    await expect.poll(() => gpuChart.innerText(), { timeout: 10_000 }).toMatch(/GPU 0 \d+ % · [\d.]+ W · \d+ °C/);
    await page.screenshot({ path: join(ARTIFACTS, 'hardware-page-gpu.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
