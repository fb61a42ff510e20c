import {
  type CodeStyle,
  ConfigEditError,
  type ConfigLookup,
  type ConfigValue,
  type JsonLiteral,
  readConfigOption,
  setConfigOption,
} from '../../edit/js-config';
import { joinPath } from '../../../project/detect/shared';
import type { DetectedFinding, FileEdit, RuleContext } from '../../types';
import {
  dataString,
  dataStrings,
  lineEvidence,
  type NodePackage,
  nodePackages,
  readOrThrow,
  rootPackage,
  toolMajor,
} from './shared';

/** The names Vite itself tries, in its order (DEFAULT_CONFIG_FILES): the first one found is used. */
const CONFIG_NAMES = [
  'vite.config.js',
  'vite.config.mjs',
  'vite.config.ts',
  'vite.config.cjs',
  'vite.config.mts',
  'vite.config.cts',
];

export interface ViteProject {
  pkg: NodePackage;
  root: NodePackage | null;
  /** Root-relative path of the config file. */
  file: string;
  text: string;
  /** Vite's major version, when the package (or the workspace root, or node_modules) says. */
  major: number | null;
}

/** Packages with a Vite config file, each with the config Vite would load. */
export async function viteProjects(context: RuleContext): Promise<ViteProject[]> {
  const packages = await nodePackages(context);
  const root = rootPackage(packages);
  const projects: ViteProject[] = [];
  for (const pkg of packages) {
    for (const name of CONFIG_NAMES) {
      const file = joinPath(pkg.dir, name);
      const text = await context.read(file);
      if (text === null) continue;
      projects.push({ pkg, root, file, text, major: await toolMajor(context, pkg, root, 'vite') });
      break;
    }
  }
  return projects;
}

/**
 * An option of the config, or null when the config cannot be read statically (a function export, a
 * computed config): then nobody can tell what it sets without running it, so the rules stay quiet
 * rather than propose what may already be there.
 */
export async function viteOption(project: ViteProject, path: readonly string[]): Promise<ConfigLookup | null> {
  try {
    return await readConfigOption(project.text, path);
  } catch (error) {
    if (error instanceof ConfigEditError) return null;
    throw error;
  }
}

/** Library and SSR builds have their own reasons for targets, minification and chunks. */
export async function isLibraryOrSsr(project: ViteProject): Promise<boolean | null> {
  for (const key of ['lib', 'ssr']) {
    const found = await viteOption(project, ['build', key]);
    if (found === null) return null;
    if (found.state !== 'missing' && !(found.state === 'literal' && found.value === false)) return true;
  }
  return false;
}

/** A finding about one option of the config, with the data the generic fix needs. */
export function optionFinding(
  project: ViteProject,
  found: ConfigLookup,
  fields: { message: string; current: string; proposed: string; path: string[]; value: JsonLiteral; warning?: string },
): DetectedFinding {
  return {
    dir: project.pkg.dir,
    message: fields.message,
    evidence: [lineEvidence(project.file, project.text, found.line)],
    current: fields.current,
    proposed: fields.proposed,
    ...(fields.warning ? { warning: fields.warning } : {}),
    data: { file: project.file, path: fields.path, value: fields.value },
  };
}

/** Edits one option in place; the error says why when the config is not statically editable. */
export async function editOption(
  context: RuleContext,
  file: string,
  path: readonly string[],
  value: ConfigValue | ((style: CodeStyle) => ConfigValue),
): Promise<FileEdit[]> {
  const before = await readOrThrow(context, file);
  try {
    return [{ file, before, after: await setConfigOption(before, path, value) }];
  } catch (error) {
    if (error instanceof ConfigEditError) throw new ConfigEditError(`${file}: ${error.message}`);
    throw error;
  }
}

/** The fix of the single-option Vite rules: data = { file, path, value }. */
export async function fixOption(finding: DetectedFinding, context: RuleContext): Promise<FileEdit[]> {
  const value = finding.data?.value;
  if (value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value))) {
    throw new Error('finding data has no literal value');
  }
  return editOption(context, dataString(finding, 'file'), dataStrings(finding, 'path'), value as JsonLiteral);
}

/** How an option reads in a message: `build.minify: false`. */
export function describeOption(path: readonly string[], found: ConfigLookup): string {
  return `${path.join('.')}: ${found.state === 'missing' ? 'not set' : (found.text ?? 'set')}`;
}
