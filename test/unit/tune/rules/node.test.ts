import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigEditError } from '../../../../src/main/core/tune/edit/js-config';
import { nodeRules } from '../../../../src/main/core/tune/rules/node';
import { heavyDependenciesRule } from '../../../../src/main/core/tune/rules/node/heavy-dependencies';
import { lazyRoutesRule } from '../../../../src/main/core/tune/rules/node/lazy-routes';
import { tsIncrementalRule } from '../../../../src/main/core/tune/rules/node/ts-incremental';
import { tsSkipLibCheckRule } from '../../../../src/main/core/tune/rules/node/ts-skiplibcheck';
import { viteBuildTargetRule } from '../../../../src/main/core/tune/rules/node/vite-build-target';
import { viteMinifyRule } from '../../../../src/main/core/tune/rules/node/vite-minify';
import { viteSourcemapRule } from '../../../../src/main/core/tune/rules/node/vite-sourcemap';
import { viteVendorChunksRule } from '../../../../src/main/core/tune/rules/node/vite-vendor-chunks';
import type { DetectedFinding, Rule } from '../../../../src/main/core/tune/types';
import { RuleInfoSchema } from '../../../../src/shared/schemas/tune';
import { fixtureRepo } from '../../../helpers/fixture-project';
import { ruleContextFor, writeProject } from '../../../helpers/rule-context';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = writeProject(files);
  roots.push(root);
  return root;
}

function manifest(fields: Record<string, unknown>): string {
  return `${JSON.stringify({ name: 'app', private: true, ...fields }, null, 2)}\n`;
}

async function detect(rule: Rule, root: string): Promise<DetectedFinding[]> {
  return rule.detect(await ruleContextFor(root));
}

/** Runs the fix, checks each edit's `before` is the file on disk, writes it, and returns the new texts. */
async function applyFix(rule: Rule, root: string, finding: DetectedFinding): Promise<Record<string, string>> {
  const edits = await rule.fix!(finding, await ruleContextFor(root));
  const written: Record<string, string> = {};
  for (const edit of edits) {
    expect(edit.before).toBe(readFileSync(join(root, edit.file), 'utf8'));
    writeFileSync(join(root, edit.file), edit.after);
    written[edit.file] = edit.after;
  }
  return written;
}

/** Detects exactly one finding, applies it, and checks the rule is then satisfied. */
async function fixOnce(
  rule: Rule,
  root: string,
): Promise<{ finding: DetectedFinding; written: Record<string, string> }> {
  const findings = await detect(rule, root);
  expect(findings).toHaveLength(1);
  const finding = findings[0]!;
  const written = await applyFix(rule, root, finding);
  expect(await detect(rule, root)).toEqual([]);
  return { finding, written };
}

const VITE_CONFIG = (build: string): string =>
  `import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Used by dev and build alike.
export default defineConfig({
  plugins: [react()], // React fast refresh
${build}});
`;

const VITE5 = { dependencies: { react: '^18.3.0' }, devDependencies: { vite: '^5.4.0' } };
const VITE8 = { dependencies: { react: '^19.2.0' }, devDependencies: { vite: '^8.0.0' } };

