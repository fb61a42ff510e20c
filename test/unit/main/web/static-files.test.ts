import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStaticFile } from '../../../../src/main/web/static-files';
import { isAllowedHost, isAllowedOrigin } from '../../../../src/main/web/auth';
import { useTempDirs } from '../../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('readStaticFile', () => {
  it('serves files inside the root and refuses every way out of it', async () => {
    const base = tempDir();
    const root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<html></html>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(base, 'secret.txt'), 'secret');

    expect((await readStaticFile(root, '/'))?.contentType).toMatch(/text\/html/);
    expect((await readStaticFile(root, '/assets/app.js'))?.body.toString()).toBe('console.log(1)');
    for (const attempt of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/../../secret.txt',
      '/..%2fsecret.txt',
      '/%00',
      '/%E0%A4%A',
    ]) {
      expect(await readStaticFile(root, attempt)).toBeNull();
    }
    expect(await readStaticFile(root, '/assets')).toBeNull();
  });
});

describe('host and origin checks', () => {
  it('accepts only loopback names on our port', () => {
    expect(isAllowedHost('127.0.0.1:7357', 7357)).toBe(true);
    expect(isAllowedHost('localhost:7357', 7357)).toBe(true);
    expect(isAllowedHost('evil.example:7357', 7357)).toBe(false);
    expect(isAllowedHost('127.0.0.1:80', 7357)).toBe(false);
    expect(isAllowedHost(undefined, 7357)).toBe(false);
    expect(isAllowedOrigin(undefined, 7357)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:7357', 7357)).toBe(true);
    expect(isAllowedOrigin('https://evil.example', 7357)).toBe(false);
  });
});
