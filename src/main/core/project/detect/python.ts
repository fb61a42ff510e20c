import type { Evidence, Stack } from '../../../../shared/schemas/project';
import type { DetectContext, Detector, DetectorOutput } from '../types';
import {
  asString,
  asStringArray,
  baseName,
  command,
  dirOf,
  emptyOutput,
  folderName,
  evidence,
  fact,
  isTable,
  joinPath,
  LineIndex,
  nearestDir,
  newStack,
  parseTomlFile,
  projectFiles,
  type TomlLines,
  unreadable,
} from './shared';

/** What a distribution or import means for tuning: the fact key it feeds and the display name. */
interface Library {
  key: 'python.framework' | 'python.server' | 'python.ml' | 'python.redis' | 'python.testing';
  name: string;
}

/** Keyed by normalized distribution name (PEP 503). */
const DISTRIBUTIONS: Record<string, Library> = {
  fastapi: { key: 'python.framework', name: 'fastapi' },
  flask: { key: 'python.framework', name: 'flask' },
  django: { key: 'python.framework', name: 'django' },
  starlette: { key: 'python.framework', name: 'starlette' },
  uvicorn: { key: 'python.server', name: 'uvicorn' },
  gunicorn: { key: 'python.server', name: 'gunicorn' },
  hypercorn: { key: 'python.server', name: 'hypercorn' },
  torch: { key: 'python.ml', name: 'pytorch' },
  tensorflow: { key: 'python.ml', name: 'tensorflow' },
  'tensorflow-cpu': { key: 'python.ml', name: 'tensorflow' },
  onnxruntime: { key: 'python.ml', name: 'onnxruntime' },
  'onnxruntime-gpu': { key: 'python.ml', name: 'onnxruntime' },
  redis: { key: 'python.redis', name: 'redis' },
  aioredis: { key: 'python.redis', name: 'aioredis' },
  pytest: { key: 'python.testing', name: 'pytest' },
};

/** Keyed by top-level module name, which differs from the distribution name for PyTorch. */
const MODULES: Record<string, Library> = {
  fastapi: { key: 'python.framework', name: 'fastapi' },
  flask: { key: 'python.framework', name: 'flask' },
  django: { key: 'python.framework', name: 'django' },
  starlette: { key: 'python.framework', name: 'starlette' },
  uvicorn: { key: 'python.server', name: 'uvicorn' },
  gunicorn: { key: 'python.server', name: 'gunicorn' },
  torch: { key: 'python.ml', name: 'pytorch' },
  tensorflow: { key: 'python.ml', name: 'tensorflow' },
  onnxruntime: { key: 'python.ml', name: 'onnxruntime' },
  redis: { key: 'python.redis', name: 'redis' },
  aioredis: { key: 'python.redis', name: 'aioredis' },
  pytest: { key: 'python.testing', name: 'pytest' },
  unittest: { key: 'python.testing', name: 'unittest' },
};

const MANIFESTS = new Set(['pyproject.toml', 'setup.py', 'setup.cfg', 'Pipfile', 'uv.lock', 'poetry.lock']);

function isRequirements(name: string): boolean {
  return /^requirements.*\.txt$/.test(name);
}

/** PEP 503 normalization, so `Flask`, `flask` and `FLASK` are one package. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The distribution name at the start of a PEP 508 requirement (`fastapi[all]>=0.110; python_version>"3.8"`). */
function requirementName(requirement: string): string | null {
  const match = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(requirement);
  return match?.[1] ? normalize(match[1]) : null;
}

interface Dependency {
  name: string;
  spec: string;
  where: Evidence;
}