describe('the node rule catalogue', () => {
  it('has eight rules with valid, distinct metadata', () => {
    expect(nodeRules.map((rule) => rule.id)).toEqual([
      'node.vite-minify',
      'node.vite-build-target',
      'node.vite-sourcemap',
      'node.vite-vendor-chunks',
      'node.lazy-routes',
      'node.ts-skiplibcheck',
      'node.ts-incremental',
      'node.heavy-dependencies',
    ]);
    for (const rule of nodeRules) {
      const { detect: _detect, fix, ...info } = rule;
      expect(RuleInfoSchema.safeParse({ ...info, automatic: fix !== undefined }).success).toBe(true);
      expect(rule.stack).toBe('node');
      expect(rule.reference.url).toMatch(/^https:\/\//);
    }
    expect(lazyRoutesRule.fix).toBeUndefined();
    expect(heavyDependenciesRule.fix).toBeUndefined();
  });
});

describe('node.vite-minify', () => {
  it('turns minification back on with the version’s minifier, and only touches that value', async () => {
    const root = project({
      'package.json': manifest(VITE5),
      'vite.config.ts': VITE_CONFIG('  build: {\n    minify: false, // TODO: debugging\n  },\n'),
    });
    const { finding, written } = await fixOnce(viteMinifyRule, root);
    expect(finding).toMatchObject({
      dir: '',
      current: 'build.minify: false',
      proposed: 'build.minify: "esbuild"',
      evidence: [{ file: 'vite.config.ts', line: 8, excerpt: 'minify: false, // TODO: debugging' }],
    });
    expect(written['vite.config.ts']).toBe(
      VITE_CONFIG("  build: {\n    minify: 'esbuild', // TODO: debugging\n  },\n"),
    );
  });

  it('proposes oxc on Vite 8 and leaves library builds and minified builds alone', async () => {
    const vite8 = project({
      'package.json': manifest(VITE8),
      'vite.config.ts': VITE_CONFIG('  build: { minify: false },\n'),
    });
    expect((await detect(viteMinifyRule, vite8))[0]?.proposed).toBe('build.minify: "oxc"');
    const library = project({
      'package.json': manifest(VITE8),
      'vite.config.ts': VITE_CONFIG("  build: { minify: false, lib: { entry: 'src/index.ts' } },\n"),
    });
    expect(await detect(viteMinifyRule, library)).toEqual([]);
    const minified = project({
      'package.json': manifest(VITE8),
      'vite.config.ts': VITE_CONFIG("  build: { minify: 'terser' },\n"),
    });
    expect(await detect(viteMinifyRule, minified)).toEqual([]);
  });

  it('stays quiet on a function config, and its fix says why it cannot edit one', async () => {
    const config = `import { defineConfig } from 'vite';\n\nexport default defineConfig(({ mode }) => ({\n  build: { minify: mode !== 'debug' && false },\n}));\n`;
    const root = project({ 'package.json': manifest(VITE8), 'vite.config.ts': config });
    expect(await detect(viteMinifyRule, root)).toEqual([]);
    const finding: DetectedFinding = {
      dir: '',
      message: '',
      evidence: [],
      current: null,
      proposed: null,
      data: { file: 'vite.config.ts', path: ['build', 'minify'], value: 'oxc' },
    };
    const fix = viteMinifyRule.fix!(finding, await ruleContextFor(root));
    await expect(fix).rejects.toThrow(ConfigEditError);
    await expect(viteMinifyRule.fix!(finding, await ruleContextFor(root))).rejects.toThrow(
      /^vite\.config\.ts: the config is a function/,
    );
  });

  it('finds the config of each workspace package and reports its folder', async () => {
    const root = project({
      'package.json': manifest({ workspaces: ['packages/*'] }),
      'packages/web/package.json': manifest({ name: 'web', ...VITE5 }),
      'packages/web/vite.config.js': `export default {\n  build: { minify: false },\n};\n`,
      'packages/api/package.json': manifest({ name: 'api' }),
    });
    const findings = await detect(viteMinifyRule, root);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      dir: 'packages/web',
      evidence: [{ file: 'packages/web/vite.config.js', line: 2 }],
    });
    const written = await applyFix(viteMinifyRule, root, findings[0]!);
    expect(written['packages/web/vite.config.js']).toBe(`export default {\n  build: { minify: 'esbuild' },\n};\n`);
  });
});

