import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TbExecServer } from '../../../../../../src/main/core/bench/native/tb-exec';
import { skipReason, tbExec } from './load-addon';

const reason = tbExec === null ? skipReason || ' (skipped: tb-exec is not built)' : '';

describe.skipIf(tbExec === null)(`tb-exec --serve${reason}`, () => {
  let server: TbExecServer;
  beforeAll(() => {
    server = TbExecServer.start(tbExec ?? '');
  });
  afterAll(() => server.close());

  it('times several commands in one process, each with its own exit code and wall time', async () => {
    const ok = await server.run(['true']);
    const three = await server.run(['sh', '-c', 'exit 3']);
    const slept = await server.run(['sleep', '0.05']);
    const shell = await server.run(['sh', '-c', '']); // an empty argument travels as such
    expect(ok.result).toEqual(expect.objectContaining({ exitCode: 0, signal: null, execError: null }));
    expect(ok.result).not.toHaveProperty('timedOut');
    expect(three.result.exitCode).toBe(3);
    expect(slept.result.exitCode).toBe(0);
    expect(slept.result.wallNs).toBeGreaterThanOrEqual(5e7);
    expect(ok.result.wallNs).toBeLessThan(5e7);
    expect(shell.result.exitCode).toBe(0);
  });

  it('serializes concurrent requests', async () => {
    const runs = await Promise.all([1, 2, 3, 4].map((code) => server.run(['sh', '-c', `exit ${code}`])));
    expect(runs.map((run) => run.result.exitCode)).toEqual([1, 2, 3, 4]);
  });

  it('reports a missing command as execError ENOENT and exit code 127, and keeps serving', async () => {
    const { result } = await server.run(['tunebench-no-such-command']);
    expect(result.execError).toMatch(/^ENOENT: /);
    expect(result.exitCode).toBe(127);
    expect((await server.run(['true'])).result.exitCode).toBe(0);
  });

  it('stops a command that outlives timeoutMs, says so, and runs the next command', async () => {
    const started = Date.now();
    await expect(server.run(['sh', '-c', 'sleep 10'], { timeoutMs: 200 })).rejects.toThrow(
      '"sh" did not finish within 200 ms and was stopped',
    );
    expect(Date.now() - started).toBeLessThan(5000);
    const after = await server.run(['sh', '-c', 'echo fine'], { timeoutMs: 5000 });
    expect(after.result.exitCode).toBe(0);
    expect(after.stdout).toBe('fine\n');
  });

  it('escalates to SIGKILL for a command that ignores SIGTERM', async () => {
    const started = Date.now();
    await expect(server.run(['sh', '-c', "trap '' TERM; sleep 10"], { timeoutMs: 100 })).rejects.toThrow(
      /did not finish within 100 ms/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await server.run(['true'])).result.exitCode).toBe(0);
  });

  it('reports the peak RSS of each run, not the largest so far', async () => {
    const big = await server.run([process.execPath, '-e', 'Buffer.alloc(100*2**20).fill(1)']);
    const small = await server.run(['true']);
    expect(big.result.maxRssKiB).toBeGreaterThanOrEqual(100_000);
    expect(small.result.maxRssKiB).toBeLessThan(20_000);
    expect(small.result.userUs + small.result.sysUs).toBeLessThan(big.result.userUs + big.result.sysUs);
  });

  it("captures each run's stdout and stderr, or drops them on request", async () => {
    const failing = await server.run(['sh', '-c', 'echo out; echo "it broke" >&2; exit 3']);
    expect(failing.result.exitCode).toBe(3);
    expect([failing.stdout, failing.stderr]).toEqual(['out\n', 'it broke\n']);
    const hidden = await server.run(['sh', '-c', 'echo out; echo err >&2'], { nullStdout: true, nullStderr: true });
    expect([hidden.stdout, hidden.stderr]).toEqual(['', '']);
    const args = await server.run(['echo', '$HOME', '*', 'two words']);
    expect(args.stdout).toBe('$HOME * two words\n');
  });

  it('attributes output to the right run, also when the last bytes arrive just before the exit', async () => {
    for (let i = 0; i < 50; i += 1) {
      const run = await server.run(['sh', '-c', `head -c 60000 /dev/zero | tr '\\0' x >&2; echo " ${i}" >&2`]);
      expect(run.stderr.endsWith(` ${i}\n`)).toBe(true);
      expect(run.stderr.length).toBe(60_000 + ` ${i}\n`.length);
    }
  });
});

describe.skipIf(tbExec === null)(`tb-exec --serve lifecycle${reason}`, () => {
  it('rejects runs after close(), and close() can be called twice', async () => {
    const server = TbExecServer.start(tbExec ?? '');
    expect((await server.run(['true'])).result.exitCode).toBe(0);
    await server.close();
    await server.close();
    await expect(server.run(['true'])).rejects.toThrow(/tb-exec was closed/);
  });

  it('rejects the run in flight, and later ones, when the server dies', async () => {
    const server = TbExecServer.start(tbExec ?? '');
    const pending = server.run(['sleep', '10']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    (server as unknown as { child: { kill(signal: string): void } }).child.kill('SIGKILL');
    await expect(pending).rejects.toThrow(/tb-exec exited unexpectedly \(SIGKILL\)/);
    await expect(server.run(['true'])).rejects.toThrow(/tb-exec exited unexpectedly/);
  });

  it('rejects clearly when the binary cannot be started', async () => {
    const server = TbExecServer.start('/nonexistent/tb-exec');
    await expect(server.run(['true'])).rejects.toThrow(/tb-exec could not be started/);
  });
});
