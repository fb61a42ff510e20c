import type { Instruction } from 'dockerfile-ast';
import type { DetectedFinding, Rule } from '../../types';
import { dockerfiles, evidenceAt } from './dockerfiles';
import { buildPackages, compileStep, pipInstallAt, simpleCommands } from './shell';

type Sketch = 'python' | 'node' | 'rust' | 'go' | 'generic';

/** The shape of the split, per toolchain: build where the tools are, copy only the result. */
const SKETCHES: Record<Sketch, string> = {
  python: [
    'FROM python:3.12-slim AS build',
    'RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*',
    'RUN python -m venv /venv',
    'ENV PATH=/venv/bin:$PATH',
    'COPY requirements.txt .',
    'RUN pip install --no-cache-dir -r requirements.txt',
    '',
    'FROM python:3.12-slim',
    'COPY --from=build /venv /venv',
    'ENV PATH=/venv/bin:$PATH',
    'COPY . /app',
  ].join('\n'),
  node: [
    'FROM node:22 AS build',
    'WORKDIR /app',
    'COPY package.json package-lock.json ./',
    'RUN npm ci',
    'COPY . .',
    'RUN npm run build && npm prune --omit=dev',
    '',
    'FROM node:22-slim',
    'WORKDIR /app',
    'COPY --from=build /app/node_modules ./node_modules',
    'COPY --from=build /app/dist ./dist',
  ].join('\n'),
  rust: [
    'FROM rust:1 AS build',
    'WORKDIR /src',
    'COPY . .',
    'RUN cargo build --release',
    '',
    'FROM debian:bookworm-slim',
    'COPY --from=build /src/target/release/<binary> /usr/local/bin/',
  ].join('\n'),
  go: [
    'FROM golang:1 AS build',
    'WORKDIR /src',
    'COPY go.mod go.sum ./',
    'RUN go mod download',
    'COPY . .',
    'RUN CGO_ENABLED=0 go build -o /out/app .',
    '',
    'FROM gcr.io/distroless/static-debian12',
    'COPY --from=build /out/app /app',
  ].join('\n'),
  generic: [
    'FROM <full image> AS build',
    'RUN <install build tools and build>',
    '',
    'FROM <slim runtime image>',
    'COPY --from=build <build output> <destination>',
  ].join('\n'),
};

function sketchFor(steps: string[]): Sketch {
  const all = steps.join(' ');
  if (/cargo|rustc/.test(all)) return 'rust';
  if (/\bgo (build|install)|golang/.test(all)) return 'go';
  if (/npm|yarn|pnpm|bun|tsc|vite|webpack|esbuild|rollup/.test(all)) return 'node';
  if (/pip|python|-dev\b/.test(all)) return 'python';
  return 'generic';
}

export const multiStage: Rule = {
  id: 'docker.multi-stage',
  title: 'Build in a separate stage',
  rationale:
    'A single-stage image that installs compilers or runs the build ships the toolchain, headers, caches and ' +
    'intermediate files with the application. A build stage followed by a slim runtime stage that copies only ' +
    'the result is often several times smaller.',
  reference: { title: 'Docker: Multi-stage builds', url: 'https://docs.docker.com/build/building/multi-stage/' },
  stack: 'docker',
  risk: 'review',
  effort: 'medium',
  metrics: ['artifact-size'],
  prior: { pImprove: 0.8, effect: 0.4 },

  async detect(context) {
    const findings: DetectedFinding[] = [];
    for (const source of await dockerfiles(context)) {
      const stages = source.doc.stages();
      const only = stages[0];
      if (stages.length !== 1 || !only) continue;
      const steps: Array<{ run: Instruction; what: string }> = [];
      for (const run of only.instructions.filter((i) => i.getKeyword() === 'RUN')) {
        const commands = simpleCommands(source.doc.command(run));
        const tools = commands.flatMap(buildPackages);
        const compiles = commands.map(compileStep).filter((step): step is string => step !== null);
        if (tools.length > 0) steps.push({ run, what: `installs ${tools.join(', ')}` });
        if (compiles.length > 0) steps.push({ run, what: `runs ${compiles.join(', ')}` });
      }
      if (steps.length === 0) continue;
      const runs = [...new Set(steps.map((step) => step.run))];
      const words = runs.flatMap((run) => simpleCommands(source.doc.command(run))).flat();
      const pip = runs.some((run) => simpleCommands(source.doc.command(run)).some((w) => pipInstallAt(w) >= 0));
      findings.push({
        dir: source.dir,
        message:
          `${source.file} has a single stage that ` +
          `${steps.map((step) => `${step.what} (line ${source.doc.lineOf(step.run)})`).join(' and ')}: ` +
          'the toolchain ships in the image',
        evidence: runs.map((run) => evidenceAt(source, run)),
        current: runs.map((run) => source.doc.source(run)).join('\n'),
        proposed: SKETCHES[sketchFor([...words, ...(pip ? ['pip'] : [])])],
        data: { file: source.file },
      });
    }
    return findings;
  },
};
