import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { _electron, type Page } from 'playwright-core';
import { APP_ORIGIN } from '../../src/main/ipc/trusted-sender';
import { launchChromium } from './chromium';
import { REPO_ROOT } from './cli';
import { startServe } from './serve';

/**
 * Where the e2e tests run the renderer: Debian's Chromium against a started `tunebench serve` (the
 * default), or the desktop app itself through Playwright's `_electron` (TUNEBENCH_E2E_TARGET=electron,
 * needs the Electron binary in node_modules/electron/dist).
 */
export type AppTarget = 'serve' | 'electron';

export const TARGET_VARIABLE = 'TUNEBENCH_E2E_TARGET';

export function appTarget(env: NodeJS.ProcessEnv = process.env): AppTarget {
  const value = (env[TARGET_VARIABLE] ?? '').trim().toLowerCase();
  if (value === '' || value === 'serve') return 'serve';
  if (value === 'electron') return 'electron';
  throw new Error(
    `${TARGET_VARIABLE}=${env[TARGET_VARIABLE]} is not a target: use "serve" (the default) or "electron"`,
  );
}

const require = createRequire(import.meta.url);

/** The installed electron npm package (its JavaScript; the binary is fetched separately). */
export function electronPackageDir(): string {
  return dirname(require.resolve('electron/package.json'));
}

/**
 * The Electron binary, found the way the electron package's index.js finds it (path.txt, dist/,
 * ELECTRON_OVERRIDE_DIST_PATH) but without its side effect: requiring that package when the binary is
 * missing starts a download. Throws with the remedy instead.
 */
export function findElectronBinary(packageDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const pathFile = join(packageDir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, name || 'electron') : name ? join(packageDir, 'dist', name) : '';
  if (binary && existsSync(binary)) return binary;
  throw new Error(
    `${TARGET_VARIABLE}=electron, but the Electron binary is missing (${binary || `no ${pathFile}`}). ` +
      'Fetch it with `npx install-electron` (or `npm start`, which downloads it unless ELECTRON_SKIP_BINARY_DOWNLOAD is set), ' +
      `or leave ${TARGET_VARIABLE} unset to run the tests in Chromium against tunebench serve.`,
  );
}

/** `require('electron')`: the binary's path, once it is known to exist (so nothing is downloaded). */
export function electronExecutablePath(env: NodeJS.ProcessEnv = process.env): string {
  findElectronBinary(electronPackageDir(), env);
  const executable: unknown = require('electron');
  if (typeof executable !== 'string') throw new Error('require("electron") did not return the binary path');
  return executable;
}

/** The built main process the desktop app starts from (package.json "main"). */
export const ELECTRON_MAIN = join(REPO_ROOT, 'out/main/index.js');

export interface OpenAppOptions {
  /** Extra environment for the app: TUNEBENCH_HOME (its data folder) and other TUNEBENCH_* settings. */
  env?: Record<string, string>;
  viewport?: { width: number; height: number };
}

export interface AppHandle {
  target: AppTarget;
  page: Page;
  /** The address of a page of the app ("project" → …#/project); the app's start page without one. */
  url(pageId?: string): string;
  /**
   * Shows a page of the app by setting location.hash, in both targets. In serve mode the page is blank
   * until the first call, which loads the app (with its token) at that page, as a user's browser would.
   */
  goto(pageId?: string): Promise<void>;
  /**
   * Loads the app afresh at a page (a reload in Electron): the renderer's state starts over, as in a
   * new browser tab. For tests that each want an app just opened.
   */
  load(pageId?: string): Promise<void>;
  /**
   * Calls a method of the app's own API (seeding runs, waiting for jobs): over HTTP with the token in
   * serve mode, through the preload's `window.tunebench` in Electron. Rejects with the API's message.
   */
  call<T>(method: string, input?: object): Promise<T>;
  /** Where every request of the app goes: the served http://127.0.0.1:<port>, or app://tunebench. */
  origin: string;
  close(): Promise<void>;
}

