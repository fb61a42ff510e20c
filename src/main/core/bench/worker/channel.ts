/**
 * The worker side of the parent channel: Node's child_process IPC (process.send) or Electron's
 * utilityProcess port (process.parentPort), whichever this process was started with.
 */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

export function sendToParent(message: unknown): Promise<void> {
  if (parentPort) {
    parentPort.postMessage(message);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    if (!process.send || !process.connected) resolve();
    else process.send(message, undefined, {}, () => resolve());
  });
}

export function onceFromParent(listener: (message: unknown) => void): void {
  if (parentPort) {
    let seen = false;
    parentPort.on('message', (event) => {
      if (seen) return;
      seen = true;
      listener(event.data);
    });
  } else {
    process.once('message', listener);
    // Orphaned (the app died or cancelled): stop at once instead of measuring for nobody.
    process.once('disconnect', () => process.exit(0));
  }
}

export function closeParentChannel(): void {
  if (parentPort) return;
  process.removeAllListeners('disconnect');
  if (process.connected) process.disconnect();
}
