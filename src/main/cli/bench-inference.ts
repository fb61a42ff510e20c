import { Command, InvalidArgumentError } from 'commander';
import { LevelSchema, type Level } from '../../shared/schemas/bench';
import { createCliEngine } from './engine-for-cli';
import { formatRun } from './format-run';
import { progressPrinter } from './progress-bar';

type Device = 'cpu' | 'cuda' | 'tensorrt' | 'openvino-cpu' | 'openvino-gpu' | 'openvino-npu' | 'openvino-auto';
const DEVICES: Record<string, Device[]> = {
  cpu: ['cpu'],
  cuda: ['cuda'],
  tensorrt: ['tensorrt'],
  npu: ['openvino-npu'],
  gpu: ['cuda', 'openvino-gpu'],
  openvino: ['openvino-cpu'],
  all: ['cpu', 'cuda', 'tensorrt', 'openvino-cpu', 'openvino-gpu', 'openvino-npu'],
};

function list(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function devices(value: string): Device[] {
  return [
    ...new Set(
      list(value).flatMap((name) => {
        const mapped = DEVICES[name];
        if (!mapped) throw new InvalidArgumentError(`unknown device ${name}: use ${Object.keys(DEVICES).join(', ')}`);
        return mapped;
      }),
    ),
  ];
}

function precisions(value: string): Array<'fp32' | 'fp16' | 'int8'> {
  const items = list(value);
  for (const p of items)
    if (!['fp32', 'fp16', 'int8'].includes(p)) throw new InvalidArgumentError('use fp32, fp16 and/or int8');
  return items as Array<'fp32' | 'fp16' | 'int8'>;
}

function batches(value: string): number[] {
  return list(value).map((v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('batch sizes are positive integers, e.g. 1,8,32');
    return n;
  });
}

function level(value: string): Level {
  const parsed = LevelSchema.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError('must be basic, moderate or aggressive');
  return parsed.data;
}

export function benchInferenceCommand(): Command {
  return new Command('inference')
    .description(
      'Benchmark ONNX models: built-in (mlp, cnn, mobilenet, transformer) or yours; latency, throughput, accuracy vs CPU FP32',
    )
    .option(
      '-m, --model <model>',
      'builtin:<id>, builtin:all or path/to/model.onnx (repeatable)',
      (v, prev: string[]) => [...prev, v],
      [],
    )
    .option('--device <devices>', 'cpu, cuda, tensorrt, npu, gpu, openvino or all (comma-separated)', devices, [
      'cpu',
    ] as Device[])
    .option('--precision <list>', 'for built-in models: fp32, fp16, int8 (comma-separated)', precisions, [
      'fp32',
    ] as Array<'fp32' | 'fp16' | 'int8'>)
    .option('--batch <sizes>', 'batch sizes, comma-separated', batches, [1])
    .option('--threads <n>', 'intra-op threads (0: the runtime default)', (v) => Number.parseInt(v, 10), 0)
    .option('--level <level>', 'sampling precision', level, 'basic')
    .option('--json', 'print the run as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  tunebench bench inference --model builtin:all --precision fp32,int8 --batch 1,8\n  tunebench bench inference --model ./model.onnx --device all',
    )
    .action(
      async (options: {
        model: string[];
        device: Device[];
        precision: Array<'fp32' | 'fp16' | 'int8'>;
        batch: number[];
        threads: number;
        level: Level;
        json?: boolean;
      }) => {
        const engine = createCliEngine('cli');
        try {
          const unsubscribe = engine.events.on('job.progress', progressPrinter());
          const { jobId, skipped } = await engine.handlers['bench.startInference']({
            models: options.model.length > 0 ? options.model : ['builtin:all'],
            precisions: options.precision,
            devices: options.device,
            batches: options.batch,
            threads: options.threads,
            level: options.level,
          });
          for (const note of skipped) process.stderr.write(`not run: ${note}\n`);
          const cancel = () => void engine.handlers['bench.cancel']({ jobId });
          process.once('SIGINT', cancel);
          const job = await engine.queue.settled(jobId);
          process.off('SIGINT', cancel);
          unsubscribe();
          if (job.resultRef === null) throw new Error(job.error ?? `ended ${job.status}`);
          const run = await engine.handlers['bench.run']({ id: job.resultRef });
          process.stdout.write(options.json ? `${JSON.stringify(run, null, 2)}\n` : `${formatRun(run)}\n`);
          if (run.results.some((r) => r.warnings.some((w) => w.startsWith('output disagrees')))) process.exitCode = 1;
        } finally {
          await engine.close();
        }
      },
    );
}
