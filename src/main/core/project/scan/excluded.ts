import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Folders that hold other people's code or generated output: counting them would drown the project. */
const EXCLUDED: ReadonlyMap<string, string> = new Map([
  ['node_modules', 'vendored folder'],
  ['vendor', 'vendored folder'],
  ['.venv', 'virtualenv folder'],
  ['venv', 'virtualenv folder'],
  ['.tox', 'virtualenv folder'],
  ['target', 'build output folder'],
  ['dist', 'build output folder'],
  ['build', 'build output folder'],
  ['out', 'build output folder'],
  ['.next', 'build output folder'],
  ['coverage', 'build output folder'],
  ['.gradle', 'build output folder'],
  ['__pycache__', 'cache folder'],
  ['.mypy_cache', 'cache folder'],
  ['.pytest_cache', 'cache folder'],
  ['.ruff_cache', 'cache folder'],
  ['.git', 'git metadata folder'],
]);

const DOTNET_PROJECT = /\.(csproj|fsproj|vbproj|sln)$/i;

/**
 * Decides whether a folder is skipped. `bin` and `obj` are .NET build output only next to a .NET
 * project file; elsewhere `bin` is often hand-written scripts, so we look before skipping.
 */
export class ExclusionRules {
  private readonly dotnetFolders = new Map<string, Promise<boolean>>();

  constructor(private readonly root: string) {}

  /** The reason to skip folder `name` inside `parent` (relative, '' for the root), or undefined to keep it. */
  async reasonFor(parent: string, name: string): Promise<string | undefined> {
    const fixed = EXCLUDED.get(name);
    if (fixed) return `${fixed}: ${name}`;
    if ((name === 'bin' || name === 'obj') && (await this.holdsDotnetProject(parent))) {
      return `build output folder: ${name} (.NET)`;
    }
    return undefined;
  }

  /** Cheap pre-check so the git listing only awaits for names that can be excluded at all. */
  static mayExclude(name: string): boolean {
    return EXCLUDED.has(name) || name === 'bin' || name === 'obj';
  }

  private holdsDotnetProject(parent: string): Promise<boolean> {
    let answer = this.dotnetFolders.get(parent);
    if (!answer) {
      answer = readdir(join(this.root, parent)).then(
        (names) => names.some((name) => DOTNET_PROJECT.test(name)),
        () => false,
      );
      this.dotnetFolders.set(parent, answer);
    }
    return answer;
  }
}
