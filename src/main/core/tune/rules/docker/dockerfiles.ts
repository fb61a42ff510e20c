import type { Instruction } from 'dockerfile-ast';
import type { Evidence, Stack } from '../../../../../shared/schemas/project';
import { DockerfileDocument, type Stage } from '../../edit/dockerfile';
import type { RuleContext } from '../../types';

/** A Dockerfile of the project, read and parsed once per rule run. */
export interface DockerfileSource {
  /** Relative to the root. */
  file: string;
  /** Folder of the Dockerfile: its usual build context, and the finding's `dir`. */
  dir: string;
  stack: Stack;
  doc: DockerfileDocument;
}

/** The Dockerfile a docker stack describes: the file its facts cite (the stack's name is the same path). */
function fileOf(stack: Stack): string {
  return stack.facts.find((fact) => fact.key === 'docker.from')?.evidence.file ?? stack.name;
}

/**
 * Every Dockerfile the profile found. The detector only makes a stack of a Dockerfile that parses to at
 * least one FROM, so a malformed file never reaches the rules; one that vanished since is skipped.
 */
export async function dockerfiles(context: RuleContext): Promise<DockerfileSource[]> {
  const found: DockerfileSource[] = [];
  for (const stack of context.profile.stacks.filter((s) => s.id === 'docker')) {
    const file = fileOf(stack);
    const text = await context.read(file);
    if (text === null) continue;
    const doc = new DockerfileDocument(text);
    if (doc.stages().length === 0) continue;
    found.push({ file, dir: stack.dir, stack, doc });
  }
  return found;
}

export function evidenceAt(source: DockerfileSource, instruction: Instruction): Evidence {
  return { file: source.file, line: source.doc.lineOf(instruction), excerpt: source.doc.excerpt(instruction) };
}

/** The stage that becomes the image: the last one (a `--target` build is the user's explicit choice). */
export function finalStage(doc: DockerfileDocument): Stage | null {
  const stages = doc.stages();
  return stages[stages.length - 1] ?? null;
}

/** Re-reads a Dockerfile for `fix`, refusing when it no longer matches what `detect` saw. */
export async function readForFix(context: RuleContext, file: string): Promise<DockerfileDocument> {
  const text = await context.read(file);
  if (text === null) throw new Error(`${file} can no longer be read`);
  return new DockerfileDocument(text);
}

/** `ENV`/`ARG` names set before `line` (0-based) in a stage or before the first FROM. */
export function variablesBefore(doc: DockerfileDocument, stage: Stage, line: number): Set<string> {
  const names = new Set<string>();
  for (const instruction of stage.instructions) {
    if (instruction.getRange().start.line >= line) break;
    const keyword = instruction.getKeyword();
    if (keyword !== 'ENV' && keyword !== 'ARG') continue;
    for (const word of doc.command(instruction).split(/\s+/)) {
      const name = /^([A-Za-z_][A-Za-z0-9_]*)(=|$)/.exec(word)?.[1];
      if (name) names.add(name);
    }
  }
  return names;
}

/** The `ENV`/`ARG` value of a name in a stage, as written (quotes removed), or null. */
export function variableValue(doc: DockerfileDocument, stage: Stage, name: string): string | null {
  let value: string | null = null;
  for (const instruction of stage.instructions) {
    const keyword = instruction.getKeyword();
    if (keyword !== 'ENV' && keyword !== 'ARG') continue;
    const text = doc.command(instruction);
    const pair = new RegExp(`(?:^|\\s)${name}=("([^"]*)"|'([^']*)'|(\\S*))`).exec(text);
    if (pair) value = pair[2] ?? pair[3] ?? pair[4] ?? '';
    // Legacy `ENV NAME value` form: the rest of the line is the value.
    else if (keyword === 'ENV' && text.startsWith(`${name} `)) value = text.slice(name.length + 1).trim();
  }
  return value;
}

/**
 * The final stage and the stages it is built `FROM` (by stage name), oldest first: their layers are the
 * image. Other stages only contribute what is explicitly `COPY --from`ed.
 */
export function shippedStages(doc: DockerfileDocument): Stage[] {
  const stages = doc.stages();
  const chain: Stage[] = [];
  let current = stages[stages.length - 1];
  while (current) {
    chain.unshift(current);
    const image = (current.from.getImage() ?? '').toLowerCase();
    const before = stages.slice(0, current.index);
    current = before.reverse().find((stage) => stage.name !== null && stage.name === image);
  }
  return chain;
}

/**
 * The instruction that starts on a 0-based line of an edited text, as written: how one edited
 * instruction reads after a fix whose edits stay inside or after it.
 */
export function instructionTextAt(text: string, line: number): string {
  const doc = new DockerfileDocument(text);
  const found = doc.instructions().find((i) => i.getRange().start.line === line);
  return found ? doc.source(found) : '';
}
