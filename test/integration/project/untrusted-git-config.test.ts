import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../../helpers/cli';
import { git } from '../../helpers/fixture-project';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
beforeAll(() => assertBuilt());

describe('scanning an untrusted repository', () => {
  it('never runs commands its .git/config names (fsmonitor, hooks), with the scan and the history', async () => {
    const root = tempDir();
    const marker = join(tempDir(), 'PWNED');
    git(root, 'init', '-q');
    writeFileSync(join(root, 'package.json'), '{"name":"x","scripts":{"build":"true"}}\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'init');
    // What a downloaded archive with its .git folder could carry.
    git(root, 'config', 'core.fsmonitor', `touch ${marker}; false`);
    git(root, 'config', 'core.hooksPath', root);
    writeFileSync(join(root, 'post-checkout'), `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
    const result = await runCli(['scan', root, '--json'], { TUNEBENCH_HOME: tempDir() });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).git.status).toBe('present');
    expect(existsSync(marker)).toBe(false);
  }, 60_000);
});
