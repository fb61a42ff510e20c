import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** A Chromium to print with: TUNEBENCH_CHROMIUM, or a usual install location. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.TUNEBENCH_CHROMIUM) return existsSync(env.TUNEBENCH_CHROMIUM) ? env.TUNEBENCH_CHROMIUM : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/**
 * Prints the self-contained HTML report to PDF with a local Chromium (the desktop app uses
 * Electron's printToPDF instead). Requests are blocked: the report must need none.
 */
export async function renderPdf(html: string): Promise<Buffer> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error(
      'PDF needs a Chromium: install one (apt-get install chromium) or set TUNEBENCH_CHROMIUM; HTML works without it',
    );
  }
  // Loaded on demand: playwright-core is large and only PDF output needs it.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' },
    });
  } finally {
    await browser.close();
  }
}