describe('node.vite-build-target', () => {
  it('raises an old explicit target to es2022', async () => {
    const root = project({
      'package.json': manifest(VITE8),
      'vite.config.ts': VITE_CONFIG("  build: {\n    target: 'es2015',\n  },\n"),
    });
    const { finding, written } = await fixOnce(viteBuildTargetRule, root);
    expect(finding).toMatchObject({
      current: "build.target: 'es2015'",
      proposed: "build.target: 'es2022'",
      evidence: [{ file: 'vite.config.ts', line: 8, excerpt: "target: 'es2015'," }],
    });
    expect(written['vite.config.ts']).toBe(VITE_CONFIG("  build: {\n    target: 'es2022',\n  },\n"));
  });

  it('adds a target where an older Vite defaults to es2020, not where Vite 7+ is already modern', async () => {
    const config = VITE_CONFIG('');
    const vite5 = project({ 'package.json': manifest(VITE5), 'vite.config.ts': config });
    const { finding, written } = await fixOnce(viteBuildTargetRule, vite5);
    expect(finding.evidence).toEqual([{ file: 'vite.config.ts', line: 5, excerpt: 'export default defineConfig({' }]);
    expect(written['vite.config.ts']).toBe(VITE_CONFIG("  build: {\n    target: 'es2022',\n  },\n"));
    const vite8 = project({ 'package.json': manifest(VITE8), 'vite.config.ts': config });
    expect(await detect(viteBuildTargetRule, vite8)).toEqual([]);
  });

  it('respects declared browser support, browser targets and esnext', async () => {
    const old = VITE_CONFIG("  build: { target: 'es2017' },\n");
    const browserslist = project({
      'package.json': manifest({ ...VITE8, browserslist: ['> 0.5%', 'ie 11'] }),
      'vite.config.ts': old,
    });
    expect(await detect(viteBuildTargetRule, browserslist)).toEqual([]);
    const rc = project({ 'package.json': manifest(VITE8), '.browserslistrc': 'defaults\n', 'vite.config.ts': old });
    expect(await detect(viteBuildTargetRule, rc)).toEqual([]);
    for (const target of ["['es2019', 'safari13']", "'esnext'", "'es2022'", 'process.env.TARGET']) {
      const root = project({
        'package.json': manifest(VITE8),
        'vite.config.ts': VITE_CONFIG(`  build: { target: ${target} },\n`),
      });
      expect(await detect(viteBuildTargetRule, root)).toEqual([]);
    }
  });
});

describe('node.vite-sourcemap', () => {
  it('stops publishing source maps when nothing uploads them', async () => {
    const root = project({
      'package.json': manifest(VITE8),
      'vite.config.ts': VITE_CONFIG('  build: {\n    sourcemap: true,\n  },\n'),
    });
    const { finding, written } = await fixOnce(viteSourcemapRule, root);
    expect(finding).toMatchObject({ current: 'build.sourcemap: true', proposed: 'build.sourcemap: false' });
    expect(written['vite.config.ts']).toBe(VITE_CONFIG('  build: {\n    sourcemap: false,\n  },\n'));
  });

  it('keeps maps hidden for an error tracker, and accepts hidden', async () => {
    const root = project({
      'package.json': manifest({ ...VITE8, dependencies: { react: '^19.2.0', '@sentry/react': '^9.0.0' } }),
      'vite.config.ts': VITE_CONFIG("  build: { sourcemap: 'inline' },\n"),
    });
    const { finding, written } = await fixOnce(viteSourcemapRule, root);
    expect(finding.proposed).toBe('build.sourcemap: "hidden"');
    expect(finding.warning).toMatch(/@sentry\/react/);
    expect(written['vite.config.ts']).toBe(VITE_CONFIG("  build: { sourcemap: 'hidden' },\n"));
  });
});

describe('node.vite-vendor-chunks', () => {
  it('adds a manualChunks function on Vite 5, typed in a TypeScript config', async () => {
    const root = project({ 'package.json': manifest(VITE5), 'vite.config.ts': VITE_CONFIG('') });
    const { finding, written } = await fixOnce(viteVendorChunksRule, root);
    expect(finding.current).toBe('build.rollupOptions.output.manualChunks: not set');
    expect(written['vite.config.ts']).toBe(
      VITE_CONFIG(`  build: {
    rollupOptions: {
      output: {
        manualChunks: (id: string) => {
          if (id.includes('node_modules')) return 'vendor';
        },
      },
    },
  },
`),
    );
  });

  it('adds a Rolldown codeSplitting group on Vite 8, inside an existing build block', async () => {
    const root = project({
      'package.json': manifest(VITE8),
      'vite.config.ts': VITE_CONFIG("  build: {\n    outDir: 'public', // served by nginx\n  },\n"),
    });
    const { finding, written } = await fixOnce(viteVendorChunksRule, root);
    expect(finding.evidence[0]).toMatchObject({ line: 7, excerpt: 'build: {' });
    expect(written['vite.config.ts']).toBe(
      VITE_CONFIG(`  build: {
    outDir: 'public', // served by nginx
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'vendor', test: /node_modules/ }],
        },
      },
    },
  },
`),
    );
  });

  it('leaves existing chunking, dependency-free apps and computed outputs alone', async () => {
    const configs = [
      VITE_CONFIG("  build: { rollupOptions: { output: { manualChunks: { react: ['react'] } } } },\n"),
      VITE_CONFIG('  build: { rolldownOptions: { output: [{ format: "es" }] } },\n'),
      VITE_CONFIG('  build: { rollupOptions: shared },\n'),
    ];
    for (const config of configs) {
      const root = project({ 'package.json': manifest(VITE8), 'vite.config.ts': config });
      expect(await detect(viteVendorChunksRule, root)).toEqual([]);
    }
    const noDependencies = project({
      'package.json': manifest({ devDependencies: { vite: '^8.0.0' } }),
      'vite.config.ts': VITE_CONFIG(''),
    });
    expect(await detect(viteVendorChunksRule, noDependencies)).toEqual([]);
  });
});

