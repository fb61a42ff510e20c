import type { Progress } from '../../shared/schemas/progress';

/** Renders job progress on stderr: a redrawn bar on a terminal, plain lines otherwise. */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): (progress: Progress) => void {
  let lastLine = '';
  return (progress) => {
    if (progress.kind !== 'step') {
      if (stream.isTTY) stream.write('\r\x1b[K');
      return;
    }
    const width = 24;
    const filled = Math.round(progress.value * width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(progress.value * 100)
      .toString()
      .padStart(3)} % ${progress.title}${progress.description ? ` — ${progress.description}` : ''}`;
    if (stream.isTTY) stream.write(`\r\x1b[K${line.slice(0, (stream.columns ?? 120) - 1)}`);
    else if (progress.title !== lastLine) {
      lastLine = progress.title;
      stream.write(`${line}\n`);
    }
  };
}
