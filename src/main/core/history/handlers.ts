import type { ApiHandlers } from '../../../shared/contract';
import type { RunHistoryRepository } from '../store/run-history';

type HistoryHandlers = Pick<ApiHandlers, 'history.runs' | 'history.metrics' | 'history.series'>;

export function historyHandlers(deps: {
  history: RunHistoryRepository | null;
  storeError: string | null;
}): HistoryHandlers {
  const repo = (): RunHistoryRepository => {
    if (!deps.history) throw new Error(`the local database is unavailable: ${deps.storeError}`);
    return deps.history;
  };
  return {
    'history.runs': async ({ limit }) => repo().runs(limit),
    'history.metrics': async () => repo().metrics(),
    'history.series': async ({ limit, ...ref }) => {
      const series = repo().series(ref, limit);
      if (!series) {
        throw new Error(
          `no stored results for ${ref.benchmarkId} (${ref.kind}${ref.scope ? `, ${ref.scope}` : ''}, ${ref.unit})`,
        );
      }
      return series;
    },
  };
}
