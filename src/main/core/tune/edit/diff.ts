import { createTwoFilesPatch } from 'diff';
import type { FileEdit } from '../types';

/**
 * A git-style unified diff of the edits (a/ and b/ prefixes, /dev/null for new files), the form
 * every reviewer already reads and `git apply` accepts.
 */
export function unifiedDiff(edits: readonly FileEdit[]): string {
  return edits
    .map((edit) => {
      const patch = createTwoFilesPatch(
        edit.before === null ? '/dev/null' : `a/${edit.file}`,
        `b/${edit.file}`,
        edit.before ?? '',
        edit.after,
        undefined,
        undefined,
        { context: 3 },
      );
      // jsdiff starts with an "Index:"-less "===" banner; git's form starts at "diff --git".
      const body = patch.split('\n').filter((line) => !/^={10,}$/.test(line));
      return [
        `diff --git a/${edit.file} b/${edit.file}`,
        ...(edit.before === null ? ['new file mode 100644'] : []),
        ...body,
      ]
        .join('\n')
        .trimEnd();
    })
    .join('\n')
    .concat(edits.length > 0 ? '\n' : '');
}
