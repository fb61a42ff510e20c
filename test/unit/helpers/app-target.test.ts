import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appTarget, findElectronBinary, openApp } from '../../helpers/app-target';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('appTarget', () => {
  it('is tunebench serve unless TUNEBENCH_E2E_TARGET names Electron', () => {
    expect(appTarget({})).toBe('serve');
    expect(appTarget({ TUNEBENCH_E2E_TARGET: '' })).toBe('serve');
    expect(appTarget({ TUNEBENCH_E2E_TARGET: 'serve' })).toBe('serve');
    expect(appTarget({ TUNEBENCH_E2E_TARGET: 'electron' })).toBe('electron');
    expect(appTarget({ TUNEBENCH_E2E_TARGET: ' Electron ' })).toBe('electron');
  });

  it('refuses a target it does not know instead of silently testing the other one', () => {
    expect(() => appTarget({ TUNEBENCH_E2E_TARGET: 'electorn' })).toThrow(
      /TUNEBENCH_E2E_TARGET=electorn is not a target: use "serve" \(the default\) or "electron"/,
    );
  });
});

describe('findElectronBinary', () => {
  const remedy = /Fetch it with `npx install-electron`/;

  it('names the remedy when the electron package was installed without its binary', () => {
    const packageDir = tempDir('tunebench-electron-pkg-');
    expect(() => findElectronBinary(packageDir, {})).toThrow(remedy);
    expect(() => findElectronBinary(packageDir, {})).toThrow(/Electron binary is missing \(no .*path\.txt\)/);
  });

  it('names the missing file when path.txt points at a binary that is not there', () => {
    const packageDir = tempDir('tunebench-electron-pkg-');
    writeFileSync(join(packageDir, 'path.txt'), 'electron');
    expect(() => findElectronBinary(packageDir, {})).toThrow(join(packageDir, 'dist', 'electron'));
    expect(() => findElectronBinary(packageDir, {})).toThrow(remedy);
  });

  it('finds the binary where the electron package puts it, or under ELECTRON_OVERRIDE_DIST_PATH', () => {
    const packageDir = tempDir('tunebench-electron-pkg-');
    writeFileSync(join(packageDir, 'path.txt'), 'electron');
    mkdirSync(join(packageDir, 'dist'));
    writeFileSync(join(packageDir, 'dist', 'electron'), '');
    expect(findElectronBinary(packageDir, {})).toBe(join(packageDir, 'dist', 'electron'));

    const override = tempDir('tunebench-electron-dist-');
    expect(() => findElectronBinary(packageDir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toThrow(remedy);
    writeFileSync(join(override, 'electron'), '');
    expect(findElectronBinary(packageDir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBe(join(override, 'electron'));
  });
});

describe('openApp', () => {
  it('with the Electron target and no binary, fails with the remedy before starting anything', async () => {
    // An empty override folder: the binary is missing here whether or not this machine has Electron.
    vi.stubEnv('TUNEBENCH_E2E_TARGET', 'electron');
    vi.stubEnv('ELECTRON_OVERRIDE_DIST_PATH', tempDir('tunebench-electron-dist-'));
    await expect(openApp()).rejects.toThrow(/Electron binary is missing .*Fetch it with `npx install-electron`/);
  });
});
