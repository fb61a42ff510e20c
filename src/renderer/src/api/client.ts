import type { ApiClient } from '../../../shared/contract';
import { createWebClient } from './web-client';

let client: ApiClient | null = null;

/** The Electron bridge when the preload provided one, the HTTP client in a browser: same interface. */
export function api(): ApiClient {
  client ??= window.tunebench ?? createWebClient();
  return client;
}

export function setApiClientForTests(fake: ApiClient): void {
  client = fake;
}
