import { contextBridge, ipcRenderer } from 'electron';
import { buildApiClient, IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX, isEventName, type EventName } from '../shared/contract';

type Result = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

// One IPC listener fans events out to the page's subscribers; the page never sees ipcRenderer.
ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string' || !isEventName(name)) return;
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

/**
 * `window.tunebench`: one named function per method of the shared API map (generated, never a
 * hand-written list) and one subscribe function per event, each returning an unsubscribe.
 */
const client = buildApiClient(
  async (method, input) => {
    const result = (await ipcRenderer.invoke(`${IPC_INVOKE_PREFIX}${method}`, input)) as Result;
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  },
  (event, listener) => {
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  },
);

contextBridge.exposeInMainWorld('tunebench', client);
