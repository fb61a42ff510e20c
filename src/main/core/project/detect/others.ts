import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ProjectCommand, Stack } from '../../../../shared/schemas/project';
import type { DetectContext, Detector, DetectorOutput } from '../types';
import {
  baseName,
  command,
  dirOf,
  emptyOutput,
  evidence,
  fact,
  isTable,
  isWithin,
  joinPath,
  LineIndex,
  newStack,
  problem,
  projectFiles,
  unreadable,
} from './shared';

async function readOrReport(context: DetectContext, file: string, output: DetectorOutput): Promise<string | null> {
  const text = await context.read(file);
  if (text === null) output.problems.push(unreadable(file));
  return text;
}

/** Manifests with no manifest of the same kind in a folder above: the roots builds start from. */
function topmost(paths: string[]): string[] {
  return paths.filter(
    (path) =>
      !paths.some((other) => other !== path && dirOf(other) !== dirOf(path) && isWithin(dirOf(path), dirOf(other))),
  );
}

/**
 * go.mod is a line-oriented format (`module x`, `go 1.22`, `toolchain go1.22.3`); only those
 * directives are read, each from the start of its own line as the Go toolchain writes them.
 */
async function detectGo(context: DetectContext, output: DetectorOutput): Promise<void> {
  for (const file of projectFiles(context, (name) => name === 'go.mod')) {
    const text = await readOrReport(context, file, output);
    if (text === null) continue;
    const dir = dirOf(file);
    const stack = newStack('go', baseName(dir) || 'go', dir);
    const lines = text.split('\n');
    for (const [directive, key] of [
      ['module', 'go.module'],
      ['go', 'go.version'],
      ['toolchain', 'go.toolchain'],
    ] as const) {
      const index = lines.findIndex((line) => new RegExp(`^${directive}\\s+\\S`).test(line.trim()));
      if (index < 0) continue;
      const value = (lines[index] ?? '')
        .trim()
        .slice(directive.length)
        .trim()
        .replace(/\s*\/\/.*$/, '');
      if (key === 'go.module') stack.name = value;
      stack.facts.push(
        fact(key, `${directive} ${value}`, value, evidence(file, index + 1, (lines[index] ?? '').trim())),
      );
    }
    if (!stack.facts.some((f) => f.key === 'go.module')) {
      output.problems.push(problem(file, 1, 1, 'go.mod has no module directive'));
    }
    output.stacks.push(stack);
    const where = evidence(file, null);
    output.commands.push(
      command(`go:${dir || '.'}:build`, 'build', 'go build ./...', dir, where),
      command(`go:${dir || '.'}:test`, 'test', 'go test ./...', dir, where),
    );
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

async function detectJava(context: DetectContext, output: DetectorOutput): Promise<void> {
  const files = new Set(context.files);
  const poms = projectFiles(context, (name) => name === 'pom.xml');
  const rootPoms = new Set(topmost(poms));
  for (const file of poms) {
    const content = await readOrReport(context, file, output);
    if (content === null) continue;
    const valid = XMLValidator.validate(content);
    if (valid !== true) {
      output.problems.push(problem(file, valid.err.line, valid.err.col, `invalid XML: ${valid.err.msg}`));
      continue;
    }
    const parsed: unknown = new XMLParser().parse(content);
    const project = isTable(parsed) && isTable(parsed.project) ? parsed.project : {};
    const dir = dirOf(file);
    const lines = new LineIndex(content);
    // fast-xml-parser gives no positions, so evidence points at the element's first occurrence.
    const tagEvidence = (tag: string): ReturnType<typeof evidence> => {
      const offset = content.indexOf(`<${tag}>`);
      const line = offset < 0 ? null : lines.line(offset);
      return evidence(file, line, line === null ? undefined : lines.excerpt(line));
    };
    const artifact = text(project.artifactId);
    const stack = newStack('java', artifact ?? (baseName(dir) || 'maven'), dir);
    stack.facts.push(fact('java.buildTool', 'Maven', 'maven', evidence(file, null)));
    if (artifact)
      stack.facts.push(fact('java.artifactId', `artifact ${artifact}`, artifact, tagEvidence('artifactId')));
    const properties = isTable(project.properties) ? project.properties : {};
    for (const key of ['maven.compiler.release', 'maven.compiler.target', 'java.version']) {
      const value = text(properties[key]);
      if (value) stack.facts.push(fact('java.version', `${key} ${value}`, value, tagEvidence(key)));
    }
    const modulesValue = isTable(project.modules) ? project.modules.module : undefined;
    const modules = (Array.isArray(modulesValue) ? modulesValue : modulesValue === undefined ? [] : [modulesValue]).map(
      String,
    );
    if (modules.length > 0)
      stack.facts.push(fact('java.modules', `modules: ${modules.join(', ')}`, modules, tagEvidence('modules')));
    output.stacks.push(stack);
    if (!rootPoms.has(file)) continue;
    const mvn = files.has(joinPath(dir, 'mvnw')) ? './mvnw' : 'mvn';
    output.commands.push(
      command(`java:${dir || '.'}:build`, 'build', `${mvn} -B package -DskipTests`, dir, evidence(file, null)),
      command(`java:${dir || '.'}:test`, 'test', `${mvn} -B test`, dir, evidence(file, null)),
    );
  }

  // Gradle scripts are Groovy or Kotlin programs: presence only, never evaluated.
  const gradle = projectFiles(context, (name) => /^(build|settings)\.gradle(\.kts)?$/.test(name));
  const gradleDirs = [...new Set(gradle.map(dirOf))];
  for (const dir of gradleDirs) {
    const file = gradle.find((path) => dirOf(path) === dir) ?? '';
    const stack = newStack('java', baseName(dir) || 'gradle', dir);
    stack.facts.push(fact('java.buildTool', `Gradle (${baseName(file)})`, 'gradle', evidence(file, null)));
    output.stacks.push(stack);
    if (gradleDirs.some((other) => other !== dir && isWithin(dir, other))) continue;
    const tool = files.has(joinPath(dir, 'gradlew')) ? './gradlew' : 'gradle';
    output.commands.push(
      command(`java:${dir || '.'}:gradle-build`, 'build', `${tool} build -x test`, dir, evidence(file, null)),
      command(`java:${dir || '.'}:gradle-test`, 'test', `${tool} test`, dir, evidence(file, null)),
    );
  }
}

/** Arguments of CMake's `project(...)` call: CMake's own syntax, whitespace-separated, quotes allowed. */
function cmakeProject(content: string): { args: string[]; offset: number } | null {
  const match = /^[ \t]*project[ \t]*\(/im.exec(content);
  if (!match) return null;
  const start = match.index + match[0].length;
  const end = content.indexOf(')', start);
  if (end < 0) return null;
  const body = content.slice(start, end).replace(/#[^\n]*/g, '');
  const args = [...body.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
  return { args, offset: match.index };
}

const MAKE_KINDS: ReadonlyArray<[string, ProjectCommand['kind']]> = [
  ['build', 'build'],
  ['all', 'build'],
  ['release', 'build'],
  ['test', 'test'],
  ['check', 'test'],
  ['bench', 'bench'],
  ['benchmark', 'bench'],
  ['lint', 'lint'],
  ['run', 'run'],
];

/** Rule targets of a Makefile: `name:` at the start of a line, not `:=` assignments nor pattern rules. */
function makeTargets(content: string): Map<string, number> {
  const targets = new Map<string, number>();
  content.split('\n').forEach((line, index) => {
    const match = /^([A-Za-z0-9_][\w./-]*(?:[ \t]+[A-Za-z0-9_][\w./-]*)*)[ \t]*::?(?!=)/.exec(line);
    if (!match?.[1]) return;
    for (const target of match[1].split(/[ \t]+/)) if (!targets.has(target)) targets.set(target, index + 1);
  });
  return targets;
}

async function detectCpp(context: DetectContext, output: DetectorOutput): Promise<void> {
  const stacks = new Map<string, Stack>();
  const sources = projectFiles(context, (name) => /\.(c|cc|cpp|cxx|h|hh|hpp|hxx)$/i.test(name));
  for (const file of projectFiles(context, (name) => name === 'CMakeLists.txt')) {
    const content = await readOrReport(context, file, output);
    if (content === null) continue;
    const project = cmakeProject(content);
    const dir = dirOf(file);
    // Only a CMakeLists.txt with project() starts a build; nested ones are add_subdirectory() parts.
    if (!project) continue;
    const lines = new LineIndex(content);
    const line = lines.line(project.offset);
    const name = project.args[0] ?? (baseName(dir) || 'cmake');
    const stack = newStack('cpp', name, dir);
    stacks.set(dir, stack);
    stack.facts.push(fact('cpp.buildSystem', 'CMake', 'cmake', evidence(file, line, lines.excerpt(line))));
    stack.facts.push(fact('cpp.project', `project ${name}`, name, evidence(file, line, lines.excerpt(line))));
    const keywordAt = project.args.findIndex((arg) => arg.toUpperCase() === 'LANGUAGES');
    const languages =
      keywordAt >= 0
        ? project.args.slice(keywordAt + 1).filter((arg) => /^[A-Z]+$/.test(arg))
        : project.args.slice(1).filter((arg) => /^(C|CXX|CUDA|Fortran|ASM|OBJC|OBJCXX|HIP)$/.test(arg));
    if (languages.length > 0)
      stack.facts.push(fact('cpp.languages', `languages ${languages.join(' ')}`, languages, evidence(file, line)));
    output.stacks.push(stack);
    output.commands.push(
      command(
        `cpp:${dir || '.'}:cmake-build`,
        'build',
        'cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j',
        dir,
        evidence(file, line),
      ),
    );
    // ctest finds nothing unless the project registers tests.
    const testing = /^[ \t]*(enable_testing|add_test)[ \t]*\(/im.exec(content);
    if (testing) {
      const testLine = lines.line(testing.index);
      output.commands.push(
        command(
          `cpp:${dir || '.'}:ctest`,
          'test',
          'ctest --test-dir build',
          dir,
          evidence(file, testLine, lines.excerpt(testLine)),
        ),
      );
    }
  }

  for (const file of projectFiles(
    context,
    (name) => name === 'Makefile' || name === 'makefile' || name === 'GNUmakefile',
  )) {
    const content = await readOrReport(context, file, output);
    if (content === null) continue;
    const dir = dirOf(file);
    const targets = makeTargets(content);
    const lines = new LineIndex(content);
    // A Makefile is a C/C++ project only next to C/C++ sources; elsewhere it is a task runner.
    let stack = stacks.get(dir);
    if (!stack && sources.some((source) => isWithin(source, dir))) {
      stack = newStack('cpp', baseName(dir) || 'make', dir);
      stacks.set(dir, stack);
      output.stacks.push(stack);
    }
    if (stack)
      stack.facts.push(
        fact(
          'cpp.makeTargets',
          `make targets: ${[...targets.keys()].join(', ')}`,
          [...targets.keys()],
          evidence(file, null),
        ),
      );
    const used = new Set<ProjectCommand['kind']>();
    for (const [target, kind] of MAKE_KINDS) {
      const line = targets.get(target);
      // One command per kind: `make all` and `make build` are usually the same thing.
      if (line === undefined || used.has(kind)) continue;
      used.add(kind);
      output.commands.push(
        command(`make:${dir || '.'}:${target}`, kind, `make ${target}`, dir, evidence(file, line, lines.excerpt(line))),
      );
    }
  }
}

/** Go, Java (Maven, Gradle) and C/C++ (CMake, Makefiles): detected and reported even without tuning rules. */
export const detectOthers: Detector = async (context) => {
  const output = emptyOutput();
  await detectGo(context, output);
  await detectJava(context, output);
  await detectCpp(context, output);
  return output;
};
