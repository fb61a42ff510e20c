import { describe, expect, it } from 'vitest';
import { ConfigEditError, readConfigOption, setConfigOption } from '../../../../src/main/core/tune/edit/js-config';

const VITE = `import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Shared by dev and build.
export default defineConfig({
  plugins: [react()], // keep first
  /* production */
  build: {
    outDir: "dist", // deployed as is
    sourcemap: true,
  },
});
`;

describe('readConfigOption', () => {
  it('reads literals, missing keys and their lines through defineConfig', async () => {
    expect(await readConfigOption(VITE, ['build', 'sourcemap'])).toEqual({
      state: 'literal',
      value: true,
      text: 'true',
      line: 10,
    });
    expect(await readConfigOption(VITE, ['build', 'outDir'])).toMatchObject({
      state: 'literal',
      value: 'dist',
      line: 9,
    });
    // Missing: the line of the nearest parent that exists.
    expect(await readConfigOption(VITE, ['build', 'target'])).toEqual({ state: 'missing', line: 8 });
    expect(await readConfigOption(VITE, ['server', 'port'])).toEqual({ state: 'missing', line: 5 });
    expect(await readConfigOption(VITE, ['plugins'])).toMatchObject({ state: 'expression', text: '[react()]' });
  });

  it('follows an exported constant, satisfies and module.exports', async () => {
    const constant = `import type { UserConfig } from 'vite';\nconst config = {\n  build: { target: ['es2015', 'chrome58'] },\n} satisfies UserConfig;\nexport default config;\n`;
    expect(await readConfigOption(constant, ['build', 'target'])).toMatchObject({
      state: 'literal',
      value: ['es2015', 'chrome58'],
      line: 3,
    });
    const commonjs = `module.exports = { build: { minify: false } };\n`;
    expect(await readConfigOption(commonjs, ['build', 'minify'])).toMatchObject({ state: 'literal', value: false });
  });

  it('says unknown when a spread or a non-literal parent could set the key', async () => {
    const spread = `export default { ...base, build: { ...shared } };\n`;
    expect((await readConfigOption(spread, ['build', 'minify'])).state).toBe('unknown');
    expect((await readConfigOption(spread, ['server'])).state).toBe('unknown');
    const variable = `export default { build: buildOptions };\n`;
    expect((await readConfigOption(variable, ['build', 'minify'])).state).toBe('unknown');
  });

  it('refuses function and computed configs with a clear error', async () => {
    const fn = `import { defineConfig } from 'vite';\nexport default defineConfig(({ mode }) => ({ build: { minify: mode === 'production' } }));\n`;
    await expect(readConfigOption(fn, ['build', 'minify'])).rejects.toThrow(ConfigEditError);
    await expect(readConfigOption(fn, ['build', 'minify'])).rejects.toThrow(/the config is a function/);
    const merged = `export default mergeConfig(base, { build: {} });\n`;
    await expect(readConfigOption(merged, ['build'])).rejects.toThrow(/result of mergeConfig\(…\)/);
    await expect(readConfigOption(`export const x = 1;\n`, ['build'])).rejects.toThrow(/no `export default`/);
    await expect(readConfigOption(`export default {\n`, ['build'])).rejects.toThrow(/cannot be parsed/);
    const reassigned = `let config = {};\nconfig = make();\nexport default config;\n`;
    await expect(readConfigOption(reassigned, ['build'])).rejects.toThrow(/declared with let/);
  });
});

