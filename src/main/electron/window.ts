import { join } from 'node:path';
import { BrowserWindow, session, shell } from 'electron';
import { APP_ORIGIN } from '../ipc/trusted-sender';

/** The only hosts the app may open in the user's browser (documentation links). */
const EXTERNAL_HOSTS = new Set(['github.com', 'docs.openvino.ai', 'onnxruntime.ai']);

function openExternalIfListed(url: string): void {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' && EXTERNAL_HOSTS.has(parsed.hostname)) void shell.openExternal(url);
  } catch {
    // not a URL: ignore
  }
}

/**
 * A window with the Electron security checklist applied: context isolation, a sandboxed
 * renderer with a single-file preload, no Node in the page, no new windows, no navigation
 * away from the app, permissions denied by default.
 */
export function createMainWindow(devServerUrl: string | undefined): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Tunebench',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  window.webContents.setWindowOpenHandler(({ url }) => {
    openExternalIfListed(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    const sameOrigin = (a: string, b: string) => {
      try {
        return new URL(a).origin === new URL(b).origin;
      } catch {
        return false;
      }
    };
    // Compare origins, not prefixes: "http://localhost:5173" is a prefix of "http://localhost:51730".
    const allowed = url.startsWith(`${APP_ORIGIN}/`) || (devServerUrl !== undefined && sameOrigin(url, devServerUrl));
    if (!allowed) {
      event.preventDefault();
      openExternalIfListed(url);
    }
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
