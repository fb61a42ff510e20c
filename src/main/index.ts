import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';
import { createEngine, type Engine } from './core/engine';
import { resolveDataDir } from './core/store/paths';
import { registerAppScheme, serveRendererFromAppProtocol } from './electron/app-protocol';
import { utilityWorkerLauncher } from './electron/utility-launcher';
import { printPdfWithElectron } from './electron/print-pdf';
import { createMainWindow } from './electron/window';
import { registerApi } from './ipc/register-api';

// Electron shell only: window, protocol, security settings and IPC registration. All work is
// done by the engine in ./core, the same one the CLI and `tunebench serve` use.
registerAppScheme();
app.enableSandbox();

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
let engine: Engine | null = null;
let unregister: (() => void) | null = null;

function openWindow(): void {
  engine ??= createEngine({
    dataDir: resolveDataDir(process.env, app.getPath('userData')),
    shell: 'electron',
    launcher: utilityWorkerLauncher,
    printPdf: printPdfWithElectron,
  });
  const window = createMainWindow(devServerUrl);
  unregister?.();
  unregister = registerApi(engine, window.webContents, devServerUrl);
  window.on('closed', () => {
    void engine?.handlers['telemetry.stop']({});
  });
}

app.whenReady().then(() => {
  serveRendererFromAppProtocol(join(__dirname, '../renderer'));
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  unregister?.();
  void engine?.close();
});