describe('node.lazy-routes', () => {
  const APP = `import { lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import Layout from './Layout';
import Home from './pages/Home';
import { About } from './pages/About';
import Settings from '@/pages/Settings';
import type { Props } from './types';
import Reports from './pages/Reports';

const Admin = lazy(() => import('./pages/Admin'));

export function App(_: Props) {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<Layout />}>
          <Route path="/" element={<Home />} />
          <Route path="/about" element={<About />} />
          <Route path="/settings" element={<Settings />} />
          <Route path="/admin" element={<Admin />} />
        </Route>
        <Route path="/reports" Component={Reports} />
      </Routes>
    </BrowserRouter>
  );
}
`;

  it('points at each statically imported route component, not at layouts or lazy ones', async () => {
    const root = project({
      'package.json': manifest({ dependencies: { react: '^19.2.0', 'react-router-dom': '^7.0.0' } }),
      'src/App.tsx': APP,
    });
    const findings = await detect(lazyRoutesRule, root);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      dir: '',
      current: '4 route components imported statically',
      evidence: [
        { file: 'src/App.tsx', line: 4, excerpt: "import Home from './pages/Home';" },
        { file: 'src/App.tsx', line: 5, excerpt: "import { About } from './pages/About';" },
        { file: 'src/App.tsx', line: 6, excerpt: "import Settings from '@/pages/Settings';" },
        { file: 'src/App.tsx', line: 8, excerpt: "import Reports from './pages/Reports';" },
      ],
    });
    expect(findings[0]?.message).toContain('(Home, About, Settings, Reports)');
    expect(findings[0]?.proposed).toBe(
      "every route but the landing page loaded on demand, e.g. const Reports = lazy(() => import('./pages/Reports')) rendered inside <Suspense>",
    );
  });

  it('reads object route tables too, and stays quiet with few routes or no router', async () => {
    const routes = `import { createBrowserRouter } from 'react-router';
import Home from './pages/Home';
import About from './pages/About';
import Blog from './pages/Blog';

export const router = createBrowserRouter([
  { path: '/', element: <Home /> },
  { path: '/about', element: <About /> },
  { path: '/blog', Component: Blog },
]);
`;
    const withRouter = project({
      'package.json': manifest({ dependencies: { 'react-router': '^7.0.0' } }),
      'src/router.tsx': routes,
    });
    expect((await detect(lazyRoutesRule, withRouter))[0]?.evidence.map((item) => item.line)).toEqual([2, 3, 4]);
    const crlf = project({
      'package.json': manifest({ dependencies: { 'react-router': '^7.0.0' } }),
      'src/routes.jsx': routes.replace(/\n/g, '\r\n'),
    });
    expect((await detect(lazyRoutesRule, crlf))[0]?.evidence.map((item) => item.line)).toEqual([2, 3, 4]);
    const few = project({
      'package.json': manifest({ dependencies: { 'react-router': '^7.0.0' } }),
      'src/router.tsx': routes.replace("  { path: '/blog', Component: Blog },\n", ''),
    });
    expect(await detect(lazyRoutesRule, few)).toEqual([]);
    const noRouter = project({ 'package.json': manifest({}), 'src/router.tsx': routes });
    expect(await detect(lazyRoutesRule, noRouter)).toEqual([]);
  });
});

