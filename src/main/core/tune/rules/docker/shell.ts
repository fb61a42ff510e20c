import { parse } from 'shell-quote';

/** One simple command of a shell line (`a && b | c` has three), as words. */
export type Words = string[];

/**
 * Splits a RUN/CMD shell line into simple commands at `&&`, `||`, `;` and `|`. Variables are kept as
 * written (`$PORT`), globs as their pattern, and redirections dropped: rules only read the words.
 */
export function simpleCommands(line: string): Words[] {
  const commands: Words[] = [[]];
  for (const part of parse(line, (name) => `$${name}`)) {
    if (typeof part === 'string') commands[commands.length - 1]?.push(part);
    else if ('pattern' in part) commands[commands.length - 1]?.push(part.pattern);
    else if ('op' in part && ['&&', '||', ';', '|', '&', '(', ')'].includes(part.op)) commands.push([]);
  }
  return commands.filter((words) => words.length > 0);
}

/** The words after leading `VAR=value` assignments and `sudo`/`env`/`exec`, i.e. from the program on. */
export function program(words: Words): Words {
  let index = 0;
  while (index < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[index] ?? '')) index++;
  while (['sudo', 'env', 'exec'].includes(words[index] ?? '')) index++;
  return words.slice(index);
}

function base(word: string | undefined): string {
  return (word ?? '').slice((word ?? '').lastIndexOf('/') + 1);
}

/** Index of `install` in `pip install` / `pip3 install` / `python -m pip install`, or -1. */
export function pipInstallAt(words: Words): number {
  const w = program(words);
  const offset = words.length - w.length;
  if (/^pip3?(\.\d+)?$/.test(base(w[0])) && w[1] === 'install') return offset + 1;
  if (/^python3?(\.\d+)?$/.test(base(w[0])) && w[1] === '-m' && w[2] === 'pip' && w[3] === 'install') return offset + 3;
  return -1;
}

/** `npm ci` / `npm install` / `npm i` (with or without packages). */
export function isNpmInstall(words: Words): boolean {
  const w = program(words);
  return base(w[0]) === 'npm' && ['ci', 'install', 'i'].includes(w[1] ?? '');
}

export function isAptInstall(words: Words): boolean {
  const w = program(words);
  return ['apt-get', 'apt'].includes(base(w[0])) && w.includes('install');
}

export function isAptUpdate(words: Words): boolean {
  const w = program(words);
  return ['apt-get', 'apt'].includes(base(w[0])) && w[1] === 'update';
}

export function isApkAdd(words: Words): boolean {
  const w = program(words);
  return base(w[0]) === 'apk' && w.includes('add');
}

/** `rm -rf /var/lib/apt/lists/*` (any flag spelling, any path under the lists folder). */
export function removesAptLists(words: Words): boolean {
  const w = program(words);
  return base(w[0]) === 'rm' && w.some((word) => word.startsWith('/var/lib/apt/lists'));
}

export function isNpmCacheClean(words: Words): boolean {
  const w = program(words);
  return base(w[0]) === 'npm' && w[1] === 'cache' && (w[2] === 'clean' || w[2] === 'clear');
}

/** Compilers, build systems and -dev packages: what a runtime image should not carry. */
const BUILD_PACKAGES =
  /^(build-essential|build-base|gcc|g\+\+|gcc-c\+\+|clang|make|cmake|ninja-build|autoconf|automake|libtool|pkg-config|pkgconf|musl-dev|rustc|cargo|golang|golang-go|go|openjdk-\d+-jdk|maven|gradle|[\w.+-]+-dev(el)?)(=.*)?$/;

/** Package names an apt/apk/yum/dnf install line adds that are build tools. */
export function buildPackages(words: Words): string[] {
  const w = program(words);
  const tool = base(w[0]);
  const verb = tool === 'apk' ? 'add' : 'install';
  if (!['apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf'].includes(tool) || !w.includes(verb)) return [];
  return w.slice(w.indexOf(verb) + 1).filter((word) => !word.startsWith('-') && BUILD_PACKAGES.test(word));
}

/** Steps that compile or bundle: their toolchain and inputs are only needed while building. */
export function compileStep(words: Words): string | null {
  const w = program(words);
  const tool = base(w[0]);
  const sub = w[1] ?? '';
  if (tool === 'cargo' && ['build', 'install'].includes(sub)) return `cargo ${sub}`;
  if (tool === 'go' && ['build', 'install'].includes(sub)) return `go ${sub}`;
  if (['npm', 'pnpm', 'yarn', 'bun'].includes(tool) && (sub === 'run' ? w[2] === 'build' : sub === 'build'))
    return w.slice(0, sub === 'run' ? 3 : 2).join(' ');
  if (['tsc', 'vite', 'webpack', 'esbuild', 'rollup'].includes(tool)) return tool;
  if (tool === 'mvn' || tool === 'gradle' || tool === './gradlew' || base(tool) === 'gradlew') return w.join(' ');
  if (['make', 'cmake', 'ninja'].includes(tool)) return tool;
  if (/^pip3?$/.test(tool) && sub === 'wheel') return 'pip wheel';
  if (/^python3?(\.\d+)?$/.test(tool) && w[1] === 'setup.py' && /^(build|bdist_wheel|build_ext)$/.test(w[2] ?? ''))
    return `python setup.py ${w[2] ?? ''}`;
  return null;
}
