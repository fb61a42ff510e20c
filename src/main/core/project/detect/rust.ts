import type { Fact, Stack } from '../../../../shared/schemas/project';
import type { DetectContext, Detector, DetectorOutput } from '../types';
import {
  asString,
  asStringArray,
  baseName,
  command,
  dirOf,
  emptyOutput,
  evidence,
  folderName,
  fact,
  isTable,
  isWithin,
  joinPath,
  newStack,
  parseTomlFile,
  projectFiles,
  type TomlLines,
  type TomlTable,
  unreadable,
} from './shared';

interface Crate {
  file: string;
  dir: string;
  toml: TomlTable;
  lines: TomlLines;
}

function excerptOf(text: string, line: number | null): string | undefined {
  return line === null ? undefined : text.split('\n')[line - 1]?.trim();
}

/** Evidence for a TOML key path: its line, and that line's text for display. */
function at(crate: Crate, text: string, path: string[]): ReturnType<typeof evidence> {
  const line = crate.lines.lineOf(path);
  return evidence(crate.file, line, excerptOf(text, line));
}

function scalar(value: unknown): Fact['value'] | null {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(String);
  return null;
}

/** Every `[profile.<name>]` setting, nested tables (profile.release.package.foo) flattened with dots. */
function profileFacts(crate: Crate, text: string): Fact[] {
  const facts: Fact[] = [];
  const profiles = crate.toml.profile;
  if (!isTable(profiles)) return facts;
  for (const [profile, settings] of Object.entries(profiles)) {
    if (!isTable(settings)) continue;
    // The section itself, with its keys, so a rule can tell "lto unset" and where to add it.
    facts.push(
      fact(
        `rust.profile.${profile}`,
        `[profile.${profile}] sets ${Object.keys(settings).join(', ') || 'nothing'}`,
        Object.keys(settings),
        at(crate, text, ['profile', profile]),
      ),
    );
    const walk = (table: TomlTable, path: string[]): void => {
      for (const [key, value] of Object.entries(table)) {
        if (isTable(value)) {
          walk(value, [...path, key]);
          continue;
        }
        const v = scalar(value);
        if (v === null) continue;
        const keyPath = [...path, key];
        facts.push(
          fact(
            `rust.${keyPath.join('.')}`,
            `${keyPath.slice(2).join('.')} = ${JSON.stringify(value, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x))}`,
            v,
            at(crate, text, keyPath),
          ),
        );
      }
    };
    walk(settings, ['profile', profile]);
  }
  return facts;
}