function pyprojectDependencies(
  file: string,
  toml: Record<string, unknown>,
  lines: TomlLines,
  text: LineIndex,
): Dependency[] {
  const deps: Dependency[] = [];
  const at = (path: string[], item?: string): Evidence => {
    const line = item === undefined ? lines.lineOf(path) : lines.lineOfItem(path, item);
    return evidence(file, line, line === null ? undefined : text.excerpt(line));
  };
  const project = isTable(toml.project) ? toml.project : null;
  if (project) {
    for (const requirement of asStringArray(project.dependencies)) {
      const name = requirementName(requirement);
      if (name) deps.push({ name, spec: requirement, where: at(['project', 'dependencies'], requirement) });
    }
    const optional = isTable(project['optional-dependencies']) ? project['optional-dependencies'] : {};
    for (const [group, list] of Object.entries(optional)) {
      for (const requirement of asStringArray(list)) {
        const name = requirementName(requirement);
        if (name)
          deps.push({ name, spec: requirement, where: at(['project', 'optional-dependencies', group], requirement) });
      }
    }
  }
  // Poetry keeps dependencies as tables: [tool.poetry.dependencies] and [tool.poetry.group.<g>.dependencies].
  const poetry = isTable(toml.tool) && isTable(toml.tool.poetry) ? toml.tool.poetry : null;
  if (poetry) {
    const tables: Array<[string[], unknown]> = [
      [['tool', 'poetry', 'dependencies'], poetry.dependencies],
      [['tool', 'poetry', 'dev-dependencies'], poetry['dev-dependencies']],
    ];
    if (isTable(poetry.group)) {
      for (const [group, settings] of Object.entries(poetry.group)) {
        if (isTable(settings)) tables.push([['tool', 'poetry', 'group', group, 'dependencies'], settings.dependencies]);
      }
    }
    for (const [path, table] of tables) {
      if (!isTable(table)) continue;
      for (const [name, spec] of Object.entries(table)) {
        if (normalize(name) === 'python') continue;
        deps.push({
          name: normalize(name),
          spec: `${name} ${typeof spec === 'string' ? spec : ''}`.trim(),
          where: at([...path, name]),
        });
      }
    }
  }
  return deps;
}

/** requirements.txt is a line format by definition: one requirement per line, `#` comments, `-x` options. */
function requirementsDependencies(file: string, text: string): Dependency[] {
  const deps: Dependency[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '' || line.startsWith('-')) return;
    const name = requirementName(line);
    if (name) deps.push({ name, spec: line, where: evidence(file, index + 1, line) });
  });
  return deps;
}

interface Import {
  module: string;
  where: Evidence;
}

/**
 * Top-level modules imported by a Python file (`import a, b.c`, `from a.b import c`), indented ones
 * included since optional imports live in try/except. Triple-quoted strings are skipped so a docstring
 * example does not count. Relative imports (`from . import x`) are the project's own modules.
 */
function imports(file: string, text: string): Import[] {
  const found: Import[] = [];
  let inString: string | null = null;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (inString !== null) {
      if (line.includes(inString)) inString = null;
      return;
    }
    for (const quote of ['"""', "'''"]) {
      const first = line.indexOf(quote);
      if (first >= 0 && line.indexOf(quote, first + 3) < 0) inString = quote;
    }
    if (inString !== null) return;
    const from = /^from\s+([A-Za-z_][\w.]*)\s+import\b/.exec(line);
    const plain = /^import\s+([\w.,\s]+?)\s*(#.*)?$/.exec(line);
    const modules = from?.[1]
      ? [from[1]]
      : plain?.[1]
        ? plain[1].split(',').map((part) => part.trim().split(/\s+/)[0] ?? '')
        : [];
    for (const module of modules) {
      const top = module.split('.')[0];
      if (top) found.push({ module: top, where: evidence(file, index + 1, line) });
    }
  });
  return found;
}

interface Project {
  dir: string;
  stack: Stack;
  deps: Dependency[];
  manifests: string[];
}

function project(context: DetectContext, projects: Map<string, Project>, dir: string): Project {
  let entry = projects.get(dir);
  if (!entry) {
    entry = { dir, stack: newStack('python', folderName(context, dir), dir), deps: [], manifests: [] };
    projects.set(dir, entry);
  }
  return entry;
}

