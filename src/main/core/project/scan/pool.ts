/**
 * Pulls items from one async iterator with `concurrency` workers. A worker's handler returns
 * false to stop everyone (file limit); the first error stops everyone and is rethrown. The
 * iterator is always closed at the end, which is what kills a git listing stopped early.
 */
export async function drain<T>(
  source: AsyncIterator<T>,
  concurrency: number,
  handle: (item: T, worker: number) => Promise<boolean>,
): Promise<void> {
  let stopped = false;
  let failure: { error: unknown } | undefined;
  const worker = async (index: number): Promise<void> => {
    while (!stopped) {
      const next = await source.next();
      if (next.done || stopped) return;
      if (!(await handle(next.value, index))) stopped = true;
    }
  };
  const workers = Array.from({ length: concurrency }, (_, index) =>
    worker(index).catch((error: unknown) => {
      stopped = true;
      failure ??= { error };
    }),
  );
  await Promise.all(workers);
  await source.return?.();
  if (failure) throw failure.error;
}
