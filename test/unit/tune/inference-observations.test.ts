import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/main/core/store/database';
import { RunRepository } from '../../../src/main/core/store/runs';
import { inferenceObservations } from '../../../src/main/core/tune/inference-observations';
import { latencyResult } from '../../helpers/benchmark-result';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

const result = latencyResult;

describe('inference observations for the model rules', () => {
  it("keeps the project's own models, with precision, device, settings and agreement, and drops built-ins", () => {
    const store = openStore(tempDir());
    try {
      store.db
        .prepare(
          'INSERT INTO machines (fingerprint, cpu_model, hostname, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)',
        )
        .run('fp', 'CPU', 'host', 'now', 'now');
      const runs = new RunRepository(store.db);
      const root = '/work/project';
      const id = runs.start('inference', 'inference', 'fp', { preset: 'inference', level: 'basic', options: {} });
      const settings = { intraOpThreads: 2, interOpThreads: 0, graphOptimization: 'all', executionMode: 'sequential' };
      runs.addResult(
        id,
        result(
          'a',
          {
            modelPath: join(root, 'models/detector-fp32.onnx'),
            precision: 'fp32',
            device: 'cpu',
            batch: 1,
            ...settings,
          },
          [2, 2.1, 2.2, 2, 2.1, 2],
        ),
      );
      runs.addResult(
        id,
        result(
          'b',
          {
            modelPath: join(root, 'models/detector-int8.onnx'),
            precision: 'int8',
            device: 'cpu',
            batch: 1,
            ...settings,
          },
          [1, 1.1, 1, 1, 1.1, 1],
          { accuracy: '⚠ output disagrees' },
        ),
      );
      runs.addResult(id, result('b:rss', { modelPath: join(root, 'models/detector-int8.onnx') }, [5, 5, 5, 5, 5, 5]));
      runs.addResult(
        id,
        result(
          'c',
          { modelPath: '/data/tunebench/models/mlp-fp32.onnx', precision: 'fp32', device: 'cpu', batch: 1 },
          [1, 1, 1, 1, 1, 1],
        ),
      );
      runs.finish(id, 'completed', { failures: [], warnings: [] });

      const observations = inferenceObservations(runs, root);
      expect(observations.map((o) => [o.file, o.model, o.precision, o.agreementOk])).toEqual([
        ['models/detector-fp32.onnx', 'detector', 'fp32', true],
        ['models/detector-int8.onnx', 'detector', 'int8', false],
      ]);
      expect(observations[0]).toMatchObject({ device: 'cpu', batch: 1, n: 6, settings });
      expect(observations[0]!.latencyMsP50).toBeCloseTo(2.05, 10);
      expect(inferenceObservations(null, root)).toEqual([]);
    } finally {
      store.db.close();
    }
  });
});
