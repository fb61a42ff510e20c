import { describe, expect, it } from 'vitest';
import { diagnosticsHandlers } from '../../../../../src/main/core/diagnostics/handlers';
import { apiMethods } from '../../../../../src/shared/contract';

function block(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy: the event loop cannot run the monitor's timer
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('app.diagnostics', () => {
  it('reports the event-loop lag beyond the timer interval, and resets its window on request', async () => {
    const { handlers, monitor } = diagnosticsHandlers({ monitorFromStart: true });
    try {
      await sleep(150);
      block(250);
      await sleep(100);
      const blocked = apiMethods['app.diagnostics'].output.parse(await handlers['app.diagnostics']({ reset: true }));
      expect(blocked.samples).toBeGreaterThan(3);
      expect(blocked.resolutionMs).toBe(10);
      // One tick waited out the 250 ms block: the maximum lag shows it, the median does not.
      expect(blocked.lagMs.max).toBeGreaterThan(150);
      expect(blocked.lagMs.p50!).toBeLessThan(blocked.lagMs.max!);
      expect(blocked.process.pid).toBe(process.pid);

      await sleep(150);
      const calm = await handlers['app.diagnostics']({ reset: false });
      expect(Date.parse(calm.since)).toBeGreaterThanOrEqual(Date.parse(blocked.since));
      expect(calm.elapsedMs).toBeLessThan(1000);
      expect(calm.lagMs.max!).toBeLessThan(blocked.lagMs.max!);
    } finally {
      monitor.stop();
    }
  });

  it('starts lazily for one-shot commands: nothing measured before the first call', async () => {
    const { handlers, monitor } = diagnosticsHandlers({ monitorFromStart: false });
    try {
      expect(monitor.running).toBe(false);
      const first = await handlers['app.diagnostics']({ reset: false });
      expect(monitor.running).toBe(true);
      expect(first.samples).toBe(0);
      expect(first.lagMs.p99).toBeNull();
    } finally {
      monitor.stop();
    }
  });
});
