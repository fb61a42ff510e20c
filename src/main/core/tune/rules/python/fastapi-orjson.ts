import { parse as parseToml } from 'smol-toml';
import type { Stack } from '../../../../../shared/schemas/project';
import type { DetectedFinding, Rule, RuleContext } from '../../types';
import { serverCommands } from './servers';
import {
  callAt,
  facts,
  imports,
  isTestFile,
  joinPath,
  lineEvidence,
  moduleFile,
  owningStack,
  pythonFiles,
  pythonStacks,
  uses,
  withKeyword,
} from './sources';

/** FastAPI 0.131 deprecated ORJSONResponse: it serializes through Pydantic in Rust when a return type is declared. */
const DEPRECATED_IN = [0, 131];

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function version(text: string): number[] {
  return text.split('.').map((part) => Number.parseInt(part, 10) || 0);
}

/**
 * What is known of the FastAPI version: an exact pin or a lock file gives it, a lower bound gives its
 * minimum. Null when nothing bounds it from below.
 */
async function fastapiAtLeast(
  context: RuleContext,
  stack: Stack,
): Promise<{ version: number[]; exact: boolean } | null> {
  const spec = String(facts(stack, 'python.dependency.fastapi')[0]?.value ?? '');
  const pinned = /==\s*([\d.]+)/.exec(spec)?.[1];
  if (pinned) return { version: version(pinned), exact: true };
  for (const lock of ['uv.lock', 'poetry.lock']) {
    const text = await context.read(joinPath(stack.dir, lock));
    if (text === null) continue;
    try {
      const packages = (parseToml(text) as { package?: Array<{ name?: unknown; version?: unknown }> }).package ?? [];
      const locked = packages.find((p) => p.name === 'fastapi');
      if (typeof locked?.version === 'string') return { version: version(locked.version), exact: true };
    } catch {
      // A malformed lock file says nothing about the version.
    }
  }
  const minimum = /(>=|~=)\s*([\d.]+)/.exec(spec)?.[2];
  return minimum ? { version: version(minimum), exact: false } : null;
}

const APP = /^(\s*)(\w+)\s*(?::\s*[\w.]+\s*)?=\s*((?:fastapi\.)?FastAPI)\s*\(/;

export const fastapiOrjson: Rule = {
  id: 'python.fastapi-orjson',
  title: 'Serialize FastAPI responses with orjson',
  rationale:
    "FastAPI's default JSONResponse runs every response through jsonable_encoder and the standard json module. " +
    'ORJSONResponse serializes with orjson, a Rust library several times faster, which shows on endpoints ' +
    'returning large or many JSON bodies. It needs the orjson package.',
  reference: {
    title: 'FastAPI: Custom Response (ORJSONResponse)',
    url: 'https://fastapi.tiangolo.com/advanced/custom-response/#use-orjsonresponse',
  },
  stack: 'python',
  risk: 'review',
  effort: 'low',
  metrics: ['runtime'],
  prior: { pImprove: 0.5, effect: 0.1 },

  async detect(context) {
    const found: DetectedFinding[] = [];
    const servers = await serverCommands(context);
    for (const stack of pythonStacks(context)) {
      if (!uses(stack, 'python.framework', 'fastapi')) continue;
      const known = await fastapiAtLeast(context, stack);
      if (known && compare(known.version, DEPRECATED_IN) >= 0) continue;
      // Modules a server command names are where the app lives.
      const modules = servers
        .filter((s) => owningStack(context, s.file)?.dir === stack.dir)
        .flatMap((s) => s.words.map(moduleFile))
        .filter((file): file is string => file !== null);
      const orjsonDeclared = facts(stack, 'python.dependency.orjson').length > 0;
      for (const file of await pythonFiles(context, stack, modules)) {
        if (isTestFile(file.file) || !imports(file, 'fastapi')) continue;
        file.code.forEach((code, index) => {
          const app = APP.exec(code);
          if (!app) return;
          const column = code.indexOf(app[3] ?? 'FastAPI', code.indexOf('='));
          const call = callAt(file, index, column);
          // `app = ` as written, so the snippet is the whole statement.
          const assignment = code.slice(0, column).trimStart();
          if (!call || /\bdefault_response_class\s*=/.test(call.args)) return;
          found.push({
            dir: stack.dir,
            message:
              `${file.file} line ${index + 1} creates the FastAPI app ${app[2] ?? 'app'} with the default JSONResponse; ` +
              `default_response_class=ORJSONResponse serializes with orjson` +
              (orjsonDeclared ? '' : ' (add orjson to the dependencies)'),
            evidence: [lineEvidence(file, index + 1)],
            current: `${assignment}${call.text}`,
            proposed: [
              'from fastapi.responses import ORJSONResponse',
              '',
              `${assignment}${withKeyword(call, 'default_response_class=ORJSONResponse')}`,
              ...(orjsonDeclared ? [] : ['', '# requirements: orjson']),
            ].join('\n'),
            warning:
              (known === null || !known.exact
                ? 'FastAPI 0.131 and later deprecate ORJSONResponse: there, declare return types or response_model instead and Pydantic serializes in Rust. '
                : '') +
              'orjson rejects some values the standard encoder accepts (non-str dict keys, NaN); run the API tests.',
          });
        });
      }
    }
    return found;
  },
};
