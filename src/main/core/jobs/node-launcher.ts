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
      // Its own process group, so cancelling kills the whole tree (a benchmarked command and its
      // children too) with one signal. Workers exit by themselves when the IPC channel closes.
      detached: process.platform !== 'win32',
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
        if (child.exitCode !== null || child.signalCode !== null) return;
        const signalGroup = (signal: NodeJS.Signals) => {
          try {
            if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, signal);
            else child.kill(signal);
          } catch {
            // already gone
          }
        };
        // SIGTERM first: tb-exec passes it on to the benchmarked command's own process group (a
        // SIGKILL would orphan that group). Whatever is still alive a second later is killed.
        signalGroup('SIGTERM');
        setTimeout(() => {
          if (child.exitCode === null && child.signalCode === null) signalGroup('SIGKILL');
        }, 1000).unref();
      },
    };
  },
};
