import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { InferenceDeviceSchema, type InferenceDevice, type Level } from '../../shared/schemas/bench';
import type { Engine } from '../core/engine';
import { InputShapeError, parseDims } from '../core/inference/inputs';
import { createCliEngine } from './engine-for-cli';
import { formatInferenceRun } from './format-inference-run';
import { formatTuning } from './format-tuning';
import { progressPrinter } from './progress-bar';
import { levelOption } from './settings-defaults';
import { parseRounds, ROUNDS_HELP } from './rounds-option';

type Device = InferenceDevice;
/** Each device by its own name, plus the short names a user types. */
const DEVICES: Record<string, Device[]> = {
  ...Object.fromEntries(InferenceDeviceSchema.options.map((device) => [device, [device]])),
  npu: ['openvino-npu'],
  gpu: ['cuda', 'openvino-gpu'],
  openvino: ['openvino-cpu'],
  // AUTO picks one of the others, so "all" leaves it out rather than measure a device twice.
  all: InferenceDeviceSchema.options.filter((device) => device !== 'openvino-auto'),
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

function positiveIntegers(value: string): number[] {
  return list(value).map((v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('use whole numbers 1–64, e.g. 1,2,4');
    return n;
  });
}

function dims(value: string, previous: Record<string, number[]>): Record<string, number[]> {
  try {
    return { ...previous, ...parseDims(value) };
  } catch (error) {
    if (error instanceof InputShapeError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

function objective(value: string): 'latency' | 'throughput' | 'both' {
  if (value !== 'latency' && value !== 'throughput' && value !== 'both') {
    throw new InvalidArgumentError('must be latency, throughput or both');
  }
  return value;
}

function ovHint(value: string): 'latency' | 'throughput' {
  if (value !== 'latency' && value !== 'throughput') throw new InvalidArgumentError('must be latency or throughput');
  return value;
}

function ovStreams(value: string): number | 'auto' {
  if (value === 'auto') return value;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new InvalidArgumentError('a number of streams 1–256, or auto');
  return n;
}

function ovRequests(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 256) {
    throw new InvalidArgumentError("a number of infer requests 1–256, or 0 for the compiled model's optimum");
  }
  return n;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 2 || n > 3600) throw new InvalidArgumentError('a number of seconds from 2 to 3600');
  return n;
}

export function benchInferenceCommand(): Command {
  return new Command('inference')
    .description(
      'Benchmark ONNX models: built-in (mlp, cnn, mobilenet, transformer), pretrained (silero-vad, ppocr-det) or yours; latency, throughput, accuracy vs CPU FP32',
    )
    .option(
      '-m, --model <model>',
      'builtin:<id>, builtin:all, pretrained:<id>, pretrained:all or path/to/model.onnx (repeatable)',
      (v, prev: string[]) => [...prev, v],
      [],
    )
    .option(
      '--device <devices>',
      'cpu, cuda, tensorrt, npu, gpu, openvino, openvino-cpu, openvino-gpu, openvino-npu, openvino-auto or all (comma-separated)',
      devices,
      ['cpu'] as Device[],
    )
    .option('--precision <list>', 'for built-in models: fp32, fp16, int8 (comma-separated)', precisions, [
      'fp32',
    ] as Array<'fp32' | 'fp16' | 'int8'>)
    .option('--batch <sizes>', 'batch sizes, comma-separated', batches, [1])
    .option(
      '--dims <sizes>',
      'input sizes: input=AxBxC (a whole shape, e.g. x=1x3x320x320) or name=N (a dynamic dimension), comma-separated or repeated; unset dynamic dimensions default to 224 (image height/width) or 128',
      dims,
      {} as Record<string, number[]>,
    )
    .option('--threads <n>', 'intra-op threads (0: the runtime default)', (v) => Number.parseInt(v, 10), 0)
    .addOption(levelOption('sampling precision'))
    .option('--rounds <k>', ROUNDS_HELP, parseRounds)
    .option(
      '--parallel <counts>',
      'requests in flight at once, comma-separated (onnxruntime: worker threads with one session each; OpenVINO: InferRequests, unless --ov-requests)',
      positiveIntegers,
      [1],
    )
    .option('--no-mem-arena', 'onnxruntime: turn off the CPU memory arena (lower peak memory, often slower)')
    .option('--ov-hint <hint>', 'OpenVINO devices: PERFORMANCE_HINT latency or throughput', ovHint, 'latency')
    .option('--ov-streams <n|auto>', "OpenVINO devices: NUM_STREAMS (default: the hint's choice)", ovStreams)
    .option(
      '--ov-requests <n>',
      "OpenVINO devices: infer requests in flight per sample (default 1 for latency, the compiled model's optimum for throughput)",
      ovRequests,
    )
    .option('--tune', 'auto-tune session settings for one model (successive halving) instead of a suite run')
    .option('--objective <objective>', 'with --tune: latency, throughput or both', objective, 'both')
    .option('--tune-budget <seconds>', 'with --tune: wall-time budget of the whole search', seconds, 60)
    .option('-o, --output <file>', 'with --tune: also write the result JSON here')
    .option('--json', 'print the run (or the tuning result) as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  tunebench bench inference --model builtin:all --precision fp32,int8 --batch 1,8\n  tunebench bench inference --model ./model.onnx --device all\n  tunebench bench inference --model pretrained:all\n  tunebench bench inference --model pretrained:ppocr-det --dims x=1x3x320x320\n  tunebench bench inference --model builtin:mlp --batch 8 --parallel 1,2,4\n  tunebench bench inference --model builtin:mobilenet --device openvino-npu,openvino-auto --ov-hint throughput\n  tunebench bench inference --tune --model ./model.onnx --objective latency --tune-budget 120 -o best.json',
    )
    .action(
      async (
        options: {
          model: string[];
          device: Device[];
          precision: Array<'fp32' | 'fp16' | 'int8'>;
          batch: number[];
          dims: Record<string, number[]>;
          threads: number;
          level: Level;
          rounds?: number;
          parallel: number[];
          memArena: boolean;
          ovHint: 'latency' | 'throughput';
          ovStreams?: number | 'auto';
          ovRequests?: number;
          tune?: boolean;
          objective: 'latency' | 'throughput' | 'both';
          tuneBudget: number;
          output?: string;
          json?: boolean;
        },
        command: Command,
      ) => {
        const engine = createCliEngine('cli');
        try {
          if (options.tune) {
            if (Object.keys(options.dims).length > 0) throw new Error('--tune does not take --dims yet');
            await tune(engine, options, {
              // The tuner searches every precision and device unless the user narrowed them.
              precisions: command.getOptionValueSource('precision') === 'cli' ? options.precision : undefined,
              devices: command.getOptionValueSource('device') === 'cli' ? options.device : undefined,
            });
            return;
          }
          await runInferenceSuite(
            engine,
            {
              models: options.model.length > 0 ? options.model : ['builtin:all'],
              precisions: options.precision,
              devices: options.device,
              batches: options.batch,
              threads: options.threads,
              level: options.level,
              ...(options.rounds ? { rounds: options.rounds } : {}),
              parallel: options.parallel,
              memoryArena: options.memArena,
              ...(Object.keys(options.dims).length > 0 ? { dims: options.dims } : {}),
              openvino: {
                hint: options.ovHint,
                ...(options.ovStreams === undefined ? {} : { streams: options.ovStreams }),
                ...(options.ovRequests === undefined ? {} : { requests: options.ovRequests }),
              },
            },
            options.json === true,
          );
        } finally {
          await engine.close();
        }
      },
    );
}

/**
 * Runs an inference suite as a job and prints it: the skipped devices on stderr with their reason,
 * progress on stderr, the run on stdout. Exit code 1 when a benchmark failed or an output disagrees
 * with its reference; 130 when cancelled.
 * `bench npu` runs through here too.
 */
export async function runInferenceSuite(
  engine: Engine,
  input: Parameters<Engine['handlers']['bench.startInference']>[0],
  json: boolean,
): Promise<void> {
  const unsubscribe = engine.events.on('job.progress', progressPrinter());
  const { jobId, skipped } = await engine.handlers['bench.startInference'](input);
  for (const note of skipped) process.stderr.write(`not run: ${note}\n`);
  const cancel = () => void engine.handlers['bench.cancel']({ jobId });
  process.once('SIGINT', cancel);
  const job = await engine.queue.settled(jobId);
  process.off('SIGINT', cancel);
  unsubscribe();
  if (job.resultRef === null) throw new Error(job.error ?? `ended ${job.status}`);
  const run = await engine.handlers['bench.run']({ id: job.resultRef });
  process.stdout.write(json ? `${JSON.stringify(run, null, 2)}\n` : `${formatInferenceRun(run)}\n`);
  // A script (or CI) must not read a matrix of failures as a pass: any failed cell is exit 1,
  // like `bench run`; the cells that did run are stored and printed all the same.
  if (run.failures.length > 0) {
    const total = run.failures.length + new Set(run.results.map((r) => r.id)).size;
    process.stderr.write(
      `${run.failures.length} of ${total} inference benchmarks failed: ${run.failures.map((f) => f.title).join('; ')}\n`,
    );
    process.exitCode = 1;
  }
  if (run.results.some((r) => r.warnings.some((w) => w.startsWith('output disagrees')))) process.exitCode = 1;
  if (job.status === 'cancelled') process.exitCode = 130;
}

async function tune(
  engine: Engine,
  options: {
    model: string[];
    objective: 'latency' | 'throughput' | 'both';
    tuneBudget: number;
    output?: string;
    json?: boolean;
  },
  narrowed: { precisions?: Array<'fp32' | 'fp16' | 'int8'>; devices?: Device[] },
): Promise<void> {
  if (options.model.length > 1) throw new Error('--tune tunes one model at a time: give one --model');
  const model = options.model[0] ?? 'builtin:mlp';
  if (options.model.length === 0) process.stderr.write('no --model given: tuning builtin:mlp\n');
  const unsubscribe = engine.events.on('job.progress', progressPrinter());
  const { jobId, skipped } = await engine.handlers['bench.tuneInference']({
    model,
    objective: options.objective,
    budgetSeconds: options.tuneBudget,
    devices: narrowed.devices,
    precisions: narrowed.precisions,
  });
  for (const note of skipped) process.stderr.write(`not tuned on: ${note}\n`);
  const cancel = () => void engine.handlers['bench.cancel']({ jobId });
  process.once('SIGINT', cancel);
  const job = await engine.queue.settled(jobId);
  process.off('SIGINT', cancel);
  unsubscribe();
  if (job.status !== 'completed') throw new Error(job.error ?? `tuning ended ${job.status}`);
  const result = await engine.handlers['bench.tuning']({ jobId });
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (options.output) {
    await writeFile(resolve(options.output), json);
    process.stderr.write(`written: ${resolve(options.output)}\n`);
  }
  process.stdout.write(options.json ? json : `${formatTuning(result)}\n`);
}
