import { utilityProcess } from 'electron';
import type { WorkerHandle, WorkerLauncher } from '../core/jobs/worker-launcher';

/** Workers as Electron utility processes: Node without Electron's main-process event loop. */
export const utilityWorkerLauncher: WorkerLauncher = {
  kind: 'electron-utility',
  launch(modulePath, args, options = {}): WorkerHandle {
    const child = utilityProcess.fork(modulePath, args, {
      env: options.env ?? process.env,
      serviceName: options.name ?? 'tunebench-worker',
      stdio: 'inherit',
    });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => child.postMessage(message),
      onMessage: (listener) => {
        child.on('message', listener);
      },
      onExit: (listener) => {
        child.once('exit', (code) => listener(code, null));
      },
      kill: () => {
        child.kill();
      },
    };
  },
};
