/** Wraps a progress callback so it fires at most once per `intervalMs`; `flush` reports the final value. */
export function throttleProgress(
  callback: ((files: number) => void) | undefined,
  intervalMs = 100,
): { report(files: number): void; flush(files: number): void } {
  let last = 0;
  return {
    report(files) {
      if (!callback) return;
      const now = performance.now();
      if (now - last < intervalMs) return;
      last = now;
      callback(files);
    },
    flush(files) {
      callback?.(files);
    },
  };
}