async function readManifests(
  context: DetectContext,
  projects: Map<string, Project>,
  output: DetectorOutput,
): Promise<void> {
  for (const file of projectFiles(context, (name) => MANIFESTS.has(name) || isRequirements(name))) {
    const name = baseName(file);
    const entry = project(context, projects, dirOf(file));
    entry.manifests.push(name);
    if (name !== 'pyproject.toml' && !isRequirements(name)) continue;
    const text = await context.read(file);
    if (text === null) {
      output.problems.push(unreadable(file));
      continue;
    }
    if (isRequirements(name)) {
      entry.deps.push(...requirementsDependencies(file, text));
      continue;
    }
    const parsed = parseTomlFile(file, text);
    if (!parsed.ok) {
      output.problems.push(parsed.problem);
      continue;
    }
    const index = new LineIndex(text);
    const meta = isTable(parsed.value.project) ? parsed.value.project : null;
    const pkgName = meta ? asString(meta.name) : null;
    if (pkgName) {
      entry.stack.name = pkgName;
      const line = parsed.lines.lineOf(['project', 'name']);
      entry.stack.facts.push(
        fact(
          'python.name',
          `project ${pkgName}`,
          pkgName,
          evidence(file, line, line ? index.excerpt(line) : undefined),
        ),
      );
    }
    const requires = meta ? asString(meta['requires-python']) : null;
    if (requires) {
      const line = parsed.lines.lineOf(['project', 'requires-python']);
      entry.stack.facts.push(
        fact(
          'python.requiresPython',
          `Python ${requires}`,
          requires,
          evidence(file, line, line ? index.excerpt(line) : undefined),
        ),
      );
    }
    const scripts = meta && isTable(meta.scripts) ? meta.scripts : {};
    for (const [script, target] of Object.entries(scripts)) {
      const line = parsed.lines.lineOf(['project', 'scripts', script]);
      output.commands.push(
        command(
          `python:${entry.dir || '.'}:script:${script}`,
          'run',
          script,
          entry.dir,
          evidence(file, line, `${script} = ${String(target)}`),
        ),
      );
    }
    entry.deps.push(...pyprojectDependencies(file, parsed.value, parsed.lines, index));
    if (isTable(parsed.value.tool) && isTable(parsed.value.tool.poetry)) entry.manifests.push('poetry');
  }
}

function packageManager(manifests: string[]): string {
  if (manifests.includes('uv.lock')) return 'uv';
  if (manifests.includes('poetry') || manifests.includes('poetry.lock')) return 'poetry';
  if (manifests.includes('Pipfile')) return 'pipenv';
  return 'pip';
}

