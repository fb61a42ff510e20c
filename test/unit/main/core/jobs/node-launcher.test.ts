import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeWorkerLauncher } from '../../../../../src/main/core/jobs/node-launcher';
import { runWorkerOnce, WorkerFailedError } from '../../../../../src/main/core/jobs/worker-launcher';

const WORKER = fileURLToPath(new URL('../../../../fixtures/workers/test-worker.mjs', import.meta.url));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('runWorkerOnce with child_process.fork', () => {
  it('runs the work in another process and returns its answer', async () => {
    const result = await runWorkerOnce<{ square: number; pid: number }>(
      nodeWorkerLauncher,
      WORKER,
      { op: 'square', n: 12 },
      { timeoutMs: 10_000 },
    );
    expect(result.square).toBe(144);
    expect(result.pid).not.toBe(process.pid);
  });

  it('reports an error the worker sends', async () => {
    await expect(
      runWorkerOnce(nodeWorkerLauncher, WORKER, { op: 'fail', what: 'magic' }, { timeoutMs: 10_000 }),
    ).rejects.toThrow('cannot do magic');
  });

  it('survives a worker that crashes like a native fault, and says how it died', async () => {
    const error = await runWorkerOnce(nodeWorkerLauncher, WORKER, { op: 'abort' }, { timeoutMs: 10_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkerFailedError);
    expect((error as WorkerFailedError).signal).toBe('SIGABRT');
    expect((error as Error).message).toMatch(/signal SIGABRT/);
  });

  it('reports a worker that exits without answering', async () => {
    await expect(
      runWorkerOnce(nodeWorkerLauncher, WORKER, { op: 'exit-silently' }, { timeoutMs: 10_000 }),
    ).rejects.toThrow(/exited \(code 3\) before answering/);
  });

  it('kills a hanging worker at the timeout', async () => {
    const handle = nodeWorkerLauncher.launch(WORKER, []);
    handle.send({ op: 'hang' });
    const pid = handle.pid!;
    expect(isAlive(pid)).toBe(true);
    const exited = new Promise<string | null>((resolve) => handle.onExit((_code, signal) => resolve(signal)));
    handle.kill();
    // SIGTERM first (passed on to a benchmarked command's group), SIGKILL a second later if needed.
    expect(['SIGTERM', 'SIGKILL']).toContain(await exited);
    expect(isAlive(pid)).toBe(false);
    await expect(runWorkerOnce(nodeWorkerLauncher, WORKER, { op: 'hang' }, { timeoutMs: 300 })).rejects.toThrow(
      /timed out after 300 ms/,
    );
  });
});
