import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { dockerEngine } from '../../../../../src/main/core/project/docker';

function hasDockerCli(): boolean {
  try {
    execFileSync('docker', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('dockerEngine', () => {
  it('says docker is not installed when the CLI is missing', async () => {
    expect(await dockerEngine('/nonexistent/docker')).toEqual({ status: 'absent', reason: 'docker is not installed' });
  });

  it.skipIf(!hasDockerCli())(
    'reports what the real CLI says when no engine answers (this machine has the client only)',
    async () => {
      const engine = await dockerEngine();
      if (engine.status === 'present') return; // an engine runs here after all: nothing to check
      expect(engine.status).toBe('absent');
      expect(engine.reason).toMatch(/^the Docker engine is not answering: .*(daemon|connect|socket)/i);
    },
  );
});
