import type { ASTNode } from 'magicast';
import type { Evidence } from '../../../../../shared/schemas/project';
import { joinPath } from '../../../project/detect/shared';
import { parseProgram, walk } from '../../edit/js-config';
import type { DetectedFinding, Rule } from '../../types';
import { dependency, lineEvidence, nodePackages } from './shared';

const ROUTERS = ['react-router', 'react-router-dom', 'vue-router'];

/**
 * Where route tables live in the usual layouts. The profile holds no list of source files, so the
 * rule reads these conventional places (in src/ of each package) instead of walking the tree.
 */
const ROUTER_FILES = [
  ...['App', 'app', 'main', 'index', 'router', 'routes', 'Router', 'Routes', 'AppRouter', 'AppRoutes'].map(
    (name) => `src/${name}`,
  ),
  'src/router/index',
  'src/routes/index',
  'src/app/router',
  'src/app/routes',
].flatMap((base) => ['tsx', 'jsx', 'ts', 'js'].map((extension) => `${base}.${extension}`));

/** Below this, splitting routes saves little and adds a loading state to each. */
const MIN_STATIC_ROUTES = 3;

/** Imports of the project's own modules (relative, or through the usual src aliases). */
const LOCAL_SOURCE = /^(?:\.{1,2}\/|@\/|~\/|#\/|src\/)/;

interface StaticImport {
  name: string;
  source: string;
  /** `import { About }`: React.lazy needs a default export, so the example maps it. */
  named: boolean;
  line: number;
}

type Node = ASTNode;

function jsxName(node: Node): string | null {
  if (node.type !== 'JSXElement') return null;
  const name = node.openingElement.name;
  return name.type === 'JSXIdentifier' ? name.name : null;
}

/** Components rendered as leaves in `node` (`<Page />`): the pages, not the wrappers around them. */
function leafComponents(node: Node): string[] {
  const names: string[] = [];
  walk(node, (inner) => {
    const name = jsxName(inner);
    if (name && inner.type === 'JSXElement' && !inner.children.some((child) => child.type === 'JSXElement'))
      names.push(name);
  });
  return names;
}

function routeValue(value: Node): string[] {
  if (value.type === 'Identifier') return [value.name];
  return leafComponents(value);
}

/** Components a route table renders, layouts (routes with children) excepted: they are shared. */
function routedComponents(program: Node): Set<string> {
  const routed = new Set<string>();
  walk(program, (node) => {
    if (jsxName(node) === 'Route' && node.type === 'JSXElement') {
      if (node.children.some((child) => child.type === 'JSXElement')) return;
      for (const attribute of node.openingElement.attributes) {
        if (attribute.type !== 'JSXAttribute' || attribute.name.type !== 'JSXIdentifier') continue;
        if (!['element', 'component', 'Component'].includes(attribute.name.name)) continue;
        if (
          attribute.value?.type === 'JSXExpressionContainer' &&
          attribute.value.expression.type !== 'JSXEmptyExpression'
        )
          for (const name of routeValue(attribute.value.expression)) routed.add(name);
      }
    }
    if (node.type === 'ObjectExpression') {
      const keyed = new Map<string, Node>();
      for (const property of node.properties) {
        if (property.type === 'ObjectProperty' && property.key.type === 'Identifier')
          keyed.set(property.key.name, property.value);
      }
      if (!keyed.has('path') && !keyed.has('index')) return;
      if (keyed.has('children')) return;
      for (const key of ['element', 'component', 'Component']) {
        const value = keyed.get(key);
        if (value) for (const name of routeValue(value)) routed.add(name);
      }
    }
  });
  return routed;
}

function staticImports(program: Node): Map<string, StaticImport> {
  const imports = new Map<string, StaticImport>();
  if (program.type !== 'Program') return imports;
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
    if (!LOCAL_SOURCE.test(statement.source.value)) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === 'ImportNamespaceSpecifier') continue;
      if (specifier.type === 'ImportSpecifier' && specifier.importKind === 'type') continue;
      imports.set(specifier.local.name, {
        name: specifier.local.name,
        source: statement.source.value,
        named: specifier.type === 'ImportSpecifier',
        line: statement.loc?.start.line ?? 1,
      });
    }
  }
  return imports;
}

function lazyExample(router: string, route: StaticImport): string {
  const load = `import('${route.source}')`;
  if (router === 'vue-router') return `component: () => ${load}`;
  const module = route.named ? `${load}.then((m) => ({ default: m.${route.name} }))` : load;
  return `const ${route.name} = lazy(() => ${module}) rendered inside <Suspense>`;
}

export const lazyRoutesRule: Rule = {
  id: 'node.lazy-routes',
  title: 'Load route components lazily',
  rationale:
    "Route components imported with a static import are all part of the entry chunk, so the first page waits for the code of every page. Loading each route with React.lazy(() => import(…)) (or the router's lazy option, or `component: () => import(…)` in Vue Router) gives every page its own chunk, fetched when it is visited. The cost is a loading state on first navigation to each page.",
  reference: { title: 'React: lazy', url: 'https://react.dev/reference/react/lazy' },
  stack: 'node',
  risk: 'review',
  effort: 'medium',
  metrics: ['artifact-size'],
  prior: { pImprove: 0.6, effect: 0.2 },
  async detect(context) {
    const findings: DetectedFinding[] = [];
    for (const pkg of await nodePackages(context)) {
      const router = ROUTERS.find((name) => dependency(pkg, name) !== null);
      if (!router) continue;
      const evidence: Evidence[] = [];
      const routes: StaticImport[] = [];
      const files: string[] = [];
      for (const candidate of ROUTER_FILES) {
        const file = joinPath(pkg.dir, candidate);
        const text = await context.read(file);
        if (text === null) continue;
        let program: Node;
        try {
          // Lines are all the rule needs, and they do not depend on the line ending.
          program = await parseProgram(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
        } catch {
          continue; // not parseable as TS/JSX: the type-checker will say more than a rule can
        }
        const imports = staticImports(program);
        const found = [...routedComponents(program)].flatMap((name) => imports.get(name) ?? []);
        if (found.length === 0) continue;
        files.push(file);
        for (const item of found.sort((a, b) => a.line - b.line)) {
          routes.push(item);
          evidence.push(lineEvidence(file, text, item.line));
        }
      }
      const [example] = routes.slice(-1);
      if (routes.length < MIN_STATIC_ROUTES || !example) continue;
      const names = routes.map((route) => route.name);
      findings.push({
        dir: pkg.dir,
        message: `${files.join(', ')} ${files.length === 1 ? 'imports' : 'import'} ${names.length} route components statically (${names.join(', ')}): all of them are in the entry chunk and load with the first page.`,
        evidence,
        current: `${names.length} route components imported statically`,
        proposed: `every route but the landing page loaded on demand, e.g. ${lazyExample(router, example)}`,
      });
    }
    return findings;
  },
};
