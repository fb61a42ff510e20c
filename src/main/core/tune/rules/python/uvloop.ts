import type { DetectedFinding, FileEdit, Rule, RuleContext } from '../../types';
import { option, serverCommands } from './servers';
import { facts, owningStack, pythonStacks, uses } from './sources';

/** uvloop has no Windows or PyPy build; the marker keeps the requirement installable everywhere. */
export const UVLOOP_REQUIREMENT = 'uvloop; sys_platform != "win32" and platform_python_implementation == "CPython"';

function isRequirementsFile(path: string): boolean {
  return /(^|\/)requirements[^/]*\.txt$/.test(path);
}

/** The requirement list with a line added after `line` (1-based); every other byte stays as it was. */
export function addRequirementAfter(text: string, line: number, requirement: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let offset = 0;
  for (let i = 0; i < line && offset < text.length; i++) {
    const next = text.indexOf('\n', offset);
    offset = next < 0 ? text.length : next + 1;
  }
  // The last line without a final line break: keep it that way.
  if (offset === text.length && text !== '' && !text.endsWith('\n')) return `${text}${eol}${requirement}`;
  return `${text.slice(0, offset)}${requirement}${eol}${text.slice(offset)}`;
}

interface Candidate {
  finding: DetectedFinding;
  /** The requirements file and uvicorn's line in it, when the addition can be written. */
  file: string | null;
  line: number | null;
}

async function candidates(context: RuleContext): Promise<Candidate[]> {
  const servers = await serverCommands(context);
  const found: Candidate[] = [];
  for (const stack of pythonStacks(context)) {
    if (!uses(stack, 'python.server', 'uvicorn')) continue;
    const uvicorn = facts(stack, 'python.dependency.uvicorn')[0];
    // uvicorn[standard] pulls uvloop in (where it exists) and the default `--loop auto` then picks it.
    const standard = /\[[^\]]*\bstandard\b[^\]]*\]/.test(String(uvicorn?.value ?? ''));
    if (standard || facts(stack, 'python.dependency.uvloop').length > 0) continue;
    const mine = servers.filter((s) => owningStack(context, s.file)?.dir === stack.dir && s.kind !== 'fastapi');
    // An explicit --loop is a deliberate choice either way.
    if (mine.some((s) => option(s.words, ['--loop']) !== null)) continue;
    const declared = uvicorn?.evidence;
    const writable =
      declared !== undefined &&
      declared.line !== null &&
      isRequirementsFile(declared.file) &&
      !((await context.read(declared.file)) ?? '--hash').includes('--hash');
    const where = declared ?? facts(stack, 'python.server')[0]?.evidence;
    found.push({
      file: writable ? declared.file : null,
      line: writable ? declared.line : null,
      finding: {
        dir: stack.dir,
        message:
          `${stack.name} serves with uvicorn but uvloop is not installed` +
          (declared ? ` (${declared.file} declares ${String(uvicorn?.value)})` : '') +
          ': uvicorn falls back to the pure-asyncio event loop',
        evidence: [...(where ? [where] : []), ...mine.map((s) => s.where)],
        current: uvicorn ? String(uvicorn.value) : 'uvicorn',
        proposed: writable
          ? `${String(uvicorn?.value)}\n${UVLOOP_REQUIREMENT}`
          : `Add to the dependencies: "${UVLOOP_REQUIREMENT.replace(/"/g, "'")}" (or depend on uvicorn[standard])`,
        warning:
          /==/.test(String(uvicorn?.value ?? '')) || declared === undefined
            ? 'Pin uvloop the way the other requirements are pinned (and rebuild the lock file, if any).'
            : undefined,
        data: { file: writable ? declared.file : null, automatic: writable },
      },
    });
  }
  return found;
}

export const uvloop: Rule = {
  id: 'python.uvloop',
  title: 'Install uvloop for uvicorn',
  rationale:
    "uvicorn's default `--loop auto` uses uvloop, a libuv-based event loop that is typically 2-4× faster " +
    "than asyncio's, but only when it is installed. Without it the server silently runs on the slower loop.",
  reference: { title: 'uvicorn settings: --loop', url: 'https://www.uvicorn.org/settings/#implementation' },
  stack: 'python',
  risk: 'review',
  effort: 'low',
  metrics: ['runtime'],
  prior: { pImprove: 0.6, effect: 0.1 },

  async detect(context) {
    return (await candidates(context)).map((candidate) => candidate.finding);
  },

  async fix(finding, context): Promise<FileEdit[]> {
    const wanted = finding.data?.file;
    const current = (await candidates(context)).find((c) => c.finding.dir === finding.dir);
    if (!current) throw new Error('uvloop is already installed (or uvicorn is gone)');
    if (current.file === null || current.line === null || current.file !== wanted) {
      throw new Error('uvicorn is not declared in a requirements file Tunebench can extend; add uvloop by hand');
    }
    const before = await context.read(current.file);
    if (before === null) throw new Error(`${current.file} can no longer be read`);
    return [{ file: current.file, before, after: addRequirementAfter(before, current.line, UVLOOP_REQUIREMENT) }];
  },
};
