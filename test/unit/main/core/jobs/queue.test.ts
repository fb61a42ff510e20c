import { describe, expect, it } from 'vitest';
import { JobQueue } from '../../../../../src/main/core/jobs/queue';
import type { Progress } from '../../../../../src/shared/schemas/progress';

function deferred() {
  let resolve!: (value: number | null) => void;
  const promise = new Promise<number | null>((r) => (resolve = r));
  return { promise, resolve };
}

describe('JobQueue', () => {
  it('runs one job at a time, in order, and forwards progress', async () => {
    const events: Progress[] = [];
    const queue = new JobQueue((p) => events.push(p));
    const first = deferred();
    const order: string[] = [];
    const a = queue.submit('a', async ({ jobId, progress }) => {
      order.push('a-start');
      progress({ kind: 'step', jobId, value: 0.5, title: 'half' });
      const result = await first.promise;
      order.push('a-end');
      return result;
    });
    const b = queue.submit('b', async () => {
      order.push('b-start');
      return 2;
    });
    expect(queue.info(a)!.status).toBe('running');
    expect(queue.info(b)!.status).toBe('queued');
    first.resolve(1);
    expect((await queue.settled(b)).resultRef).toBe(2);
    expect(order).toEqual(['a-start', 'a-end', 'b-start']);
    expect(queue.info(a)!.resultRef).toBe(1);
    expect(events).toEqual([{ kind: 'step', jobId: a, value: 0.5, title: 'half' }]);
  });

  it('cancels a queued job without running it and signals a running one', async () => {
    const queue = new JobQueue(() => undefined);
    let aborted = false;
    const a = queue.submit(
      'a',
      ({ signal }) =>
        new Promise((resolve) =>
          signal.addEventListener('abort', () => {
            aborted = true;
            resolve(null);
          }),
        ),
    );
    let bRan = false;
    const b = queue.submit('b', async () => {
      bRan = true;
      return null;
    });
    expect(queue.cancel(b)).toBe(true);
    expect(queue.cancel(a)).toBe(true);
    expect((await queue.settled(a)).status).toBe('cancelled');
    expect(aborted).toBe(true);
    expect(bRan).toBe(false);
    expect(queue.cancel(a)).toBe(false);
  });

  it('records a failing job with its error and goes on with the next', async () => {
    const events: Progress[] = [];
    const queue = new JobQueue((p) => events.push(p));
    const a = queue.submit('a', async () => {
      throw new Error('boom');
    });
    const b = queue.submit('b', async () => 7);
    expect((await queue.settled(a)).error).toBe('boom');
    expect((await queue.settled(b)).status).toBe('completed');
    expect(events.at(0)).toMatchObject({ kind: 'failed', error: 'boom' });
  });
});
