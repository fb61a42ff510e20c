import { Command, InvalidArgumentError } from 'commander';
import { collectNpu } from '../core/hardware/npu/npu-section';
import { runCudaTool } from '../core/inference/cuda/run-cuda-tool';

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
    .description('NPU benchmarks through OpenVINO (needs openvino-node and an NPU driver)')
    .option('--json', 'as JSON')
    .action(async (options: { json?: boolean }) => {
      const npu = await collectNpu();
      if (options.json) process.stdout.write(`${JSON.stringify(npu, null, 2)}\n`);
      else if (npu.status !== 'present')
        process.stdout.write(`NPU: ${npu.status}: ${npu.reason}${npu.remedy ? ` (${npu.remedy})` : ''}\n`);
      else
        process.stdout.write(
          `NPU present (${npu.openvino.devices.map((d) => d.fullName ?? d.name).join(', ')}); NPU inference benchmarks are not in this build yet\n`,
        );
      if (npu.status !== 'present') process.exitCode = 3;
    });
}
