import { ipcMain, type WebContents } from 'electron';
import { eventNames, IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX, methodNames } from '../../shared/contract';
import { dispatch, type DispatchResult } from '../core/api-dispatch';
import type { Engine } from '../core/engine';
import { isTrustedSender } from './trusted-sender';

/**
 * Registers one IPC handler per method of the API map, all through the same wrapper: the
 * sender frame is checked and the payload parsed with the method's schema (in dispatch).
 * Engine events are forwarded to the window on one channel.
 */
export function registerApi(engine: Engine, contents: WebContents, devServerUrl: string | undefined): () => void {
  for (const method of methodNames) {
    ipcMain.handle(`${IPC_INVOKE_PREFIX}${method}`, async (event, payload: unknown): Promise<DispatchResult> => {
      if (!isTrustedSender(event.senderFrame, devServerUrl)) {
        return { ok: false, error: { code: 'forbidden', message: 'IPC from an untrusted frame was refused' } };
      }
      return dispatch(engine.handlers, method, payload);
    });
  }
  const unsubscribers = eventNames.map((name) =>
    engine.events.on(name, (payload) => {
      if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, name, payload);
    }),
  );
  return () => {
    for (const method of methodNames) ipcMain.removeHandler(`${IPC_INVOKE_PREFIX}${method}`);
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
