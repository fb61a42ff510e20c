import { readFile } from 'node:fs/promises';
import ignore, { type Ignore } from 'ignore';

/** One folder's .gitignore, applied to paths below that folder. */
interface IgnoreLevel {
  base: string;
  rules: Ignore;
}

/** The .gitignore files from the root down to one folder, nearest last. Shared by child folders, never copied. */
export type IgnoreChain = readonly IgnoreLevel[];

/** Adds `folder/.gitignore` (relative `folder`, '' for the root) to the chain when it exists and can be read. */
export async function extendChain(chain: IgnoreChain, root: string, folder: string): Promise<IgnoreChain> {
  let text: string;
  try {
    text = await readFile(`${root}/${folder ? `${folder}/` : ''}.gitignore`, 'utf8');
  } catch {
    return chain;
  }
  return [...chain, { base: folder, rules: ignore().add(text) }];
}

/**
 * Git's precedence: the nearest .gitignore with an opinion on the path decides, so a deeper
 * `!keep.log` re-includes what a higher `*.log` excluded.
 */
export function isIgnored(chain: IgnoreChain, path: string, isFolder: boolean): boolean {
  for (let index = chain.length - 1; index >= 0; index -= 1) {
    const level = chain[index]!;
    const below = level.base ? path.slice(level.base.length + 1) : path;
    const verdict = level.rules.test(isFolder ? `${below}/` : below);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}
