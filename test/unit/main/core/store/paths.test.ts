import { join } from 'node:path';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../../../../src/main/core/store/paths';

describe('resolveDataDir', () => {
  it('prefers TUNEBENCH_HOME, then Electron userData, then the XDG data folder', () => {
    expect(resolveDataDir({ TUNEBENCH_HOME: '/x/home', XDG_DATA_HOME: '/xdg' }, '/electron')).toBe('/x/home');
    expect(resolveDataDir({ XDG_DATA_HOME: '/xdg' }, '/electron')).toBe('/electron');
    if (process.platform === 'linux') {
      expect(resolveDataDir({ XDG_DATA_HOME: '/xdg' })).toBe('/xdg/tunebench');
      expect(resolveDataDir({})).toBe(join(os.homedir(), '.local', 'share', 'tunebench'));
    }
  });
});
