import os from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, useApp } from '../helpers/e2e-app';

const e2e = useApp({ name: 'inference-choice', viewport: { width: 1280, height: 1000 } });

describe('Choosing inference benchmarks on the Benchmarks page', () => {
  it('runs only pretrained Silero VAD on the CPU at batch 1, after refusing a model path that does not exist', async () => {
    const { page } = e2e.app;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await e2e.app.goto('benchmarks');
    const form = page.getByRole('form', { name: 'Choose inference benchmarks' });
    const models = form.getByRole('group', { name: 'Models' });
    const devices = form.getByRole('group', { name: 'Devices' });
    const estimate = form.getByTestId('inference-estimate');
    await models.getByRole('checkbox').first().waitFor({ timeout: 30_000 });

    // The lists (and the CPU presets above) arrive after the page: the room kept for them means nothing jumps.
    // A script string: the tests are compiled without the DOM's types. Buffered entries include every shift so far.
    const shift = await page.evaluate<number>(`new Promise((resolve) => {
      let total = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) total += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
      setTimeout(() => resolve(total), 300);
    })`);
    expect(shift).toBeLessThan(0.01);

    // Today's default: every built-in model, FP32/FP16/INT8, batch 1 and 8, on the devices present.
    const present = await devices.getByRole('checkbox', { disabled: false }).count();
    expect(await estimate.innerText()).toMatch(
      new RegExp(`^${4 * 3 * 2 * present} benchmarks, about \\d+ min at the basic level \\(estimate: about 5 s each`),
    );

    // A device that cannot run here is disabled, and its reason is on the page, not only in a tooltip.
    const unavailable = devices.getByRole('checkbox', { disabled: true });
    expect(await unavailable.count()).toBeGreaterThan(0);
    for (const box of await unavailable.all()) {
      const reason = page.locator(`[id="${await box.getAttribute('aria-describedby')}"]`);
      expect(await reason.isVisible()).toBe(true);
      expect(await reason.innerText()).toMatch(/^[\w-]+(, [\w-]+)* not available here: .{10,}/);
    }
    // Pretrained models come with their package and licence.
    const silero = models.getByRole('checkbox', { name: /Silero VAD/ });
    expect(await silero.isChecked()).toBe(false);
    const sileroNote = page.locator(`[id="${await silero.getAttribute('aria-describedby')}"]`);
    expect(await sileroNote.innerText()).toMatch(/^@jjhbw\/silero-vad@1\.0\.3 · licence MIT/);

    // Only Silero VAD, on the CPU, at batch 1: the estimate follows every change.
    const checkedModels = models.getByRole('checkbox', { checked: true });
    while ((await checkedModels.count()) > 0) await checkedModels.first().uncheck();
    expect(await estimate.innerText()).toBe('Choose at least one model.');
    await silero.check();
    const otherDevices = devices.locator('label', { hasNotText: /^cpu$/ }).getByRole('checkbox', { checked: true });
    while ((await otherDevices.count()) > 0) await otherDevices.first().uncheck();
    await form.getByRole('checkbox', { name: 'batch 8' }).uncheck();
    expect(await estimate.innerText()).toMatch(/^1 benchmark, under a minute at the basic level \(estimate/);

    // A model path that does not exist: counted, sent, and refused by the engine with the path named.
    const missing = join(os.tmpdir(), 'tunebench-no-such-model.onnx');
    await form.getByLabel('Your own .onnx file (optional)').fill(missing);
    expect(await estimate.innerText()).toMatch(/^2 benchmarks, under a minute/);
    await form.getByRole('button', { name: 'Run inference benchmarks' }).click();
    const alert = page.getByRole('alert').filter({ hasText: missing });
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.innerText()).toContain(`model file not found: ${missing}`);

    await form.getByLabel('Your own .onnx file (optional)').fill('');
    await form.getByRole('button', { name: 'Run inference benchmarks' }).click();
    const matrix = page.getByRole('table', { name: 'Inference: models by precision, device and batch' });
    await matrix.waitFor({ timeout: 90_000 });
    const text = await matrix.innerText();
    expect(text).toMatch(/silero_vad/);
    expect(text).toMatch(/FP32 · cpu · b1/);
    // Latency with its unit, its spread and the sample count.
    expect(text).toMatch(/[\d.]+ (ms|µs) ± [\d.]+ % \(n=\d+\)/);
    expect(text).not.toMatch(/b8|mlp|FP16/);
    expect(await alert.count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'benchmarks-inference-choice.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 150_000);

  it('tunes the pretrained Silero VAD as shipped (FP32) from the same card', async () => {
    const { page } = e2e.app;
    const form = page.getByRole('form', { name: 'Auto-tune inference settings' });
    await form.getByLabel('Model').selectOption('pretrained:silero-vad');
    await form.getByLabel('Budget (s)').fill('3');
    await form.getByRole('button', { name: 'Tune' }).click();
    const latency = page.getByRole('region', { name: 'Best for latency' });
    await latency.waitFor({ timeout: 60_000 });
    expect(await latency.innerText()).toMatch(/cpu · FP32 · batch 1 · /);
    expect(await latency.getByLabel('JavaScript snippet, Best for latency').innerText()).toContain('silero_vad.onnx');
    expect(await page.getByRole('region', { name: 'Tuning: pretrained:silero-vad' }).count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'benchmarks-inference-choice-tuning.png'), fullPage: true });

    // The chips are plain checkboxes: Tab reaches them and Space toggles them.
    const choose = page.getByRole('form', { name: 'Choose inference benchmarks' });
    await choose.getByRole('checkbox', { name: 'batch 8' }).focus();
    await page.keyboard.press('Tab');
    const batch32 = choose.getByRole('checkbox', { name: 'batch 32' });
    expect(await batch32.evaluate((e) => e === e.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Space');
    expect(await batch32.isChecked()).toBe(true);
    await choose
      .getByRole('group', { name: 'Batch sizes' })
      .screenshot({ path: join(ARTIFACTS, 'inference-choice-focus.png') });
  }, 90_000);
});
