import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runStep } from '../../../src/main/core/tune/verify/run-step';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

function alive(pattern: string): boolean {
  try {
    execFileSync('pgrep', ['-f', pattern]);
    return true;
  } catch {
    return false;
  }
}

describe('runStep (a project command in a workspace)', () => {
  it('captures the tail of the output and the exit status', async () => {
    const ok = await runStep(tempDir(), '', 'echo building; echo warning >&2', { timeoutMs: 10_000 });
    expect(ok).toMatchObject({ ok: true, exitCode: 0, timedOut: false });
    expect(ok.output).toContain('building');
    expect(ok.output).toContain('warning');
    const failed = await runStep(tempDir(), '', 'echo "error[E0425]: cannot find value"; exit 101', {
      timeoutMs: 10_000,
    });
    expect(failed).toMatchObject({ ok: false, exitCode: 101 });
    expect(failed.output).toContain('E0425');
  });

  it('stops a hanging command and every child it started when the time is up', async () => {
    const marker = `tb-hang-${process.pid}-${Date.now()}`;
    const started = Date.now();
    const result = await runStep(tempDir(), '', `sh -c 'sleep 300; echo ${marker}' & sleep 300 # ${marker}`, {
      timeoutMs: 500,
    });
    expect(result).toMatchObject({ ok: false, timedOut: true });
    expect(Date.now() - started).toBeLessThan(10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alive(marker)).toBe(false);
  });

  it('ends on the exit of a command that left a background process holding its output, and stops that process', async () => {
    const marker = `tb-leftover-${process.pid}-${Date.now()}`;
    // Without the exit handling the step would wait for the pipes: 8 s, past its 5 s limit.
    const result = await runStep(tempDir(), '', `sh -c 'sleep 8; echo ${marker}' & echo built`, { timeoutMs: 5_000 });
    expect(result).toMatchObject({ ok: true, exitCode: 0, timedOut: false });
    expect(result.output).toMatch(/^built\n\[tunebench: the command exited but left processes holding its output/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alive(marker)).toBe(false);
  });

  it('stops on cancel', async () => {
    const controller = new AbortController();
    const pending = runStep(tempDir(), '', 'sleep 300', { timeoutMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    await expect(pending).rejects.toThrow(/cancelled/);
  });
});
