import type { ApiClient } from '../shared/contract';

declare global {
  interface Window {
    /** Present in the Electron window only; the browser (web mode) uses the HTTP client. */
    tunebench?: ApiClient;
  }
}

export {};
