import type { DetectContext, Detector, DetectorOutput } from '../types';
import { detectAccelerators } from './accel';
import { detectContainers } from './containers';
import { detectNode } from './node';
import { detectOthers } from './others';
import { detectPython } from './python';
import { detectRust } from './rust';
import { emptyOutput, errorMessage, problem } from './shared';

/** Named, so a failure can say which detector broke. */
const NAMED: ReadonlyArray<[string, Detector]> = [
  ['node', detectNode],
  ['rust', detectRust],
  ['python', detectPython],
  ['containers', detectContainers],
  ['accelerators', detectAccelerators],
  ['others', detectOthers],
];

export const detectors: Detector[] = NAMED.map(([, detector]) => detector);

/**
 * Runs every detector and merges what they found. A detector that throws is a bug in that
 * detector, not a reason to lose the others' results: it becomes a Problem and the profile goes on.
 */
export async function runDetectors(context: DetectContext): Promise<DetectorOutput> {
  const results = await Promise.all(
    NAMED.map(async ([name, detector]): Promise<DetectorOutput> => {
      try {
        return await detector(context);
      } catch (error) {
        const output = emptyOutput();
        output.problems.push(problem('', null, null, `the ${name} detector failed: ${errorMessage(error)}`));
        return output;
      }
    }),
  );
  const merged = emptyOutput();
  const ids = new Set<string>();
  for (const result of results) {
    merged.stacks.push(...result.stacks);
    merged.problems.push(...result.problems);
    for (const found of result.commands) {
      // Ids must stay unique for saved edits to attach to the right command.
      let id = found.id;
      for (let n = 2; ids.has(id); n++) id = `${found.id}#${n}`;
      ids.add(id);
      merged.commands.push(id === found.id ? found : { ...found, id });
    }
  }
  return merged;
}

export { detectAccelerators, detectContainers, detectNode, detectOthers, detectPython, detectRust };
