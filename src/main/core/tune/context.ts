import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { HardwareProfile } from '../../../shared/schemas/hardware';
import type { ProjectProfile } from '../../../shared/schemas/project';
import { readText } from '../project/profile';
import type { InferenceObservation, RuleContext } from './types';

/** Whether an executable called `name` is on PATH (no shell, no spawning). */
export async function onPath(name: string, path = process.env.PATH ?? ''): Promise<boolean> {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    try {
      await access(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

export interface RuleContextOptions {
  hardware?: HardwareProfile | null;
  inference?: InferenceObservation[];
  /** Tests pin which tools "exist"; by default PATH is searched. */
  hasTool?: (name: string) => Promise<boolean>;
}

export function buildRuleContext(profile: ProjectProfile, options: RuleContextOptions = {}): RuleContext {
  const tools = new Map<string, Promise<boolean>>();
  return {
    root: profile.root,
    profile,
    read: (relativePath) => readText(profile.root, relativePath),
    hasTool:
      options.hasTool ??
      ((name) => {
        if (!tools.has(name)) tools.set(name, onPath(name));
        return tools.get(name)!;
      }),
    hardware: options.hardware ?? null,
    inference: options.inference ?? [],
  };
}
