import type { Rule } from '../../types';

const GOVERNOR_FILE = '/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor';

/** Why each governor costs speed, in the terms of what it does. */
const SLOW_GOVERNORS: Record<string, string> = {
  powersave:
    'powersave favours efficiency: with acpi-cpufreq it pins the lowest clock, and with intel_pstate/amd-pstate ' +
    'it lets the hardware hold clocks back under light or bursty load',
  ondemand:
    'ondemand raises the clock only after sampling a busy period, so short tasks and the start of every ' +
    'benchmark run below top speed',
  schedutil:
    'schedutil follows the scheduler’s utilisation estimate, which ramps up over milliseconds, so short and ' +
    'bursty work runs below top speed and timings vary from run to run',
  conservative: 'conservative raises the clock in small steps, so most short work never reaches top speed',
};

/** A frequency-scaling governor that holds clocks back: commands for the user, never executed. */
export const cpuGovernorRule: Rule = {
  id: 'workstation.cpu-governor',
  title: 'CPU frequency governor: performance',
  rationale:
    'The cpufreq governor decides how fast cores clock up under load. Anything but "performance" trades speed ' +
    'and run-to-run stability for power: builds and short benchmarks run slower and noisier. Switching is a ' +
    'workstation setting, reversible and not persistent across reboots.',
  reference: {
    title: 'Linux kernel documentation: CPU performance scaling (governors)',
    url: 'https://docs.kernel.org/admin-guide/pm/cpufreq.html#generic-scaling-governors',
  },
  stack: 'workstation',
  risk: 'safe',
  effort: 'low',
  metrics: ['runtime'],
  prior: { pImprove: 0.55, effect: 0.05 },
  detect(context) {
    const governor = context.hardware?.cpu.governor;
    const reason = governor ? SLOW_GOVERNORS[governor] : undefined;
    if (!governor || !reason) return Promise.resolve([]);
    const battery = context.hardware?.power.hasBattery === true;
    return Promise.resolve([
      {
        dir: '',
        message: `The CPU runs the "${governor}" frequency governor: ${reason}.`,
        evidence: [{ file: GOVERNOR_FILE, line: 1, excerpt: governor }],
        current: `scaling_governor = ${governor}`,
        proposed: 'scaling_governor = performance',
        warning:
          'The CPU then draws more power and runs warmer' +
          (battery ? ', and this machine has a battery: expect shorter battery life while it is set' : '') +
          `. It lasts until reboot; to go back run \`sudo cpupower frequency-set -g ${governor}\`. Without ` +
          'cpupower: `echo performance | sudo tee /sys/devices/system/cpu/cpu*/cpufreq/scaling_governor`.',
        commands: ['sudo cpupower frequency-set -g performance'],
      },
    ]);
  },
};
