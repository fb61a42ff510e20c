import type { Instruction } from 'dockerfile-ast';
import { type DockerfileDocument, DockerfileEdits } from '../../edit/dockerfile';
import type { DetectedFinding, FileEdit, Rule } from '../../types';
import { dockerfiles, evidenceAt, instructionTextAt, readForFix, shippedStages, variableValue } from './dockerfiles';
import {
  isApkAdd,
  isAptInstall,
  isAptUpdate,
  isNpmCacheClean,
  isNpmInstall,
  pipInstallAt,
  program,
  removesAptLists,
  simpleCommands,
} from './shell';

type Issue = 'apt-lists' | 'pip-cache' | 'npm-cache' | 'apk-cache';

const DESCRIBE: Record<Issue, string> = {
  'apt-lists': 'apt-get install without rm -rf /var/lib/apt/lists/*',
  'pip-cache': 'pip install without --no-cache-dir',
  'npm-cache': 'npm install without npm cache clean --force',
  'apk-cache': 'apk add without --no-cache',
};

interface DirtyRun {
  run: Instruction;
  issues: Issue[];
}

function hasCacheMount(doc: DockerfileDocument, run: Instruction): boolean {
  return doc
    .flags(run)
    .some((flag) => flag.getName().toLowerCase() === 'mount' && (flag.getValue() ?? '').includes('type=cache'));
}

/**
 * RUN steps of the shipped stages that leave a package manager's cache in their layer. Builder stages
 * are skipped: their layers never reach the image. A cache mount keeps the cache out of the layer
 * already, so such steps are clean by construction.
 */
function dirtyRuns(doc: DockerfileDocument): DirtyRun[] {
  const stages = shippedStages(doc);
  const runs = stages.flatMap((stage) =>
    stage.instructions.filter(
      (i) => i.getKeyword() === 'RUN' && !doc.isJsonForm(i) && !doc.hasHeredoc(i) && !hasCacheMount(doc, i),
    ),
  );
  const pipCacheOff = stages.some((stage) => {
    const value = variableValue(doc, stage, 'PIP_NO_CACHE_DIR');
    return value !== null && !/^(0|false|no|off)$/i.test(value);
  });
  const dirty: DirtyRun[] = [];
  runs.forEach((run, index) => {
    const commands = simpleCommands(doc.command(run));
    const later = runs.slice(index + 1).map((r) => simpleCommands(doc.command(r)));
    const issues: Issue[] = [];
    // A later RUN that installs without its own `apt-get update` relies on these lists: keep them.
    const listsNeededLater = later.some((cmds) => cmds.some(isAptInstall) && !cmds.some(isAptUpdate));
    if (commands.some(isAptInstall) && !commands.some(removesAptLists) && !listsNeededLater) issues.push('apt-lists');
    const pipDirty = (words: string[]): boolean =>
      pipInstallAt(words) >= 0 &&
      !words.includes('--no-cache-dir') &&
      !words.some((word) => word.startsWith('PIP_NO_CACHE_DIR='));
    if (!pipCacheOff && commands.some(pipDirty)) issues.push('pip-cache');
    const offlineLater = later.some((cmds) => cmds.some((w) => w.includes('--offline')));
    if (commands.some(isNpmInstall) && !commands.some(isNpmCacheClean) && !offlineLater) issues.push('npm-cache');
    const apkCacheRemoved = commands.some(
      (w) => program(w)[0] === 'rm' && w.some((x) => x.startsWith('/var/cache/apk')),
    );
    if (commands.some((w) => isApkAdd(w) && !w.includes('--no-cache')) && !apkCacheRemoved) issues.push('apk-cache');
    if (issues.length > 0) dirty.push({ run, issues });
  });
  return dirty;
}

/** `install` of each pip invocation (not `uv pip`) in a RUN's raw text, with its simple command's text. */
const PIP_INSTALL = /(?<!\buv\s+)\b(?:pip3?(?:\.\d+)?|python3?(?:\.\d+)?\s+-m\s+pip)[ \t]+install\b/g;
const APK_ADD = /\bapk[ \t]+add\b/g;
/** Where one simple command ends inside raw RUN text. */
const COMMAND_END = /&&|\|\||;|\|/;

