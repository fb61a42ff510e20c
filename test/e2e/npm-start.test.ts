import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dir';

// `npm start` exactly as a user types it, in this checkout. These live in the e2e project because both paths rebuild
// out/ (as `electron-vite preview` always did), which must not happen while the unit project's tests read it.

interface Started {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** The environment a user has, minus anything of ours or of CI that would change which path `npm start` takes. */
function userEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['ELECTRON_OVERRIDE_DIST_PATH', 'ELECTRON_SKIP_BINARY_DOWNLOAD', 'ELECTRON_EXEC_PATH']) {
    delete env[name];
  }
  return { ...env, BROWSER: 'none', ...extra };
}

/** Runs `npm start` to its end (the stand-in Electron exits at once). */
function npmStartToEnd(env: NodeJS.ProcessEnv, timeoutMs = 110_000): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm start did not end within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
  });
}

/** Runs `npm start` until it prints the served URL, fetches it, then stops the whole process group. */
function npmStartServing(
  env: NodeJS.ProcessEnv,
  timeoutMs = 110_000,
): Promise<Started & { url: string; page: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const stopGroup = () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      settled = true;
      stopGroup();
      reject(new Error(`npm start printed no URL within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(stdout)?.[0];
      if (!url || settled) return;
      settled = true;
      clearTimeout(timer);
      fetch(url)
        .then(async (response) => {
          const page = response.ok ? await response.text() : `HTTP ${response.status}`;
          child.once('close', (code) => resolve({ stdout, stderr, code, url, page }));
          stopGroup();
        })
        .catch((error: unknown) => {
          stopGroup();
          reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
    child.on('close', (code) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code} before serving\n${stdout}\n${stderr}`));
    });
  });
}

function electronInstalled(): boolean {
  return existsSync(join(REPO_ROOT, 'node_modules', 'electron', 'path.txt'));
}

function holdPort(port: number): Promise<Server | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('npm start', () => {
  const tempDir = useTempDirs();

  it('launches the Electron binary named by ELECTRON_OVERRIDE_DIST_PATH with the freshly built app', async () => {
    const dist = tempDir('tunebench-electron-');
    const record = join(dist, 'launched.txt');
    // A stand-in for Electron's executable: it writes where it was started and with what, and whether the app's
    // main bundle is there, then exits as a closed window would.
    const standIn = join(dist, 'electron');
    writeFileSync(
      standIn,
      '#!/bin/sh\n{ printf "cwd=%s\\n" "$PWD"; printf "arg=%s\\n" "$@"; test -f "$PWD/out/main/index.js" && echo main=built; test -f "$PWD/out/preload/index.js" && echo preload=built; test -f "$PWD/out/renderer/index.html" && echo renderer=built; } > "$STANDIN_RECORD"\n',
    );
    chmodSync(standIn, 0o755);

    const result = await npmStartToEnd(userEnv({ ELECTRON_OVERRIDE_DIST_PATH: dist, STANDIN_RECORD: record }));

    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/not available|Electron uninstall/);
    const launched = readFileSync(record, 'utf8').split('\n');
    expect(launched).toContain(`cwd=${REPO_ROOT.replace(/\/$/, '')}`);
    expect(launched).toContain('arg=.');
    expect(launched).toEqual(expect.arrayContaining(['main=built', 'preload=built', 'renderer=built']));
    const main = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { main: string }).main;
    expect(existsSync(join(REPO_ROOT, main))).toBe(true);
  });

  it('says in one sentence that the download failed and serves the same UI when Electron cannot be fetched', async (context) => {
    if (electronInstalled()) context.skip('an Electron binary is installed here, so npm start would not download one');
    const cache = tempDir('tunebench-electron-cache-');
    const home = tempDir('tunebench-home-');
    // Nothing answers on port 9 of the loopback: the download fails at once, on any machine, online or not.
    const result = await npmStartServing(
      userEnv({ ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: cache, TUNEBENCH_HOME: home }),
    );

    expect(result.page).toMatch(/<html/i);
    const sentence = result.stderr.split('\n').find((line) => line.startsWith("Electron's binary is not available"));
    expect(sentence).toMatch(/its download failed: .+\), so Tunebench starts in your browser instead/);
    expect(result.stdout).toContain(`Tunebench is serving on ${result.url}`);
    // No stack trace and no electron-vite "Electron uninstall" error for the user to decode.
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).not.toMatch(/Electron uninstall/);
  });

  it('serves on a free port when ELECTRON_SKIP_BINARY_DOWNLOAD is set and the usual port is taken', async (context) => {
    if (electronInstalled()) context.skip('an Electron binary is installed here, so npm start would launch it');
    const home = tempDir('tunebench-home-');
    const blocker = await holdPort(7357);
    try {
      const result = await npmStartServing(userEnv({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1', TUNEBENCH_HOME: home }));
      expect(result.stderr).toContain('(ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it is not downloaded)');
      expect(result.stderr).not.toContain('Downloading Electron');
      expect(new URL(result.url).port).not.toBe('7357');
      expect(result.page).toMatch(/<html/i);
    } finally {
      await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
    }
  });
});
