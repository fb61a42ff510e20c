import type { Engine } from '../core/engine';

/** A run reference: an id, "latest", or a baseline name. */
export async function resolveRunRef(engine: Engine, ref: string): Promise<number> {
  if (/^\d+$/.test(ref)) return Number(ref);
  const runs = await engine.handlers['bench.runs']({ limit: 500 });
  if (ref === 'latest') {
    const latest = runs.find((run) => run.status === 'completed');
    if (!latest) throw new Error('no completed run yet: run `tunebench bench cpu` first');
    return latest.id;
  }
  const named = runs.find((run) => run.baselines.includes(ref));
  if (!named) throw new Error(`no run or baseline named "${ref}" (use a run id, "latest" or a saved baseline name)`);
  return named.id;
}