describe('setConfigOption', () => {
  it('replaces a value in place and keeps every comment and quote style', async () => {
    expect(await setConfigOption(VITE, ['build', 'sourcemap'], 'hidden')).toBe(
      VITE.replace('sourcemap: true,', "sourcemap: 'hidden',"),
    );
  });

  it('adds a key after the last property, with the trailing comma style of the object', async () => {
    expect(await setConfigOption(VITE, ['build', 'target'], 'es2022')).toBe(`import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Shared by dev and build.
export default defineConfig({
  plugins: [react()], // keep first
  /* production */
  build: {
    outDir: "dist", // deployed as is
    sourcemap: true,
    target: 'es2022',
  },
});
`);
  });

  it('creates missing parent objects, indented like the file', async () => {
    const code = `import { defineConfig } from 'vite'\n\nexport default defineConfig({\n    plugins: [],\n    build: {\n        minify: false // debugging\n    }\n})\n`;
    expect(await setConfigOption(code, ['build', 'rollupOptions', 'output', 'manualChunks'], { raw: 'fn' })).toBe(
      `import { defineConfig } from 'vite'

export default defineConfig({
    plugins: [],
    build: {
        minify: false, // debugging
        rollupOptions: {
            output: {
                manualChunks: fn
            }
        }
    }
})
`,
    );
  });

  it('opens an empty object, writes double quotes where the file does, and re-indents raw code', async () => {
    const code = `import { defineConfig } from "vite";\n\nexport default defineConfig({});\n`;
    const raw = { raw: `(id) => {\n  if (id.includes("node_modules")) return "vendor";\n}` };
    expect(await setConfigOption(code, ['build', 'rollupOptions', 'output', 'manualChunks'], raw)).toBe(
      `import { defineConfig } from "vite";

export default defineConfig({
  build: {
    rollupOptions: {
      output: {
        manualChunks: (id) => {
          if (id.includes("node_modules")) return "vendor";
        },
      },
    },
  },
});
`,
    );
    expect(await setConfigOption(code, ['build', 'target'], 'es2022')).toContain(`target: "es2022",`);
  });

  it('edits one-line objects on their line, and CRLF files with CRLF', async () => {
    expect(
      await setConfigOption(`export default { build: { outDir: 'out' } };\n`, ['build', 'minify'], 'esbuild'),
    ).toBe(`export default { build: { outDir: 'out', minify: 'esbuild' } };\n`);
    expect(await setConfigOption(`export default { plugins: [] };\n`, ['build', 'target'], 'es2022')).toBe(
      `export default { plugins: [], build: { target: 'es2022' } };\n`,
    );
    expect(await setConfigOption(`export default { build: {} };\n`, ['build', 'minify'], true)).toBe(
      `export default { build: { minify: true } };\n`,
    );
    const crlf = `export default {\r\n  plugins: [],\r\n};\r\n`;
    expect(await setConfigOption(crlf, ['build', 'minify'], true)).toBe(
      `export default {\r\n  plugins: [],\r\n  build: {\r\n    minify: true,\r\n  },\r\n};\r\n`,
    );
  });

  it('edits through an exported constant and `satisfies`, and replaces methods and shorthands whole', async () => {
    const constant = `const config = {\n  build: {\n    minify: false,\n  },\n} satisfies UserConfig;\n\nexport default config;\n`;
    expect(await setConfigOption(constant, ['build', 'minify'], 'esbuild')).toBe(
      constant.replace('minify: false', "minify: 'esbuild'"),
    );
    const shorthand = `const target = 'es2015';\nexport default { build: { target } };\n`;
    expect(await setConfigOption(shorthand, ['build', 'target'], 'es2022')).toBe(
      `const target = 'es2015';\nexport default { build: { target: 'es2022' } };\n`,
    );
  });

  it('throws a clear error instead of guessing', async () => {
    const fn = `export default defineConfig(async () => ({ build: {} }));\n`;
    await expect(setConfigOption(fn, ['build', 'minify'], true)).rejects.toThrow(/the config is a function/);
    const variable = `export default { build: shared };\n`;
    await expect(setConfigOption(variable, ['build', 'minify'], true)).rejects.toThrow(
      /build is not an object literal, so build.minify cannot be set statically/,
    );
    const overridden = `export default { build: { minify: false, ...rest } };\n`;
    await expect(setConfigOption(overridden, ['build', 'minify'], true)).rejects.toThrow(/overridden by a spread/);
    const mixed = `export default {\r\n  build: {},\n};\n`;
    await expect(setConfigOption(mixed, ['build', 'minify'], true)).rejects.toThrow(/mixes \\n and \\r\\n/);
  });

  it('keeps positions right in tab-indented files with a BOM', async () => {
    const code = `\uFEFFimport { defineConfig } from 'vite';\n\nexport default defineConfig({\n\tplugins: [],\n\tbuild: {\n\t\tminify: false,\n\t\ttarget: 'es2015',\n\t},\n});\n`;
    expect(await setConfigOption(code, ['build', 'target'], 'es2022')).toBe(code.replace("'es2015'", "'es2022'"));
    expect(await setConfigOption(code, ['build', 'sourcemap'], false)).toBe(
      code.replace("target: 'es2015',\n", "target: 'es2015',\n\t\tsourcemap: false,\n"),
    );
    expect(await readConfigOption(code, ['build', 'target'])).toMatchObject({ state: 'literal', line: 7 });
  });

  it('takes the indentation from code, not from block comment lines', async () => {
    const code = `/**\n * Shared config.\n */\nexport default {\n  plugins: [],\n};\n`;
    expect(await setConfigOption(code, ['build', 'target'], 'es2022')).toBe(
      `/**\n * Shared config.\n */\nexport default {\n  plugins: [],\n  build: {\n    target: 'es2022',\n  },\n};\n`,
    );
  });

  it('lets a value depend on the file style', async () => {
    const code = `export default {\n\tbuild: {},\n}\n`;
    const result = await setConfigOption(code, ['build', 'target'], (style) =>
      [style.indent === '\t' ? 'tabs' : 'spaces', style.semi ? 'semi' : 'no-semi', style.quote].join(' '),
    );
    expect(result).toBe(`export default {\n\tbuild: {\n\t\ttarget: 'tabs no-semi \\'',\n\t},\n}\n`);
  });
});
