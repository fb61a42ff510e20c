import { fork } from 'node:child_process';
import type { WorkerHandle, WorkerLauncher } from './worker-launcher';

/** Workers as Node child processes (CLI, web mode, tests). */
export const nodeWorkerLauncher: WorkerLauncher = {
  kind: 'node',
  launch(modulePath, args, options = {}): WorkerHandle {
    const child = fork(modulePath, args, {
      env: options.env ?? process.env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => {
        if (child.connected) child.send(message as never);
      },
      onMessage: (listener) => {
        child.on('message', listener);
      },
      onExit: (listener) => {
        child.once('exit', (code, signal) => listener(code, signal));
      },
      kill: () => {
        child.kill('SIGKILL');
      },
    };
  },
};