describe('node.ts-skiplibcheck', () => {
  const TSCONFIG = `{
  // Type-check only; Vite compiles.
  "compilerOptions": {
    "strict": true,
    "noEmit": true
  }
}
`;

  it('adds skipLibCheck where a script type-checks, keeping the comments', async () => {
    const root = project({
      'package.json': manifest({ scripts: { typecheck: 'tsc --noEmit' }, devDependencies: { typescript: '~5.9.0' } }),
      'tsconfig.json': TSCONFIG,
    });
    const { finding, written } = await fixOnce(tsSkipLibCheckRule, root);
    expect(finding).toMatchObject({
      current: 'tsconfig.json: skipLibCheck not set',
      evidence: [
        { file: 'package.json', line: 5, excerpt: '"typecheck": "tsc --noEmit"' },
        { file: 'tsconfig.json', line: 3, excerpt: '"compilerOptions": {' },
      ],
    });
    expect(written['tsconfig.json']).toBe(
      TSCONFIG.replace('"noEmit": true', '"noEmit": true,\n    "skipLibCheck": true'),
    );
  });

  it('follows extends and solution configs, and ignores tsconfigs no script checks', async () => {
    const inherited = project({
      'package.json': manifest({ scripts: { build: 'tsc' } }),
      'tsconfig.json': '{ "extends": "./tsconfig.base.json" }\n',
      'tsconfig.base.json': '{ "compilerOptions": { "skipLibCheck": true } }\n',
    });
    expect(await detect(tsSkipLibCheckRule, inherited)).toEqual([]);
    const solution = project({
      'package.json': manifest({ scripts: { build: 'tsc -b && vite build' } }),
      'tsconfig.json':
        '{\n  "files": [],\n  "references": [{ "path": "./tsconfig.app.json" }, { "path": "./tsconfig.node.json" }]\n}\n',
      'tsconfig.app.json': '{\n  "compilerOptions": {\n    "skipLibCheck": true\n  }\n}\n',
      'tsconfig.node.json': '{\n  "compilerOptions": {\n    "skipLibCheck": false\n  }\n}\n',
    });
    const { finding, written } = await fixOnce(tsSkipLibCheckRule, solution);
    expect(finding.current).toBe('tsconfig.node.json: skipLibCheck false');
    expect(written).toEqual({ 'tsconfig.node.json': '{\n  "compilerOptions": {\n    "skipLibCheck": true\n  }\n}\n' });
    const editorOnly = project({
      'package.json': manifest({ scripts: { build: 'vite build' } }),
      'tsconfig.json': TSCONFIG,
    });
    expect(await detect(tsSkipLibCheckRule, editorOnly)).toEqual([]);
  });

  it('does not crash on a malformed tsconfig: the profile reports it', async () => {
    const root = project({
      'package.json': manifest({ scripts: { typecheck: 'tsc --noEmit' } }),
      'tsconfig.json': '{\n  "compilerOptions": {\n    "strict": true,,\n}\n',
    });
    const context = await ruleContextFor(root);
    expect(await tsSkipLibCheckRule.detect(context)).toEqual([]);
    expect(await tsIncrementalRule.detect(context)).toEqual([]);
    expect(context.profile.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ file: 'tsconfig.json', line: 3 })]),
    );
  });
});

