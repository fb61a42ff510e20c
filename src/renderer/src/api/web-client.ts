import {
  apiEvents,
  apiMethods,
  buildApiClient,
  type ApiClient,
  type EventName,
  type MethodName,
} from '../../../shared/contract';

/**
 * The browser client for `tunebench serve`: methods are POST /api/<method>, events arrive over
 * one EventSource. The token travels in an HttpOnly cookie the server set on the first visit,
 * so the page never holds it; it is removed from the address bar right away.
 */
export function createWebClient(): ApiClient {
  const url = new URL(window.location.href);
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }

  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource('/api/events');
    for (const name of Object.keys(apiEvents) as EventName[]) {
      source.addEventListener(name, (event) => {
        const parsed = apiEvents[name].safeParse(JSON.parse((event as MessageEvent<string>).data));
        if (!parsed.success) return;
        for (const listener of listeners.get(name) ?? []) listener(parsed.data);
      });
    }
  };

  const invoke = async (method: MethodName, input: unknown): Promise<unknown> => {
    const response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
      credentials: 'same-origin',
    });
    const body = (await response.json()) as { value?: unknown; error?: { message: string } };
    if (!response.ok) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
    return apiMethods[method].output.parse(body.value);
  };

  return buildApiClient(invoke, (event, listener) => {
    ensureSource();
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  });
}