/** Binaries cargo builds: `[[bin]]` targets, src/main.rs (named after the package) and src/bin/*.rs. */
function binaries(crate: Crate, files: ReadonlySet<string>, packageName: string | null): string[] {
  const names: string[] = [];
  const declaredPaths = new Set<string>();
  const bins = crate.toml.bin;
  for (const bin of Array.isArray(bins) ? bins : []) {
    const name = isTable(bin) ? asString(bin.name) : null;
    const path = isTable(bin) ? asString(bin.path) : null;
    if (name) names.push(name);
    if (path) declaredPaths.add(joinPath(crate.dir, path.replace(/^\.\//, '')));
  }
  // Cargo's auto-discovery: src/main.rs is a binary named after the package, src/bin/x.rs one named x,
  // unless a [[bin]] already claims that file.
  const main = joinPath(crate.dir, 'src/main.rs');
  if (packageName && files.has(main) && !declaredPaths.has(main) && !names.includes(packageName))
    names.push(packageName);
  const binDir = joinPath(crate.dir, 'src/bin/');
  for (const file of [...files].sort()) {
    if (declaredPaths.has(file)) continue;
    if (file.startsWith(binDir) && file.endsWith('.rs') && !file.slice(binDir.length).includes('/')) {
      const name = baseName(file).slice(0, -3);
      if (!names.includes(name)) names.push(name);
    }
  }
  return names;
}

function rustflagList(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return asStringArray(value);
}

/** `-C target-cpu=native`, `-Ctarget-cpu=native` and `-C link-arg=-fuse-ld=mold` forms. */
function codegenOption(flags: string[], option: string): string | null {
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i] ?? '';
    const joined = flag === '-C' ? (flags[i + 1] ?? '') : flag.startsWith('-C') ? flag.slice(2) : '';
    if (joined.startsWith(`${option}=`)) return joined.slice(option.length + 1);
  }
  return null;
}

interface CargoConfig {
  file: string;
  dir: string;
  facts: Fact[];
}

/** `.cargo/config.toml` applies to every crate below the folder that holds `.cargo/`. */
async function cargoConfigs(context: DetectContext, output: DetectorOutput): Promise<CargoConfig[]> {
  const configs: CargoConfig[] = [];
  const files = projectFiles(
    context,
    (name, path) => /(^|\/)\.cargo\/config(\.toml)?$/.test(path) && name.startsWith('config'),
  );
  for (const file of files) {
    const text = await context.read(file);
    if (text === null) {
      output.problems.push(unreadable(file));
      continue;
    }
    const parsed = parseTomlFile(file, text);
    if (!parsed.ok) {
      output.problems.push(parsed.problem);
      continue;
    }
    const crate: Crate = { file, dir: dirOf(dirOf(file)), toml: parsed.value, lines: parsed.lines };
    const facts: Fact[] = [];
    const flagSources: Array<{ path: string[]; flags: string[] }> = [];
    const build = parsed.value.build;
    if (isTable(build) && build.rustflags !== undefined)
      flagSources.push({ path: ['build', 'rustflags'], flags: rustflagList(build.rustflags) });
    const targets = parsed.value.target;
    if (isTable(targets)) {
      for (const [triple, settings] of Object.entries(targets)) {
        if (!isTable(settings)) continue;
        if (settings.rustflags !== undefined)
          flagSources.push({ path: ['target', triple, 'rustflags'], flags: rustflagList(settings.rustflags) });
        const linker = asString(settings.linker);
        if (linker)
          facts.push(
            fact(
              'rust.config.linker',
              `linker for ${triple}: ${linker}`,
              linker,
              at(crate, text, ['target', triple, 'linker']),
            ),
          );
      }
    }
    for (const source of flagSources) {
      const where = at(crate, text, source.path);
      facts.push(
        fact('rust.config.rustflags', `${source.path.join('.')} = ${source.flags.join(' ')}`, source.flags, where),
      );
      const cpu = codegenOption(source.flags, 'target-cpu');
      if (cpu) facts.push(fact('rust.config.targetCpu', `target-cpu=${cpu}`, cpu, where));
      const linkArg = codegenOption(source.flags, 'link-arg');
      const fuse = linkArg?.startsWith('-fuse-ld=') ? linkArg.slice('-fuse-ld='.length) : null;
      if (fuse) facts.push(fact('rust.config.linker', `linker via -fuse-ld=${fuse}`, fuse, where));
      const linker = codegenOption(source.flags, 'linker');
      if (linker) facts.push(fact('rust.config.linker', `-C linker=${linker}`, linker, where));
    }
    configs.push({ file, dir: crate.dir, facts });
  }
  return configs;
}

/** Which workspace (root dir) lists this crate folder as a member; glob members `crates/*` included. */
function workspaceOf(dir: string, workspaces: Map<string, string[]>): string | null {
  for (const [root, members] of workspaces) {
    for (const member of members) {
      const full = joinPath(root, member.replace(/\/$/, ''));
      if (full === dir || (full.endsWith('/*') && dirOf(dir) === full.slice(0, -2))) return root;
    }
  }
  return null;
}

/** Rust crates and workspaces from Cargo.toml, their profiles, binaries and `.cargo/config.toml`. */
export const detectRust: Detector = async (context) => {
  const output = emptyOutput();
  const files = new Set(context.files);
  const crates: Array<{ crate: Crate; text: string }> = [];
  for (const file of projectFiles(context, (name) => name === 'Cargo.toml')) {
    const text = await context.read(file);
    if (text === null) {
      output.problems.push(unreadable(file));
      continue;
    }
    const parsed = parseTomlFile(file, text);
    if (!parsed.ok) {
      output.problems.push(parsed.problem);
      continue;
    }
    crates.push({ crate: { file, dir: dirOf(file), toml: parsed.value, lines: parsed.lines }, text });
  }
  const workspaces = new Map<string, string[]>();
  for (const { crate } of crates) {
    if (isTable(crate.toml.workspace)) workspaces.set(crate.dir, asStringArray(crate.toml.workspace.members));
  }
  const configs = await cargoConfigs(context, output);

  const stacks: Array<{ stack: Stack; crate: Crate; benches: boolean }> = [];
  for (const { crate, text } of crates) {
    const pkg = isTable(crate.toml.package) ? crate.toml.package : null;
    const packageName = pkg ? asString(pkg.name) : null;
    const isWorkspace = workspaces.has(crate.dir);
    const stack = newStack(
      'rust',
      packageName ?? `${isWorkspace ? 'workspace ' : ''}${folderName(context, crate.dir)}`,
      crate.dir,
    );
    if (packageName)
      stack.facts.push(
        fact('rust.package.name', `crate ${packageName}`, packageName, at(crate, text, ['package', 'name'])),
      );
    const edition = pkg ? asString(pkg.edition) : null;
    if (edition)
      stack.facts.push(fact('rust.edition', `edition ${edition}`, edition, at(crate, text, ['package', 'edition'])));

    const bins = binaries(crate, files, packageName);
    // Without [[bin]] the evidence is the file cargo discovers; with it, the table in Cargo.toml.
    const main = joinPath(crate.dir, 'src/main.rs');
    const binWhere =
      Array.isArray(crate.toml.bin) || !files.has(main) ? at(crate, text, ['bin']) : evidence(main, null);
    if (bins.length > 0) stack.facts.push(fact('rust.binary', `binaries: ${bins.join(', ')}`, bins, binWhere));
    const libFile = joinPath(crate.dir, 'src/lib.rs');
    if (isTable(crate.toml.lib) || files.has(libFile)) {
      const libWhere = isTable(crate.toml.lib) ? at(crate, text, ['lib']) : evidence(libFile, null);
      stack.facts.push(fact('rust.lib', 'library target', true, libWhere));
    }
    const deps = isTable(crate.toml.dependencies) ? Object.keys(crate.toml.dependencies) : [];
    stack.facts.push(fact('rust.dependencies', `${deps.length} dependencies`, deps, at(crate, text, ['dependencies'])));
    if (isWorkspace) {
      const members = workspaces.get(crate.dir) ?? [];
      stack.facts.push(
        fact(
          'rust.workspace.members',
          `workspace members: ${members.join(', ')}`,
          members,
          at(crate, text, ['workspace', 'members']),
        ),
      );
    }
    const memberOf = workspaceOf(crate.dir, workspaces);
    if (memberOf !== null && memberOf !== crate.dir) {
      stack.facts.push(
        fact(
          'rust.workspace.root',
          `member of the workspace at ${memberOf || '(root)'}`,
          memberOf,
          evidence(joinPath(memberOf, 'Cargo.toml'), null),
        ),
      );
    }
    stack.facts.push(...profileFacts(crate, text));
    for (const config of configs) if (isWithin(crate.dir, config.dir)) stack.facts.push(...config.facts);

    const benchTargets = Array.isArray(crate.toml.bench) && crate.toml.bench.length > 0;
    const benchDir = [...files].some(
      (file) => file.startsWith(joinPath(crate.dir, 'benches/')) && file.endsWith('.rs'),
    );
    stacks.push({ stack, crate, benches: benchTargets || benchDir });
    output.stacks.push(stack);
  }

  for (const { crate, benches } of stacks) {
    const memberOf = workspaceOf(crate.dir, workspaces);
    // Cargo builds members from the workspace root, and only the root's [profile.*] applies.
    if (memberOf !== null && memberOf !== crate.dir) continue;
    const anyBench =
      benches || stacks.some((other) => other.benches && workspaceOf(other.crate.dir, workspaces) === crate.dir);
    const where = evidence(crate.file, null);
    const id = (name: string): string => `rust:${crate.dir || '.'}:${name}`;
    output.commands.push(command(id('build'), 'build', 'cargo build --release', crate.dir, where));
    output.commands.push(command(id('test'), 'test', 'cargo test', crate.dir, where));
    if (anyBench) output.commands.push(command(id('bench'), 'bench', 'cargo bench', crate.dir, where));
  }
  return output;
};
