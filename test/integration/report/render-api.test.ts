import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/main/core/engine';
import { apiMethods } from '../../../src/shared/contract';
import { assertBuilt } from '../../helpers/cli';
import { fixtureRepo } from '../../helpers/fixture-project';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
let engine: Engine;
const runIds: number[] = [];

beforeAll(async () => {
  assertBuilt();
  engine = createEngine({ dataDir: tempDir(), shell: 'web' });
  for (const command of ['sleep 0.005', 'sleep 0.006']) {
    const { jobId } = await engine.handlers['bench.startCommand'](
      apiMethods['bench.startCommand'].input.parse({ commands: [command], minRuns: 6, maxRuns: 6, warmupRuns: 1 }),
    );
    const job = await engine.queue.settled(jobId);
    runIds.push(job.resultRef!);
  }
}, 60_000);

afterAll(async () => {
  await engine.close();
});

describe('report.render (the app export buttons)', () => {
  it('renders every format of a stored comparison from real runs', async () => {
    const render = (format: 'json' | 'html' | 'md' | 'csv' | 'pdf') =>
      engine.handlers['report.render']({ runIds, compare: true, format });
    const html = await render('html');
    expect(html).toMatchObject({ fileName: `tunebench-run-${runIds[0]}-vs-${runIds[1]}.html`, encoding: 'utf8' });
    expect(html.content).toContain('<svg');
    expect((await render('md')).content).toContain('| Benchmark | Base | Head |');
    expect((await render('csv')).content.split('\r\n')[0]).toContain('sample_index');
    expect(JSON.parse((await render('json')).content).comparisons).toHaveLength(1);
    const pdf = await render('pdf');
    expect(pdf.encoding).toBe('base64');
    expect(Buffer.from(pdf.content, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  it('refuses a comparison of anything but two runs, and unknown runs', async () => {
    await expect(
      engine.handlers['report.render']({ runIds: [runIds[0]!], compare: true, format: 'md' }),
    ).rejects.toThrow(/exactly two runs/);
    await expect(engine.handlers['report.render']({ runIds: [999], compare: false, format: 'md' })).rejects.toThrow(
      'no run with id 999',
    );
  });

  it('renders a project’s recommendations through the engine’s tuning service (report.renderTune)', async () => {
    const root = fixtureRepo('rust-hash', tempDir());
    const md = await engine.handlers['report.renderTune'](
      apiMethods['report.renderTune'].input.parse({ root, format: 'md' }),
    );
    expect(md).toMatchObject({ fileName: 'tunebench-tune-rust-hash.md', encoding: 'utf8' });
    expect(md.content).toMatch(/### Tuning score: \*\*\d+\*\*\/100/);
    expect(md.content).toContain('| # | Finding | Where | Expected gain |');
    const json = JSON.parse(
      (await engine.handlers['report.renderTune']({ root, format: 'json', runIds: [runIds[0]!], compare: false }))
        .content,
    );
    expect(json.runs.map((run: { id: number }) => run.id)).toEqual([runIds[0]]);
    expect(json.findings.length).toBeGreaterThan(0);
    expect(json.appliedChanges).toEqual([]);
  }, 60_000);
});
