import { describe, expect, it } from 'vitest';
import { buildLanguageMap, loadLanguageMap } from '../../../../../../src/main/core/project/scan/languages';

describe('language map (linguist-languages)', () => {
  it('names common source files by extension and well-known files by name', async () => {
    const map = await loadLanguageMap();
    expect(map.languageOf('src/a.ts')).toBe('TypeScript');
    expect(map.languageOf('src/a.tsx')).toBe('TSX');
    expect(map.languageOf('lib/x.rs')).toBe('Rust');
    expect(map.languageOf('x.py')).toBe('Python');
    expect(map.languageOf('README.md')).toBe('Markdown');
    expect(map.languageOf('a/b/Makefile')).toBe('Makefile');
    expect(map.languageOf('Dockerfile')).toBe('Dockerfile');
    expect(map.languageOf('kernel.cu')).toBe('Cuda');
    expect(map.languageOf('UPPER.TS')).toBe('TypeScript');
  });

  it('settles ambiguous extensions sensibly (.h is C, .m is Objective-C, .yml is YAML)', async () => {
    const map = await loadLanguageMap();
    expect(map.languageOf('include/x.h')).toBe('C');
    expect(map.languageOf('App.m')).toBe('Objective-C');
    expect(map.languageOf('ci.yml')).toBe('YAML');
    expect(map.languageOf('package.json')).toBe('JSON');
    expect(map.languageOf('tsconfig.json')).toBe('JSON with Comments');
  });

  it('knows nothing about unknown or extensionless names', async () => {
    const map = await loadLanguageMap();
    expect(map.languageOf('photo.unknownext')).toBeUndefined();
    expect(map.languageOf('NOTES')).toBeUndefined();
  });

  it('without a preference, prefers the language whose primary extension it is, then programming', () => {
    const map = buildLanguageMap([
      { name: 'Zeta', type: 'programming', extensions: ['.zz', '.q'] },
      { name: 'Alpha', type: 'data', extensions: ['.q'] },
      { name: 'Beta', type: 'programming', extensions: ['.zq', '.qq'] },
      { name: 'Gamma', type: 'data', extensions: ['.gg', '.qq'] },
    ]);
    expect(map.languageOf('a.q')).toBe('Alpha');
    expect(map.languageOf('a.qq')).toBe('Beta');
  });
});
