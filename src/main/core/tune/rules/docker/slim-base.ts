import type { From } from 'dockerfile-ast';
import { type DockerfileDocument, DockerfileEdits, type ImageRef, parseImage } from '../../edit/dockerfile';
import type { DetectedFinding, FileEdit, Rule } from '../../types';
import { dockerfiles, evidenceAt, instructionTextAt, readForFix, shippedStages } from './dockerfiles';
import { buildPackages, pipInstallAt, simpleCommands } from './shell';

/** Debian release names the official images put in tags. */
const CODENAMES = 'bookworm|bullseye|buster|trixie|forky';
const VERSION = String.raw`\d+(?:\.\d+)*(?:[a-z]+\d*)?`;

/**
 * The slim tag of an official image's full tag, following each image's own naming (python and ruby
 * put `slim` before the Debian release, node after it), or null when the tag is already small, not
 * Debian-based, or unknown.
 */
export function slimTag(official: string, tag: string | null): string | null {
  const t = tag ?? 'latest';
  if (/slim|alpine|windowsservercore|nanoserver|distroless/.test(t)) return null;
  const versioned = new RegExp(`^(${VERSION})(?:-(${CODENAMES}))?$`).exec(t);
  const codename = new RegExp(`^(${CODENAMES})$`).exec(t);
  switch (official) {
    case 'python':
    case 'ruby':
      if (t === 'latest') return 'slim';
      if (codename) return `slim-${t}`;
      if (versioned?.[1]) return versioned[2] ? `${versioned[1]}-slim-${versioned[2]}` : `${versioned[1]}-slim`;
      return null;
    case 'node':
      if (t === 'latest') return 'slim';
      if (/^(lts|current)(-(bookworm|bullseye|buster|trixie))?$/.test(t) || codename || versioned) return `${t}-slim`;
      return null;
    case 'debian':
      if (t === 'latest') return 'stable-slim';
      if (/^(stable|testing|unstable|oldstable)$/.test(t) || codename || /^\d+(\.\d+)?$/.test(t)) return `${t}-slim`;
      return null;
    default:
      return null;
  }
}

interface Candidate {
  from: From;
  ref: ImageRef;
  image: string;
}

/** The external base of the shipped stages, when it is a full official image with a slim sibling. */
function candidate(doc: DockerfileDocument): Candidate | null {
  const base = shippedStages(doc)[0];
  const image = base?.from.getImage();
  // `${VERSION}` images resolve only at build time; `scratch` has nothing to slim.
  if (!base || !image || image.includes('$') || image === 'scratch') return null;
  const ref = parseImage(image);
  const slim = slimTag(ref.official, ref.tag);
  if (slim === null) return null;
  return { from: base.from, ref, image: `${ref.repository}:${slim}` };
}

/** What the slim image lacks that this Dockerfile may need. */
function warningFor(doc: DockerfileDocument): string {
  const commands = shippedStages(doc)
    .flatMap((stage) => stage.instructions.filter((i) => i.getKeyword() === 'RUN'))
    .flatMap((run) => simpleCommands(doc.command(run)));
  const compiles = commands.some((words) => pipInstallAt(words) >= 0 || /^(npm|yarn|pnpm)$/.test(words[0] ?? ''));
  const bringsTools = commands.some((words) => buildPackages(words).length > 0);
  const base =
    'Slim images leave out compilers, -dev headers and tools such as git and curl. Build the image and run its tests.';
  return compiles && !bringsTools
    ? `${base} Packages without prebuilt wheels or with native addons will fail to install there; add the build packages in this stage or build them in an earlier stage.`
    : base;
}

export const slimBase: Rule = {
  id: 'docker.slim-base',
  title: 'Use the slim variant of the base image',
  rationale:
    'The full python, node, ruby and debian images carry compilers, headers and hundreds of packages a service ' +
    'never uses at run time: python:3.12 is about 1 GB against about 150 MB for python:3.12-slim. A smaller base ' +
    'pulls and starts faster and has fewer packages to patch.',
  reference: {
    title: 'Docker: Choose the right base image',
    url: 'https://docs.docker.com/build/building/best-practices/#choose-the-right-base-image',
  },
  stack: 'docker',
  risk: 'review',
  effort: 'low',
  metrics: ['artifact-size'],
  prior: { pImprove: 0.9, effect: 0.5 },

  async detect(context) {
    const findings: DetectedFinding[] = [];
    for (const source of await dockerfiles(context)) {
      const found = candidate(source.doc);
      if (!found) continue;
      const image = found.from.getImage() ?? '';
      const pinned = found.ref.digest !== null;
      const target = pinned ? `${found.image}@<its digest>` : found.image;
      const edited = new DockerfileEdits(source.doc).setImage(found.from, target).apply();
      findings.push({
        dir: source.dir,
        message: `${source.file} ships on the full ${image} image; ${found.image} has the same runtime without the build toolchain`,
        evidence: [evidenceAt(source, found.from)],
        current: source.doc.source(found.from),
        proposed: instructionTextAt(edited, found.from.getRange().start.line),
        warning: pinned
          ? `${image} is pinned by digest: pin ${found.image} by its own digest after pulling it; Tunebench cannot look it up.`
          : warningFor(source.doc),
        data: { file: source.file, image: found.image, pinned },
      });
    }
    return findings;
  },

  async fix(finding, context): Promise<FileEdit[]> {
    const file = String(finding.data?.file ?? '');
    const doc = await readForFix(context, file);
    const found = candidate(doc);
    if (!found) throw new Error(`${file} no longer ships on a full official image`);
    if (found.ref.digest !== null) {
      throw new Error(`${file} pins its base image by digest; change it to ${found.image}@<digest> by hand`);
    }
    return [{ file, before: doc.text, after: new DockerfileEdits(doc).setImage(found.from, found.image).apply() }];
  },
};
