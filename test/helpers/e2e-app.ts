import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openApp, type AppHandle, type OpenAppOptions } from './app-target';
import { assertBuilt, REPO_ROOT } from './cli';
import { fixtureRepo } from './fixture-project';

/** Where e2e tests put screenshots and other artifacts; useApp creates it before the app opens. */
export const ARTIFACTS = join(REPO_ROOT, 'test-results');

export interface UseAppOptions {
  /** Names the temporary folders: tunebench-e2e-<name>-home-…, tunebench-e2e-<name>-project-…. */
  name: string;
  /** A fixture project (test/fixtures/projects/<fixture>) copied into its own git repository. */
  fixture?: string;
  fixtureOptions?: { linkNodeModules?: boolean };
  /** Environment for the app besides TUNEBENCH_HOME. */
  env?: Record<string, string>;
  viewport?: OpenAppOptions['viewport'];
  /** Fills the new data folder (stored runs, say) before the app opens. */
  seed?: (home: string) => void | Promise<void>;
  /** The beforeAll timeout, for a slow seed (vitest's hookTimeout without one). */
  timeout?: number;
  /** Removes the data folder once the app is closed (it is left behind otherwise). */
  removeHome?: boolean;
}

export interface E2eApp {
  readonly app: AppHandle;
  /** The copied fixture project; only with the fixture option. */
  readonly project: string;
  /** The app's TUNEBENCH_HOME. */
  readonly home: string;
}

/**
 * The set-up nearly every e2e file shares: the app opened once for the file (beforeAll) on a fresh
 * data folder, and on a copied fixture project if asked, then closed (afterAll). One place for it, so
 * the files hold only their tests. The returned getters are valid once beforeAll has run.
 */
export function useApp(options: UseAppOptions): E2eApp {
  let app: AppHandle | undefined;
  let project: string | undefined;
  let home: string | undefined;

  beforeAll(async () => {
    assertBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    home = mkdtempSync(join(os.tmpdir(), `tunebench-e2e-${options.name}-home-`));
    if (options.fixture) {
      const into = mkdtempSync(join(os.tmpdir(), `tunebench-e2e-${options.name}-project-`));
      project = fixtureRepo(options.fixture, into, options.fixtureOptions);
    }
    await options.seed?.(home);
    app = await openApp({ env: { TUNEBENCH_HOME: home, ...options.env }, viewport: options.viewport });
  }, options.timeout);

  afterAll(async () => {
    await app?.close();
    if (options.removeHome && home) rmSync(home, { recursive: true, force: true });
  });

  return {
    get app() {
      if (!app) throw new Error('useApp: the app is not open (its beforeAll has not run, or failed)');
      return app;
    },
    get project() {
      if (!options.fixture) throw new Error(`useApp({ name: '${options.name}' }): no fixture was asked for`);
      if (!project) throw new Error('useApp: the fixture project is not copied yet (beforeAll has not run)');
      return project;
    },
    get home() {
      if (!home) throw new Error('useApp: the data folder is not made yet (beforeAll has not run)');
      return home;
    },
  };
}
