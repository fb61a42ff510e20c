import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, useApp } from '../helpers/e2e-app';

// openvino-node cannot be installed here (Node 21+, runtime download): the app loads the stand-in
// addon, which lists a CPU and an NPU from recorded OpenVINO outputs and runs models with real
// onnxruntime. What this proves is the app's side: availability, the run and the matrix.
const FAKE = fileURLToPath(new URL('../helpers/fake-openvino.mjs', import.meta.url));
const e2e = useApp({
  name: 'inference-openvino',
  env: { TUNEBENCH_OPENVINO_MODULE: FAKE, TUNEBENCH_FAKE_OPENVINO_DEVICES: 'CPU,NPU' },
  viewport: { width: 1280, height: 1000 },
});

describe('OpenVINO devices on the Benchmarks page (stand-in addon)', () => {
  it("offers the NPU OpenVINO lists, runs the MLP there and on AUTO, and shows where each ran (AUTO's fallback in red)", async () => {
    const { page } = e2e.app;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await e2e.app.goto('benchmarks');
    const form = page.getByRole('form', { name: 'Choose inference benchmarks' });
    const devices = form.getByRole('group', { name: 'Devices' });
    const npu = devices.getByRole('checkbox', { name: 'openvino-npu' });
    await npu.waitFor({ timeout: 30_000 });
    expect(await npu.isDisabled()).toBe(false);
    expect(await devices.getByRole('checkbox', { name: 'openvino-cpu' }).isDisabled()).toBe(false);
    // A GPU OpenVINO does not list stays disabled, with the devices it does list as the reason.
    const gpu = devices.getByRole('checkbox', { name: 'openvino-gpu' });
    expect(await gpu.isDisabled()).toBe(true);
    const reason = page.locator(`[id="${await gpu.getAttribute('aria-describedby')}"]`);
    expect(await reason.innerText()).toMatch(/lists no GPU device \(it lists CPU, NPU\)/);

    // Only the MLP, FP32, batch 1, on the NPU.
    const models = form.getByRole('group', { name: 'Models' });
    const checkedModels = models.getByRole('checkbox', { checked: true });
    while ((await checkedModels.count()) > 0) await checkedModels.first().uncheck();
    await models.getByRole('checkbox', { name: /^MLP/ }).check();
    for (const name of ['FP16', 'INT8', 'batch 8']) {
      const box = form.getByRole('checkbox', { name });
      if (await box.isChecked()) await box.uncheck();
    }
    const checkedDevices = devices.getByRole('checkbox', { checked: true });
    while ((await checkedDevices.count()) > 0) await checkedDevices.first().uncheck();
    await npu.check();
    // AUTO too: the recorded AUTO run ended on the CPU although an NPU is listed, a silent fallback.
    await devices.getByRole('checkbox', { name: 'openvino-auto' }).check();
    expect(await form.getByTestId('inference-estimate').innerText()).toMatch(/^2 benchmarks, /);
    await form.getByRole('button', { name: 'Run inference benchmarks' }).click();

    const matrix = page.getByRole('table', { name: 'Inference: models by precision, device and batch' });
    await matrix.waitFor({ timeout: 90_000 });
    const cell = await matrix.innerText();
    expect(cell).toMatch(/FP32 · openvino-npu · b1/);
    expect(cell).toMatch(/[\d.]+ (ms|µs) ± [\d.]+ % \(n=\d+\)/);
    expect(cell).toMatch(/peak [\d.]+ MiB, model \+[\d.]+ MiB \(n=1\)/);
    expect(cell).toMatch(/cos 1 vs FP32/);
    expect(cell).toMatch(/ran on NPU/);
    expect(cell).toMatch(/FP32 · openvino-auto · b1/);
    const fallback = matrix.locator('.error', { hasText: 'AUTO ran on the CPU although NPU is available' });
    expect(await fallback.count()).toBe(1);
    // The notes of the result say where OpenVINO ran it and what it reshaped for the NPU.
    const notes = await page.getByRole('table').filter({ hasText: 'execution devices: NPU' }).innerText();
    expect(notes).toMatch(/execution devices: NPU/);
    expect(notes).toMatch(/reshaped: reshaped to static shapes for the NPU: \w+=1x\d+/);
    expect(notes).toMatch(/settings: openvino-npu \(NPU\), hint LATENCY/);
    await page.screenshot({ path: join(ARTIFACTS, 'benchmarks-inference-openvino-npu.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 150_000);

  it('tunes on the OpenVINO devices too: their hint and requests appear in the chart and its table', async () => {
    const { page } = e2e.app;
    const form = page.getByRole('form', { name: 'Auto-tune inference settings' });
    await form.getByLabel('Objective').selectOption({ label: 'throughput' });
    await form.getByLabel('Budget (s)').fill('8');
    await form.getByRole('button', { name: 'Tune' }).click();
    const best = page.getByRole('region', { name: 'Best for throughput' });
    await best.waitFor({ timeout: 120_000 });
    const chart = page.getByRole('figure', { name: /Latency and throughput of the tuned configurations/ });
    await chart.getByText(/All \d+ configurations as a table/).click();
    const table = await chart.getByRole('table', { name: 'Tuned configurations: latency and throughput' }).innerText();
    // The first round's sample is seeded, so the same space gives the same candidates: OpenVINO ones
    // among them (hint and requests in their keys) next to onnxruntime's defaults.
    expect(table).toMatch(/openvino-(cpu|npu)\/(fp32|fp16|int8)\/b\d+\/hint-(latency|throughput)\/r[124]/);
    expect(table).toMatch(/cpu\/fp32\/b1\/intra0\/inter0\/opt-all\/sequential\t.*defaults/);
    const library =
      (await best.innerText()).includes('openvino-npu') || (await best.innerText()).includes('openvino-cpu')
        ? 'openvino-node'
        : 'onnxruntime-node';
    expect(await best.getByLabel('JavaScript snippet, Best for throughput').innerText()).toContain(library);
    await page.screenshot({ path: join(ARTIFACTS, 'benchmarks-inference-openvino-tuning.png'), fullPage: true });
  }, 180_000);
});