describe('node.ts-incremental', () => {
  it('makes type-check runs incremental with build info under node_modules', async () => {
    const tsconfig = '{\n  "compilerOptions": {\n    "strict": true\n  },\n  "include": ["src"]\n}\n';
    const root = project({
      'package.json': manifest({ scripts: { typecheck: 'tsc --noEmit -p tsconfig.app.json', build: 'vite build' } }),
      'tsconfig.app.json': tsconfig,
    });
    const { finding, written } = await fixOnce(tsIncrementalRule, root);
    expect(finding).toMatchObject({
      current: 'tsconfig.app.json: incremental not set',
      evidence: [
        { file: 'package.json', line: 5, excerpt: '"typecheck": "tsc --noEmit -p tsconfig.app.json",' },
        { file: 'tsconfig.app.json', line: 2 },
      ],
    });
    expect(written['tsconfig.app.json']).toBe(
      '{\n  "compilerOptions": {\n    "strict": true,\n    "incremental": true,\n    "tsBuildInfoFile": "./node_modules/.tmp/tsconfig.app.tsbuildinfo"\n  },\n  "include": ["src"]\n}\n',
    );
  });

  it('leaves build mode, emitting builds, composite projects and explicit choices alone', async () => {
    const cases: Array<[string, string]> = [
      ['tsc -b', '{ "compilerOptions": { "noEmit": true } }'],
      ['tsc', '{ "compilerOptions": { "outDir": "dist" } }'],
      ['tsc --noEmit', '{ "compilerOptions": { "composite": true } }'],
      ['tsc --noEmit', '{ "compilerOptions": { "incremental": false } }'],
      ['tsc --noEmit src/index.ts', '{}'],
      ['tsc --noEmit --watch', '{}'],
      ['tsc --noEmit && tsc', '{}'],
    ];
    for (const [script, tsconfig] of cases) {
      const root = project({ 'package.json': manifest({ scripts: { check: script } }), 'tsconfig.json': tsconfig });
      expect(await detect(tsIncrementalRule, root), script).toEqual([]);
    }
  });
});

describe('node.heavy-dependencies', () => {
  it('lists runtime dependencies with lighter equivalents, each at its package.json line', async () => {
    const root = project({
      'package.json': manifest({
        engines: { node: '>=20' },
        dependencies: { lodash: '^4.17.21', moment: '^2.30.1', 'node-fetch': '^3.3.2', react: '^19.2.0' },
        devDependencies: { uuid: '^11.0.0' },
      }),
    });
    const findings = await detect(heavyDependenciesRule, root);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      dir: '',
      current: 'lodash ^4.17.21, moment ^2.30.1, node-fetch ^3.3.2',
      evidence: [
        { file: 'package.json', line: 8, excerpt: '"lodash": "^4.17.21",' },
        { file: 'package.json', line: 9, excerpt: '"moment": "^2.30.1",' },
        { file: 'package.json', line: 10, excerpt: '"node-fetch": "^3.3.2",' },
      ],
    });
  });

  it('keeps node-fetch when Node may be older than 18, and survives a malformed manifest', async () => {
    const old = project({
      'package.json': manifest({ engines: { node: '>=16' }, dependencies: { 'node-fetch': '^2.7.0' } }),
    });
    expect(await detect(heavyDependenciesRule, old)).toEqual([]);
    const broken = project({ 'package.json': '{\n  "dependencies": {\n    "moment": "^2.30.1"\n  \n' });
    const context = await ruleContextFor(broken);
    for (const rule of nodeRules) expect(await rule.detect(context)).toEqual([]);
    expect(context.profile.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ file: 'package.json' })]),
    );
  });
});

describe('a fixed Vite config still builds', () => {
  it('applies vite-minify, vite-build-target and vite-vendor-chunks to the vite-react fixture and runs vite build', async () => {
    const into = mkdtempSync(join(tmpdir(), 'tb-vite-rules-'));
    roots.push(into);
    const dir = fixtureRepo('vite-react', into, { linkNodeModules: true });
    const config = join(dir, 'vite.config.ts');
    // The fixture is tuned already; make it need the fixes first.
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(
        'plugins: [react()],',
        "plugins: [react()],\n  build: {\n    minify: false,\n    target: 'es2017',\n  },",
      ),
    );
    for (const rule of [viteMinifyRule, viteBuildTargetRule, viteVendorChunksRule]) await fixOnce(rule, dir);
    expect(readFileSync(config, 'utf8')).toBe(`import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: {
    minify: 'oxc',
    target: 'es2022',
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'vendor', test: /node_modules/ }],
        },
      },
    },
  },
});
`);
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: dir, stdio: 'pipe', timeout: 120_000 });
    const assets = readdirSync(join(dir, 'dist', 'assets'));
    expect(assets.some((name) => /^vendor-.*\.js$/.test(name))).toBe(true);
    const entry = assets.find((name) => /^index-.*\.js$/.test(name));
    expect(entry).toBeDefined();
    // Minified: a few long lines, not the indented source.
    expect(readFileSync(join(dir, 'dist', 'assets', entry!), 'utf8').split('\n').length).toBeLessThan(10);
  }, 120_000);
});
