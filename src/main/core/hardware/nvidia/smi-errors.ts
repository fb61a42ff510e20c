import type { Availability } from '../../../../shared/schemas/availability';

const DRIVER_REMEDY = 'install or load the NVIDIA driver (check `nvidia-smi` in a terminal)';

/**
 * Turns what nvidia-smi printed on failure into an availability with a reason a person can act
 * on. nvidia-smi prints its errors on stdout, so both streams are searched.
 */
export function classifySmiFailure(output: string, exitCode: number | null): Availability {
  const text = output.trim();
  if (/couldn't communicate with the NVIDIA driver/i.test(text)) {
    return {
      status: 'absent',
      reason: 'NVIDIA driver not running: nvidia-smi could not talk to it',
      remedy: DRIVER_REMEDY,
    };
  }
  if (/Driver\/library version mismatch/i.test(text)) {
    return {
      status: 'unknown',
      reason: 'NVIDIA driver/library version mismatch (the driver was updated without a reboot)',
      remedy: 'reboot, or reload the nvidia kernel modules',
    };
  }
  if (/No devices were found/i.test(text)) {
    return { status: 'absent', reason: 'nvidia-smi found no NVIDIA GPU' };
  }
  if (/Insufficient Permissions/i.test(text)) {
    return {
      status: 'unknown',
      reason: 'nvidia-smi: insufficient permissions',
      remedy: 'add your user to the video group',
    };
  }
  const firstLine = text.split('\n')[0]?.slice(0, 200) ?? '';
  return {
    status: 'unknown',
    reason: `nvidia-smi failed (exit ${exitCode ?? 'signal'})${firstLine ? `: ${firstLine}` : ''}`,
    remedy: DRIVER_REMEDY,
  };
}

/** The binary to run: TUNEBENCH_NVIDIA_SMI overrides PATH lookup (non-standard installs, tests). */
export function nvidiaSmiPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.TUNEBENCH_NVIDIA_SMI || 'nvidia-smi';
}
