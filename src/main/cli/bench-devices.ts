import { Command, InvalidArgumentError } from 'commander';
import type { Level } from '../../shared/schemas/bench';
import { collectNpu } from '../core/hardware/npu/npu-section';
import { runCudaTool } from '../core/inference/cuda/run-cuda-tool';
import { runInferenceSuite } from './bench-inference';
import { createCliEngine } from './engine-for-cli';
import { levelOption } from './settings-defaults';

function value(v: number | null | undefined, unit: string, digits = 1): string {
  return v === null || v === undefined ? '–' : `${v.toFixed(digits)} ${unit}`;
}

export function benchCudaCommand(): Command {
  return new Command('cuda')
    .description('CUDA microbenchmarks (native/cuda tb-cuda): bandwidth, FP32/FP16/BF16 matmul, launch latency')
    .option('--device <n>', 'only this GPU index', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a GPU index, 0 or more');
      return n;
    })
    .option('--quick', 'fewer repetitions')
    .option('--json', "print the tool's report as JSON")
    .action(async (options: { device?: number; quick?: boolean; json?: boolean }) => {
      const run = await runCudaTool({ device: options.device, quick: options.quick });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
      } else if (!run.report || run.report.devices.length === 0) {
        process.stdout.write(`CUDA: ${run.status}: ${run.reason}\n`);
      } else {
        for (const device of run.report.devices) {
          const r = device.results;
          process.stdout.write(
            [
              `GPU ${device.index}: ${device.name} (compute ${device.computeCapability}, ${device.multiprocessors} SMs)`,
              `  host→device  pageable ${value(r.h2dPageableGBps, 'GB/s')}, pinned ${value(r.h2dPinnedGBps, 'GB/s')}`,
              `  device→host  pageable ${value(r.d2hPageableGBps, 'GB/s')}, pinned ${value(r.d2hPinnedGBps, 'GB/s')}`,
              `  device→device ${value(r.d2dGBps, 'GB/s')}`,
              `  matmul FP32 ${value(r.fp32Tflops, 'TFLOP/s', 2)}, FP16 ${value(r.fp16Tflops, 'TFLOP/s', 2)}, BF16 ${value(r.bf16Tflops, 'TFLOP/s', 2)} (${r.method.matmul})`,
              `  kernel launch latency ${value(r.launchLatencyUs, 'µs', 2)}`,
            ].join('\n') + '\n',
          );
        }
        for (const error of run.report.errors) process.stderr.write(`warning: ${error}\n`);
      }
      if (run.status !== 'present') process.exitCode = run.status === 'absent' ? 3 : 1;
    });
}

export function benchNpuCommand(): Command {
  return new Command('npu')
    .description('NPU inference benchmarks through OpenVINO (needs openvino-node and an NPU driver)')
    .option(
      '-m, --model <model>',
      'models to run on the NPU (default: the built-in set, builtin:all)',
      (v, prev: string[]) => [...prev, v],
      [],
    )
    .addOption(levelOption('sampling precision: basic, moderate or aggressive'))
    .option('--json', 'as JSON')
    .action(async (options: { model: string[]; level: Level; json?: boolean }) => {
      const npu = await collectNpu();
      const openvinoNpu = npu.openvino.devices.some((d) => d.kind === 'npu');
      if (!openvinoNpu) {
        // Say exactly why not: no NPU at all, or an NPU that OpenVINO cannot drive here.
        const reason =
          npu.status === 'present'
            ? `NPU found (${npu.accel.devices.map((d) => d.node).join(', ')}) but OpenVINO cannot run on it: ${npu.openvino.reason || 'OpenVINO lists no NPU device'}`
            : `NPU: ${npu.status}: ${npu.reason}`;
        const remedy = npu.openvino.remedy ?? npu.remedy;
        if (options.json) process.stdout.write(`${JSON.stringify({ ran: false, reason, npu }, null, 2)}\n`);
        else process.stdout.write(`${reason}${remedy ? ` (${remedy})` : ''}\n`);
        process.exitCode = 3;
        return;
      }
      const engine = createCliEngine('cli');
      try {
        await runInferenceSuite(
          engine,
          {
            models: options.model.length > 0 ? options.model : ['builtin:all'],
            precisions: ['fp32'],
            devices: ['openvino-npu'],
            batches: [1],
            threads: 0,
            level: options.level,
            parallel: [1],
            memoryArena: true, // onnxruntime's option: OpenVINO has none such
          },
          options.json === true,
        );
      } finally {
        await engine.close();
      }
    });
}