/** Python projects: manifests, notable libraries from dependencies and imports, test and run commands. */
export const detectPython: Detector = async (context) => {
  const output = emptyOutput();
  const projects = new Map<string, Project>();
  await readManifests(context, projects, output);

  const pyFiles = projectFiles(context, (name) => name.endsWith('.py'));
  // Loose scripts without any manifest still make a Python project at the root.
  if (pyFiles.some((file) => nearestDir(file, projects.keys()) === null)) project(context, projects, '');

  const importsByProject = new Map<string, Import[]>();
  const mainModules = new Map<string, Evidence>();
  const appObjects = new Map<string, Array<{ file: string; variable: string; where: Evidence }>>();
  for (const file of pyFiles) {
    const owner = nearestDir(file, projects.keys());
    if (owner === null) continue;
    const text = await context.read(file);
    if (text === null) continue;
    const list = importsByProject.get(owner) ?? [];
    list.push(...imports(file, text));
    importsByProject.set(owner, list);
    const index = new LineIndex(text);
    const mainLine = text.split('\n').findIndex((line) => /^if\s+__name__\s*==\s*['"]__main__['"]\s*:/.test(line));
    if (mainLine >= 0) mainModules.set(file, evidence(file, mainLine + 1, index.excerpt(mainLine + 1)));
    const appLine = text.split('\n').findIndex((line) => /^\w+\s*=\s*FastAPI\(/.test(line));
    if (appLine >= 0) {
      const variable = /^(\w+)/.exec(text.split('\n')[appLine] ?? '')?.[1] ?? 'app';
      const apps = appObjects.get(owner) ?? [];
      apps.push({ file, variable, where: evidence(file, appLine + 1, index.excerpt(appLine + 1)) });
      appObjects.set(owner, apps);
    }
  }

  for (const entry of [...projects.values()].sort((a, b) => a.dir.localeCompare(b.dir))) {
    const { stack, dir } = entry;
    const manifests = [...new Set(entry.manifests)].filter((m) => m !== 'poetry');
    if (manifests.length > 0) {
      stack.facts.push(
        fact(
          'python.manifests',
          `manifests: ${manifests.join(', ')}`,
          manifests,
          evidence(joinPath(dir, manifests[0] ?? ''), null),
        ),
      );
    }
    const manager = packageManager(entry.manifests);
    stack.facts.push(
      fact(
        'python.packageManager',
        `package manager: ${manager}`,
        manager,
        evidence(joinPath(dir, manifests[0] ?? ''), null),
      ),
    );

    // One summary fact per library, from its declaration when declared, else from its first import.
    const seen = new Set<string>();
    for (const dep of entry.deps) {
      const library = DISTRIBUTIONS[dep.name];
      stack.facts.push(fact(`python.dependency.${dep.name}`, dep.spec, dep.spec, dep.where));
      if (library && !seen.has(`${library.key}:${library.name}`)) {
        seen.add(`${library.key}:${library.name}`);
        stack.facts.push(fact(library.key, `${library.name} (declared)`, library.name, dep.where));
      }
    }
    const importSeen = new Set<string>();
    for (const found of importsByProject.get(dir) ?? []) {
      const library = MODULES[found.module];
      if (!library || importSeen.has(found.module)) continue;
      importSeen.add(found.module);
      stack.facts.push(fact(`python.import.${found.module}`, `imports ${found.module}`, found.module, found.where));
      if (!seen.has(`${library.key}:${library.name}`)) {
        seen.add(`${library.key}:${library.name}`);
        stack.facts.push(fact(library.key, `${library.name} (imported)`, library.name, found.where));
      }
    }

    const id = (name: string): string => `python:${dir || '.'}:${name}`;
    const declared = new Set(entry.deps.map((dep) => dep.name));
    const testFiles = pyFiles.filter(
      (file) => file.startsWith(joinPath(dir, 'tests/')) || /(^|\/)test_[^/]*\.py$/.test(file),
    );
    const pytestDeclared = declared.has('pytest');
    const usesUnittest = (importsByProject.get(dir) ?? []).some(
      (i) => i.module === 'unittest' && testFiles.includes(i.where.file),
    );
    if (pytestDeclared) {
      const dep = entry.deps.find((d) => d.name === 'pytest');
      output.commands.push(command(id('test'), 'test', 'python -m pytest', dir, dep?.where ?? null));
    } else if (testFiles.length > 0) {
      // pytest is not declared, so it may not be installed; unittest ships with Python.
      const text = usesUnittest ? 'python -m unittest discover -s tests -t .' : 'python -m pytest';
      const example = testFiles.find((file) => baseName(file).startsWith('test')) ?? testFiles[0] ?? '';
      output.commands.push(command(id('test'), 'test', text, dir, evidence(example, null)));
    }
    if (declared.has('uvicorn')) {
      for (const app of appObjects.get(dir) ?? []) {
        const relative = dir === '' ? app.file : app.file.slice(dir.length + 1);
        const module = relative.replace(/\.py$/, '').replace(/\//g, '.');
        output.commands.push(
          command(id(`uvicorn:${module}`), 'run', `uvicorn ${module}:${app.variable}`, dir, app.where),
        );
      }
    }
    for (const [file, where] of mainModules) {
      if (nearestDir(file, projects.keys()) !== dir) continue;
      const relative = dir === '' ? file : file.slice(dir.length + 1);
      if (baseName(file) === '__main__.py') {
        const pkg = dirOf(relative).replace(/\//g, '.');
        if (pkg) output.commands.push(command(id(`module:${pkg}`), 'run', `python -m ${pkg}`, dir, where));
      } else if (!testFiles.includes(file)) {
        output.commands.push(command(id(`script:${relative}`), 'run', `python ${relative}`, dir, where));
      }
    }
    output.stacks.push(stack);
  }
  return output;
};
