import { basename } from 'node:path';

/**
 * Extensions that several linguist languages claim, settled towards what a project on a
 * developer's machine most likely holds (GitHub settles these with content heuristics we do
 * not run: reading every file to guess would defeat the scan's budget).
 */
const PREFERRED: Record<string, string> = {
  '.h': 'C',
  '.rs': 'Rust',
  '.ts': 'TypeScript',
  '.tsx': 'TSX',
  '.md': 'Markdown',
  '.m': 'Objective-C',
  '.pl': 'Perl',
  '.t': 'Perl',
  '.sql': 'SQL',
  '.cs': 'C#',
  '.fs': 'F#',
  '.v': 'Verilog',
  '.r': 'R',
  '.d': 'D',
  '.json': 'JSON',
  '.yml': 'YAML',
  '.yaml': 'YAML',
  '.txt': 'Text',
  '.html': 'HTML',
  '.php': 'PHP',
  '.ex': 'Elixir',
  '.ml': 'OCaml',
  '.s': 'Assembly',
  '.asm': 'Assembly',
  '.f': 'Fortran',
  '.for': 'Fortran',
  '.cl': 'OpenCL',
  '.pp': 'Puppet',
  '.sol': 'Solidity',
  '.cfg': 'INI',
  '.pro': 'QMake',
  '.l': 'Lex',
  '.plist': 'XML Property List',
  '.inc': 'C++',
};

const TYPE_RANK: Record<string, number> = { programming: 0, markup: 1, data: 2, prose: 3 };

interface LinguistLanguage {
  name: string;
  type: string;
  extensions?: readonly string[];
  filenames?: readonly string[];
}

export interface LanguageMap {
  /** The language of a file by its name, or undefined when linguist does not know it. */
  languageOf(relativePath: string): string | undefined;
}

let loading: Promise<LanguageMap> | undefined;

/**
 * Loaded on first use, not at import: linguist-languages is 800+ small modules, and every CLI
 * command would otherwise pay for them at start-up.
 */
export function loadLanguageMap(): Promise<LanguageMap> {
  loading ??= import('linguist-languages').then((module) =>
    buildLanguageMap(Object.values(module) as LinguistLanguage[]),
  );
  return loading;
}

export function buildLanguageMap(languages: readonly LinguistLanguage[]): LanguageMap {
  const byFilename = new Map<string, string>();
  const claims = new Map<string, LinguistLanguage[]>();
  for (const language of languages) {
    for (const name of language.filenames ?? []) if (!byFilename.has(name)) byFilename.set(name, language.name);
    for (const extension of language.extensions ?? []) {
      const key = extension.toLowerCase();
      const list = claims.get(key);
      if (list) list.push(language);
      else claims.set(key, [language]);
    }
  }
  const byExtension = new Map<string, string>();
  for (const [extension, candidates] of claims) byExtension.set(extension, settle(extension, candidates));

  return {
    languageOf(relativePath) {
      const name = basename(relativePath);
      const exact = byFilename.get(name);
      if (exact) return exact;
      // Longest extension first, so "x.d.ts"-style compound extensions win over ".ts" when linguist lists them.
      const lower = name.toLowerCase();
      for (let dot = lower.indexOf('.', 1); dot !== -1; dot = lower.indexOf('.', dot + 1)) {
        const language = byExtension.get(lower.slice(dot));
        if (language) return language;
      }
      return undefined;
    },
  };
}

/** Our preference, else the language whose primary extension this is, else programming before data, then by name. */
function settle(extension: string, candidates: LinguistLanguage[]): string {
  const preferred = PREFERRED[extension];
  if (preferred && candidates.some((language) => language.name === preferred)) return preferred;
  const ranked = [...candidates].sort(
    (a, b) =>
      Number(primary(b, extension)) - Number(primary(a, extension)) ||
      (TYPE_RANK[a.type] ?? 9) - (TYPE_RANK[b.type] ?? 9) ||
      a.name.localeCompare(b.name),
  );
  return ranked[0]!.name;
}

function primary(language: LinguistLanguage, extension: string): boolean {
  return language.extensions?.[0]?.toLowerCase() === extension;
}
