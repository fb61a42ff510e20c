import type { WebFrameMain } from 'electron';

export const APP_ORIGIN = 'app://tunebench';

/**
 * Only our own top-level page may call the API: not an iframe, not a page we navigated away to.
 * In development the renderer comes from the electron-vite dev server instead of app://.
 */
export function isTrustedSender(frame: WebFrameMain | null, devServerUrl: string | undefined): boolean {
  if (!frame || frame.parent !== null) return false;
  let origin: string;
  try {
    origin = new URL(frame.url).origin;
  } catch {
    return false;
  }
  if (frame.url.startsWith(`${APP_ORIGIN}/`)) return true;
  return devServerUrl !== undefined && origin === new URL(devServerUrl).origin;
}