/** Inserts `flag` right after each matched verb whose own command lacks it. */
function insertFlag(edits: DockerfileEdits, run: Instruction, pattern: RegExp, flag: string): void {
  const range = run.getArgumentsRange();
  if (!range) return;
  const start = edits.doc.offsetAt(range.start);
  const raw = edits.doc.text.slice(start, edits.doc.offsetAt(range.end));
  for (const match of raw.matchAll(pattern)) {
    const after = match.index + match[0].length;
    const rest = raw.slice(after);
    const end = COMMAND_END.exec(rest)?.index ?? rest.length;
    if (!rest.slice(0, end).includes(flag)) edits.insertAtOffset(start + after, ` ${flag}`);
  }
}

function editsFor(doc: DockerfileDocument, dirty: DirtyRun[]): DockerfileEdits {
  const edits = new DockerfileEdits(doc);
  for (const { run, issues } of dirty) {
    if (issues.includes('pip-cache')) insertFlag(edits, run, PIP_INSTALL, '--no-cache-dir');
    if (issues.includes('apk-cache')) insertFlag(edits, run, APK_ADD, '--no-cache');
    const cleanups = [
      ...(issues.includes('apt-lists') ? ['rm -rf /var/lib/apt/lists/*'] : []),
      ...(issues.includes('npm-cache') ? ['npm cache clean --force'] : []),
    ];
    if (cleanups.length > 0) edits.appendShellCommands(run, cleanups);
  }
  return edits;
}

/** One RUN as the fix rewrites it: edits stay inside or after it, so it still starts on the same line. */
function fixedRun(doc: DockerfileDocument, dirty: DirtyRun): string {
  return instructionTextAt(editsFor(doc, [dirty]).apply(), dirty.run.getRange().start.line);
}

export const cacheHygiene: Rule = {
  id: 'docker.cache-hygiene',
  title: 'Keep package-manager caches out of image layers',
  rationale:
    'apt lists, the pip wheel cache and the npm cache are written into the same layer as the install and ' +
    'stay in the image even though nothing at run time reads them. Removing them in the same RUN (a later RUN ' +
    'cannot shrink an earlier layer) typically saves tens to hundreds of MB without changing what is installed.',
  reference: {
    title: 'Docker: Building best practices (apt-get)',
    url: 'https://docs.docker.com/build/building/best-practices/#apt-get',
  },
  stack: 'docker',
  risk: 'safe',
  effort: 'low',
  metrics: ['artifact-size'],
  prior: { pImprove: 0.8, effect: 0.05 },

  async detect(context) {
    const findings: DetectedFinding[] = [];
    for (const source of await dockerfiles(context)) {
      const dirty = dirtyRuns(source.doc);
      if (dirty.length === 0) continue;
      const summary = dirty.map(
        ({ run, issues }) => `line ${source.doc.lineOf(run)}: ${issues.map((i) => DESCRIBE[i]).join('; ')}`,
      );
      findings.push({
        dir: source.dir,
        message: `${source.file} keeps package caches in the image (${summary.join(' | ')})`,
        evidence: dirty.map(({ run }) => evidenceAt(source, run)),
        current: dirty.map(({ run }) => source.doc.source(run)).join('\n'),
        proposed: dirty.map((one) => fixedRun(source.doc, one)).join('\n'),
        data: { file: source.file },
      });
    }
    return findings;
  },

  async fix(finding, context): Promise<FileEdit[]> {
    const file = String(finding.data?.file ?? '');
    const doc = await readForFix(context, file);
    const dirty = dirtyRuns(doc);
    if (dirty.length === 0) throw new Error(`${file} no longer leaves package caches in its layers`);
    const after = editsFor(doc, dirty).apply();
    // Detection reads words, the edit finds them in the text: if they disagree, say so rather than no-op.
    if (after === doc.text)
      throw new Error(`${file}: could not locate the install commands to edit; change them by hand`);
    return [{ file, before: doc.text, after }];
  },
};
