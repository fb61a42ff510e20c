import { Command, InvalidArgumentError, Option } from 'commander';
import { TELEMETRY_MAX_HZ, TELEMETRY_MIN_HZ } from '../../shared/schemas/telemetry';
import { createCliEngine } from './engine-for-cli';
import { formatProfile } from './format-profile';
import { formatTelemetryLine, formatTelemetryPanel } from './format-telemetry';
import { telemetryHzDefault } from './settings-defaults';

function parseHz(value: string): number {
  const hz = Number(value);
  if (!Number.isFinite(hz) || hz < TELEMETRY_MIN_HZ || hz > TELEMETRY_MAX_HZ) {
    throw new InvalidArgumentError(`must be a number from ${TELEMETRY_MIN_HZ} to ${TELEMETRY_MAX_HZ}`);
  }
  return hz;
}

function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new InvalidArgumentError('must be a positive integer');
  return count;
}

interface HwOptions {
  json?: boolean;
  watch?: boolean;
  hz: number;
  count?: number;
}

export function hwCommand(): Command {
  const hz = telemetryHzDefault();
  return new Command('hw')
    .description('Show this machine: CPU (ISA features, caches, clocks), memory, OS, GPUs, NPU and inference runtimes')
    .option('--json', 'print the full profile (or, with --watch, one JSON sample per line)')
    .option('-w, --watch', 'stream live telemetry (CPU per core, memory, GPU, NPU) until Ctrl-C')
    .addOption(
      new Option('--hz <rate>', `telemetry rate for --watch, ${TELEMETRY_MIN_HZ}–${TELEMETRY_MAX_HZ} Hz`)
        .argParser(parseHz)
        .default(hz.hz, hz.description),
    )
    .option('-n, --count <samples>', 'with --watch, stop after this many samples', parseCount)
    .addHelpText(
      'after',
      '\nExamples:\n  tunebench hw\n  tunebench hw --json > profile.json\n  tunebench hw --watch --hz 5',
    )
    .action(async (options: HwOptions) => {
      const engine = createCliEngine('cli');
      try {
        if (options.watch) await watch(engine, options);
        else {
          const profile = await engine.handlers['hardware.profile']({ refresh: true });
          process.stdout.write(options.json ? `${JSON.stringify(profile, null, 2)}\n` : `${formatProfile(profile)}\n`);
        }
      } finally {
        await engine.close();
      }
    });
}

async function watch(engine: ReturnType<typeof createCliEngine>, options: HwOptions): Promise<void> {
  const interactive = process.stdout.isTTY && !options.json;
  const status = await engine.handlers['telemetry.start']({ hz: options.hz });
  if (!interactive && !options.json) for (const note of status.notes) process.stderr.write(`note: ${note}\n`);
  let seen = 0;
  let drawnLines = 0;
  await new Promise<void>((resolve) => {
    const finish = () => {
      process.off('SIGINT', finish);
      process.off('SIGTERM', finish);
      unsubscribe();
      resolve();
    };
    const unsubscribe = engine.events.on('telemetry.sample', (sample) => {
      seen += 1;
      if (options.json) process.stdout.write(`${JSON.stringify(sample)}\n`);
      else if (interactive) {
        const panel = formatTelemetryPanel(sample, status.notes);
        // Move up over the previous panel and clear to the end of the screen, then redraw.
        process.stdout.write(`${drawnLines > 0 ? `\x1b[${drawnLines}F\x1b[J` : ''}${panel}\n`);
        drawnLines = panel.split('\n').length;
      } else process.stdout.write(`${formatTelemetryLine(sample)}\n`);
      if (options.count !== undefined && seen >= options.count) finish();
    });
    process.once('SIGINT', finish);
    process.once('SIGTERM', finish);
  });
}
