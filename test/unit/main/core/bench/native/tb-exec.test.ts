import { describe, expect, it } from 'vitest';
import { runTbExec } from '../../../../../../src/main/core/bench/native/tb-exec';
import { skipReason, tbExec } from './load-addon';

const reason = tbExec === null ? skipReason || ' (skipped: tb-exec is not built)' : '';

describe.skipIf(tbExec === null)(`tb-exec${reason}`, () => {
  const run = (command: string, args: string[] = [], options = {}) => runTbExec(tbExec ?? '', command, args, options);

  it('reports exit code 0 for `true`, with a wall time and no error', async () => {
    const { result } = await run('true');
    expect(result).toMatchObject({ exitCode: 0, signal: null, execError: null });
    expect(result.wallNs).toBeGreaterThan(0);
  });

  it('reports a non-zero exit code', async () => {
    expect((await run('sh', ['-c', 'exit 3'])).result.exitCode).toBe(3);
  });

  it('reports a missing command as execError ENOENT and exit code 127', async () => {
    const { result } = await run('tunebench-no-such-command');
    expect(result.execError).toMatch(/^ENOENT: /);
    expect(result.exitCode).toBe(127);
  });

  it('measures wall time across the command', async () => {
    expect((await run('sleep', ['0.2'])).result.wallNs).toBeGreaterThanOrEqual(2e8);
  });

  it('reports the peak RSS of a command that fills 100 MiB', async () => {
    const { result } = await run(process.execPath, ['-e', 'Buffer.alloc(100*2**20).fill(1)']);
    expect(result.exitCode).toBe(0);
    expect(result.maxRssKiB).toBeGreaterThanOrEqual(100_000);
    expect(result.userUs + result.sysUs).toBeGreaterThan(0);
  });

  it("reports a kill by signal as the signal's name and a null exit code", async () => {
    const { result } = await run('sh', ['-c', 'kill -9 $$']);
    expect(result).toMatchObject({ exitCode: null, signal: 'SIGKILL', execError: null });
  });

  it('passes the command output through, or drops it with --stdout-null/--stderr-null', async () => {
    const shown = await run('sh', ['-c', 'echo out; echo err >&2']);
    expect([shown.stdout, shown.stderr]).toEqual(['out\n', 'err\n']);
    const hidden = await run('sh', ['-c', 'echo out; echo err >&2'], { nullStdout: true, nullStderr: true });
    expect([hidden.stdout, hidden.stderr]).toEqual(['', '']);
  });

  it('stops a command that outlives timeoutMs, and says so', async () => {
    const started = Date.now();
    await expect(run('sleep', ['10'], { timeoutMs: 200 })).rejects.toThrow(/did not finish within 200 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('runs arguments without a shell', async () => {
    const { stdout } = await run('echo', ['$HOME', '*']);
    expect(stdout).toBe('$HOME *\n');
  });
});
