import type { ApiHandlers } from '../../../shared/contract';
import { EventLoopMonitor } from './event-loop';

type DiagnosticsHandlers = Pick<ApiHandlers, 'app.diagnostics'>;

/**
 * `app.diagnostics`: the event-loop delay of the process serving the API. Long-running shells
 * (Electron, `tunebench serve`) monitor from start-up; a one-shot CLI command starts at its first
 * call, so short commands pay no timer.
 */
export function diagnosticsHandlers(options: { monitorFromStart: boolean }): {
  handlers: DiagnosticsHandlers;
  monitor: EventLoopMonitor;
} {
  const monitor = new EventLoopMonitor();
  if (options.monitorFromStart) monitor.start();
  return {
    monitor,
    handlers: {
      'app.diagnostics': async ({ reset }) => {
        monitor.start();
        const figures = monitor.read();
        if (reset) monitor.reset();
        return figures;
      },
    },
  };
}