/** The API over HTTP, authorised with the token `tunebench serve` printed in its URL. */
async function callServe<T>(serveUrl: string, method: string, input: object): Promise<T> {
  const url = new URL(serveUrl);
  const response = await fetch(`${url.origin}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${url.searchParams.get('token')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { value: T; error?: { message: string } };
  if (!response.ok) throw new Error(`${method}: ${body.error?.message ?? response.status}`);
  return body.value;
}

/** The API through the preload bridge, the way the renderer itself calls it. */
async function callElectron<T>(page: Page, method: string, input: object): Promise<T> {
  const [domain, verb] = method.split('.');
  return page.evaluate(
    async ([d, v, i]) => {
      const api = (globalThis as unknown as { tunebench: Record<string, Record<string, (x: unknown) => unknown>> })
        .tunebench;
      const fn = api[d!]?.[v!];
      if (!fn) throw new Error(`no API method ${d}.${v}`);
      return fn(i) as T;
    },
    [domain, verb, input] as const,
  );
}

/** Opens the app for one test, in the target TUNEBENCH_E2E_TARGET names. */
export async function openApp(options: OpenAppOptions = {}): Promise<AppHandle> {
  return appTarget() === 'electron' ? openElectron(options) : openServe(options);
}

function hashOf(pageId: string | undefined): string {
  return pageId ? `#/${pageId}` : '';
}

async function setHash(page: Page, pageId: string | undefined): Promise<void> {
  const hash = `#/${pageId ?? 'overview'}`;
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
  await page.waitForFunction(`window.location.hash === ${JSON.stringify(hash)}`);
}

async function openServe(options: OpenAppOptions): Promise<AppHandle> {
  const serve = await startServe(options.env ?? {});
  let browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await serve.stop();
    throw error;
  }
  const page = await browser.newPage(options.viewport ? { viewport: options.viewport } : {});
  const url = (pageId?: string) => `${serve.url}${hashOf(pageId)}`;
  let loaded = false;
  return {
    target: 'serve',
    page,
    url,
    async goto(pageId) {
      if (loaded) return setHash(page, pageId);
      await page.goto(url(pageId));
      loaded = true;
    },
    async load(pageId) {
      await page.goto(url(pageId));
      loaded = true;
    },
    call: (method, input = {}) => callServe(serve.url, method, input),
    origin: new URL(serve.url).origin,
    async close() {
      await browser.close();
      await serve.stop();
    },
  };
}

async function openElectron(options: OpenAppOptions): Promise<AppHandle> {
  const executablePath = electronExecutablePath();
  if (!existsSync(ELECTRON_MAIN)) throw new Error(`${ELECTRON_MAIN} is missing: run \`npm run build\` first`);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...options.env })) {
    if (value !== undefined) env[key] = value;
  }
  // The built renderer over app://, never a dev server; Electron as itself, not as plain Node.
  delete env.ELECTRON_RENDERER_URL;
  delete env.ELECTRON_RUN_AS_NODE;
  // A fresh Chromium profile (cookies, storage) per launch, as a fresh Chromium gets in serve mode;
  // the app's own data goes to TUNEBENCH_HOME.
  const profile = mkdtempSync(join(os.tmpdir(), 'tunebench-e2e-electron-profile-'));
  const app = await _electron
    .launch({ executablePath, args: [ELECTRON_MAIN, `--user-data-dir=${profile}`], env, cwd: REPO_ROOT })
    .catch((error: unknown) => {
      rmSync(profile, { recursive: true, force: true });
      throw error;
    });
  const close = async () => {
    await app.close();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const page = await app.firstWindow();
    // The window loads app://tunebench/index.html itself (src/main/electron/window.ts); a hash set
    // before that navigation commits would be lost.
    await page.waitForURL((address) => address.href.startsWith(`${APP_ORIGIN}/`));
    if (options.viewport) await page.setViewportSize(options.viewport);
    return {
      target: 'electron',
      page,
      url: (pageId) => `${APP_ORIGIN}/index.html${hashOf(pageId)}`,
      goto: (pageId) => setHash(page, pageId),
      async load(pageId) {
        await setHash(page, pageId);
        await page.reload();
      },
      call: (method, input = {}) => callElectron(page, method, input),
      origin: APP_ORIGIN,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
