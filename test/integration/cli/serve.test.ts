import { createServer, type AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../../helpers/cli';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
beforeAll(() => assertBuilt());

describe('tunebench serve', () => {
  it('on a port that is taken, says so and how to choose another instead of printing EADDRINUSE', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const { port } = blocker.address() as AddressInfo;
    try {
      const result = await runCli(['serve', '--port', String(port)], { TUNEBENCH_HOME: tempDir() });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `port ${port} on 127.0.0.1 is already in use (another Tunebench?): choose another with --port <n>, or --port 0 for any free one`,
      );
      expect(result.stderr).not.toContain('EADDRINUSE');
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
