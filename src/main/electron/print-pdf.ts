import { BrowserWindow } from 'electron';

/**
 * Prints a self-contained HTML report with Electron's printToPDF in a hidden, sandboxed window
 * with JavaScript off (the report needs none) and every request refused.
 */
export async function printPdfWithElectron(html: string): Promise<Buffer> {
  const window = new BrowserWindow({
    show: false,
    // Its own session: the request filter below must not touch the main window's session.
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      javascript: false,
      nodeIntegration: false,
      partition: 'tunebench-pdf',
    },
  });
  window.webContents.session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*'] }, (_details, callback) =>
    callback({ cancel: true }),
  );
  try {
    await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`);
    return await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  } finally {
    window.destroy();
  }
}
