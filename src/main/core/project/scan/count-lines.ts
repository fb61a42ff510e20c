import { close, open, read } from 'node:fs';

/** A NUL byte in the first 8 KiB marks a file as binary (git's own test). */
const SNIFF_BYTES = 8 * 1024;
const NEWLINE = 0x0a;

export interface LineCount {
  lines: number;
  binary: boolean;
}

/**
 * Counts lines by counting newline bytes in chunks read into `scratch` (one buffer per worker, so
 * memory stays flat however many files there are). A last line without a newline still counts,
 * as an editor would show it. `size` is the size stat reported: bytes appended since are not read.
 */
export async function countLines(path: string, size: number, scratch: Buffer): Promise<LineCount> {
  const fd = await openFile(path);
  try {
    let lines = 0;
    let sniffed = 0;
    let lastByte = NEWLINE;
    // Stops at the size stat gave: saves the extra read that would only confirm the end of file.
    for (let total = 0; total < size;) {
      const bytesRead = await readChunk(fd, scratch);
      if (bytesRead === 0) break;
      total += bytesRead;
      const chunk = scratch.subarray(0, bytesRead);
      if (sniffed < SNIFF_BYTES && chunk.subarray(0, SNIFF_BYTES - sniffed).includes(0))
        return { lines: 0, binary: true };
      sniffed += bytesRead;
      for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) lines += 1;
      lastByte = chunk[bytesRead - 1]!;
    }
    if (lastByte !== NEWLINE) lines += 1;
    return { lines, binary: false };
  } finally {
    await closeFile(fd);
  }
}

// Callback fs wrapped by hand: on tens of thousands of small files, fs/promises' FileHandle costs
// measurably more per file than the plain descriptor calls.
function openFile(path: string): Promise<number> {
  return new Promise((resolve, reject) => open(path, 'r', (error, fd) => (error ? reject(error) : resolve(fd))));
}

function readChunk(fd: number, buffer: Buffer): Promise<number> {
  return new Promise((resolve, reject) =>
    read(fd, buffer, 0, buffer.length, null, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))),
  );
}

function closeFile(fd: number): Promise<void> {
  return new Promise((resolve, reject) => close(fd, (error) => (error ? reject(error) : resolve())));
}
