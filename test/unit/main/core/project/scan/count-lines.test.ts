import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countLines } from '../../../../../../src/main/core/project/scan/count-lines';
import { useTempDirs } from '../../../../../helpers/temp-dir';

describe('countLines', () => {
  const tempDir = useTempDirs();
  const scratch = Buffer.alloc(16); // tiny on purpose: lines and the NUL test must work across chunks

  function file(content: string | Buffer): [string, number] {
    const path = join(tempDir(), 'f');
    writeFileSync(path, content);
    return [path, Buffer.byteLength(content)];
  }

  it('counts newline-terminated lines, and a last line without a newline', async () => {
    expect(await countLines(...file('a\nb\nc\n'), scratch)).toEqual({ lines: 3, binary: false });
    expect(await countLines(...file('a\nb\nc'), scratch)).toEqual({ lines: 3, binary: false });
    expect(await countLines(...file(''), scratch)).toEqual({ lines: 0, binary: false });
    expect(await countLines(...file('line\r\n'.repeat(1000)), scratch)).toEqual({ lines: 1000, binary: false });
  });

  it('calls a file with a NUL byte near its start binary', async () => {
    expect(await countLines(...file(Buffer.from([0x41, 0x0a, 0x00, 0x42])), Buffer.alloc(64 * 1024))).toEqual({
      lines: 0,
      binary: true,
    });
  });

  it('looks for NUL bytes in the first 8 KiB even when they span several reads', async () => {
    const content = Buffer.concat([Buffer.from('x\n'.repeat(100)), Buffer.from([0])]);
    expect(await countLines(...file(content), scratch)).toEqual({ lines: 0, binary: true });
    const late = Buffer.concat([Buffer.from('x\n'.repeat(5000)), Buffer.from([0])]);
    expect((await countLines(...file(late), scratch)).binary).toBe(false);
  });
});
