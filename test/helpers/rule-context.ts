import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { profileProject } from '../../src/main/core/project/profile';
import { buildRuleContext, type RuleContextOptions } from '../../src/main/core/tune/context';
import type { RuleContext } from '../../src/main/core/tune/types';

/** Writes `files` (path → text) into a fresh temporary folder and returns its path. */
export function writeProject(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tb-rule-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Profiles a real folder with the real scanner and detectors, and wraps it for rules. */
export async function ruleContextFor(root: string, options: RuleContextOptions = {}): Promise<RuleContext> {
  const profile = await profileProject(root, { trust: null, commands: null });
  return buildRuleContext(profile, { hasTool: async () => false, ...options });
}
