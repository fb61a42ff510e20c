import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, useApp } from '../helpers/e2e-app';

const e2e = useApp({ name: 'overview-scores', viewport: { width: 1280, height: 900 }, removeHome: true });

interface Result {
  id: string;
  unit: string;
  params: Record<string, unknown>;
  summary: { n: number; median: number; medianCi: [number, number] | null };
}

/** Waits for a job to end and returns its stored run id. */
async function settled(jobId: string): Promise<number> {
  for (;;) {
    const job = (
      await e2e.app.call<{ id: string; status: string; error: string | null; resultRef: number | null }[]>('bench.jobs')
    ).find((j) => j.id === jobId);
    if (job && job.status !== 'queued' && job.status !== 'running') {
      if (job.status !== 'completed') throw new Error(`job ${jobId} ${job.status}: ${job.error}`);
      return job.resultRef!;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('Overview machine card: latest suite figures', () => {
  it('says what to run before any run, then shows GEMM, STREAM and inference figures with unit, CI and n', async () => {
    const page = e2e.app.page;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    // Nothing measured yet: what to run, with a link to the Benchmarks page; GPU/NPU say why not.
    await e2e.app.goto();
    const scores = page.getByRole('region', { name: 'Machine' }).getByRole('group', { name: /Latest suite figures/ });
    await expect
      .poll(() => scores.innerText(), { timeout: 30_000 })
      .toMatch(/CPU suite\s+not measured yet — run the Quick preset on the Benchmarks page/);
    expect(await scores.innerText()).toMatch(/GPU inference\s+no suite result — \S/);
    expect(await scores.innerText()).toMatch(/NPU inference\s+no suite result — \S/);
    await scores.getByRole('link', { name: 'Benchmarks page' }).first().click();
    await page.getByRole('heading', { name: 'Benchmarks', level: 1 }).waitFor();

    // A tiny CPU run (GEMM and STREAM triad only) and one built-in MLP inference run, through the API.
    const cpuRun = await settled(
      (await e2e.app.call<{ jobId: string }>('bench.start', { suite: 'cpu', preset: 'quick', only: ['gemm', 'triad'] }))
        .jobId,
    );
    const inferenceRun = await settled(
      (await e2e.app.call<{ jobId: string }>('bench.startInference', { models: ['builtin:mlp'], devices: ['cpu'] }))
        .jobId,
    );
    const cpu = await e2e.app.call<{ results: Result[] }>('bench.run', { id: cpuRun });
    const gemm = cpu.results
      .filter((r) => r.id.startsWith('gemm-'))
      .reduce((a, b) => (b.summary.median > a.summary.median ? b : a));
    const triad = cpu.results
      .filter((r) => r.id.startsWith('triad-'))
      .reduce((a, b) => (b.summary.median > a.summary.median ? b : a));
    const mlp = (await e2e.app.call<{ results: Result[] }>('bench.run', { id: inferenceRun })).results.find(
      (r) => r.params.device === 'cpu',
    )!;

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    // Figures, not the "reading the stored runs…" rows shown while they load.
    await expect.poll(() => scores.innerText(), { timeout: 30_000 }).toMatch(/GFLOP\/s[\s\S]*GB\/s[\s\S]* ms /);
    const text = await scores.innerText();
    // The best GEMM thread count of that run, its CI and n, with the run named.
    expect(text).toMatch(
      new RegExp(
        `FP32 GEMM peak\\s+[\\d.]+ GFLOP/s \\(95 % CI [\\d.]+–[\\d.]+, n=${gemm.summary.n}\\) · FP32 GEMM 512³, \\d+ threads?, run #${cpuRun}`,
      ),
    );
    expect(text).toMatch(
      new RegExp(
        `STREAM triad\\s+[\\d.]+ GB/s \\(95 % CI [\\d.]+–[\\d.]+, n=${triad.summary.n}\\) · STREAM triad, \\d+ threads?, run #${cpuRun}`,
      ),
    );
    expect(text).toMatch(
      new RegExp(
        `CPU inference\\s+[\\d.]+ ms \\(95 % CI [\\d.]+–[\\d.]+, n=${mlp.summary.n}\\) · MLP.*run #${inferenceRun}`,
      ),
    );
    // The shown GEMM median is the stored one at three significant digits.
    const shown = Number(/FP32 GEMM peak\s+([\d.]+) GFLOP\/s/.exec(text)![1]);
    expect(Math.abs(shown - gemm.summary.median) / gemm.summary.median).toBeLessThan(0.01);
    expect(text).not.toContain('not measured yet');
    expect(text).toMatch(/GPU inference\s+no suite result — \S/);
    await page.getByRole('region', { name: 'Machine' }).screenshot({ path: join(ARTIFACTS, 'overview-scores.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'overview-scores-page.png'), fullPage: true });

    expect(errors).toEqual([]);
  }, 240_000);
});
