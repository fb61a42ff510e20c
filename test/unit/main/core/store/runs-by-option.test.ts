import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../../src/main/core/store/database';
import { RunRepository } from '../../../../../src/main/core/store/runs';
import { useTempDirs } from '../../../../helpers/temp-dir';

const tempDir = useTempDirs();

describe("RunRepository.idsWithOption (a project's runs by folder, matched in SQLite)", () => {
  it('finds only the runs of that kind whose options hold the value, newest first, up to the limit', () => {
    const store = openStore(tempDir());
    try {
      const runs = new RunRepository(store.db);
      const settings = (root: string) => ({ preset: 'project', level: 'basic' as const, options: { root } });
      const a1 = runs.start('project', 'a', 'm', settings('/work/a'));
      runs.start('project', 'b', 'm', settings('/work/b'));
      // Same folder, another kind: not a project run.
      runs.start('cpu', 'cpu', 'm', settings('/work/a'));
      // A folder whose name holds the other as a prefix, and one with a quote: exact matches only.
      runs.start('project', 'a2', 'm', settings('/work/a2'));
      const quoted = runs.start('project', 'q', 'm', settings("/work/it's"));
      const a2 = runs.start('project', 'a', 'm', settings('/work/a'));
      const a3 = runs.start('project', 'a', 'm', settings('/work/a'));

      expect(runs.idsWithOption('project', 'root', '/work/a', 200)).toEqual([a3, a2, a1]);
      expect(runs.idsWithOption('project', 'root', '/work/a', 2)).toEqual([a3, a2]);
      expect(runs.idsWithOption('project', 'root', "/work/it's", 200)).toEqual([quoted]);
      expect(runs.idsWithOption('project', 'root', '/work/none', 200)).toEqual([]);
      expect(() => runs.idsWithOption('project', "root') OR 1=1 --", '/x', 1)).toThrow(/not an option name/);
    } finally {
      store.db.close();
    }
  });
});
