import { type Instruction, DockerfileParser, JSONInstruction, Keyword } from 'dockerfile-ast';
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node as YamlNode, parseAllDocuments } from 'yaml';
import type { Evidence, Fact, Stack } from '../../../../shared/schemas/project';
import type { DetectContext, Detector, DetectorOutput } from '../types';
import {
  baseName,
  clip,
  dirOf,
  emptyOutput,
  errorMessage,
  evidence,
  fact,
  isTable,
  joinPath,
  newStack,
  problem,
  projectFiles,
  unreadable,
} from './shared';

const KEYWORDS = new Set<string>(Object.values(Keyword));

/**
 * Files that only describe dependencies. Copying these first and the source after the install lets
 * Docker reuse the install layer when only source changes.
 */
const DEPENDENCY_FILES =
  /^(requirements[^/]*\.txt|pyproject\.toml|poetry\.lock|uv\.lock|Pipfile(\.lock)?|setup\.(py|cfg)|package(-lock)?\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|pnpm-workspace\.yaml|yarn\.lock|\.yarnrc\.yml|bun\.lockb?|\.npmrc|Cargo\.(toml|lock)|go\.(mod|sum)|pom\.xml|build\.gradle(\.kts)?|settings\.gradle(\.kts)?|Gemfile(\.lock)?|composer\.(json|lock))$/;

/** Commands that install dependencies, the step whose cache the COPY order protects. */
const INSTALL =
  /\b(pip3?\s+install|python3?\s+-m\s+pip\s+install|npm\s+(ci|install|i)\b|yarn(\s+install)?\s*($|&&|;)|pnpm\s+(install|i)\b|bun\s+install|poetry\s+install|uv\s+(sync|pip\s+install)|pipenv\s+install|cargo\s+(build|fetch)|go\s+mod\s+download|go\s+build|mvn\b|gradle\b|bundle\s+install|composer\s+install)/;

function isDockerfile(name: string): boolean {
  return (
    name === 'Dockerfile' || name === 'Containerfile' || name.startsWith('Dockerfile.') || name.endsWith('.Dockerfile')
  );
}

function isCompose(name: string): boolean {
  return /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/.test(name);
}

function lineOf(instruction: Instruction): number {
  return instruction.getRange().start.line + 1;
}

function at(file: string, instruction: Instruction): Evidence {
  return evidence(
    file,
    lineOf(instruction),
    clip(
      instruction
        .getTextContent()
        .replace(/\\\r?\n\s*/g, ' ')
        .trim(),
    ),
  );
}

/** The exec form's strings as JSON reads them: dockerfile-ast's getJSONValue() drops their spaces. */
function execFormStrings(instruction: JSONInstruction): string[] {
  try {
    const parsed: unknown = JSON.parse(instruction.getArgumentsContent() ?? '');
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed;
  } catch {
    // Not valid JSON after all (Docker then runs it in shell form): the parser's reading is the best there is.
  }
  return instruction.getJSONStrings().map((s) => s.getJSONValue());
}

/** Arguments without flags; the JSON (exec) form yields its strings. */
function argumentsOf(instruction: Instruction): string[] {
  if (instruction instanceof JSONInstruction && instruction.getJSONStrings().length > 0) {
    return execFormStrings(instruction);
  }
  return instruction.getArguments().map((a) => a.getValue());
}

function flagsOf(instruction: Instruction): Map<string, string> {
  const flags = new Map<string, string>();
  if ('getFlags' in instruction && typeof instruction.getFlags === 'function') {
    for (const flag of (instruction as JSONInstruction).getFlags()) flags.set(flag.getName(), flag.getValue() ?? '');
  }
  return flags;
}

interface CacheCheck {
  key: string;
  label: string;
  applies: RegExp;
  clean: (run: string, env: string) => boolean;
}

/** hadolint DL3009/DL3015/DL3042 and their npm/apk counterparts, as facts; the tuning rules judge them. */
const CACHE_CHECKS: CacheCheck[] = [
  {
    key: 'docker.cache.aptListsRemoved',
    label: 'apt lists removed in the same RUN',
    applies: /\bapt(-get)?\s+install\b/,
    clean: (run) => /rm\s+-r?f?r?\s+\/var\/lib\/apt\/lists/.test(run),
  },
  {
    key: 'docker.cache.aptNoInstallRecommends',
    label: 'apt-get install --no-install-recommends',
    applies: /\bapt(-get)?\s+install\b/,
    clean: (run) => run.includes('--no-install-recommends'),
  },
  {
    key: 'docker.cache.pipNoCacheDir',
    label: 'pip install --no-cache-dir',
    applies: /\bpip3?\s+install\b/,
    clean: (run, env) => run.includes('--no-cache-dir') || /PIP_NO_CACHE_DIR/.test(env),
  },
  {
    key: 'docker.cache.npmCacheClean',
    label: 'npm cache cleaned after install',
    applies: /\bnpm\s+(ci|install|i)\b/,
    clean: (run) => /npm\s+cache\s+clean/.test(run),
  },
  {
    key: 'docker.cache.apkNoCache',
    label: 'apk add --no-cache',
    applies: /\bapk\s+add\b/,
    clean: (run) => run.includes('--no-cache'),
  },
];

function dockerfileFacts(file: string, text: string, files: ReadonlySet<string>, output: DetectorOutput): Stack | null {
  const dockerfile = DockerfileParser.parse(text);
  const instructions = dockerfile.getInstructions();
  let problems = 0;
  let sawFrom = false;
  for (const instruction of instructions) {
    const keyword = instruction.getKeyword();
    const range = instruction.getInstructionRange();
    if (!KEYWORDS.has(keyword)) {
      output.problems.push(
        problem(
          file,
          range.start.line + 1,
          range.start.character + 1,
          `unknown Dockerfile instruction "${instruction.getInstruction()}"`,
        ),
      );
      problems++;
    } else if (!sawFrom && keyword !== 'ARG' && keyword !== 'FROM') {
      output.problems.push(
        problem(
          file,
          range.start.line + 1,
          range.start.character + 1,
          `${keyword} before the first FROM (only ARG may come first)`,
        ),
      );
      problems++;
    }
    if (keyword === 'FROM') sawFrom = true;
  }
  const froms = dockerfile.getFROMs();
  if (froms.length === 0) {
    if (problems === 0) output.problems.push(problem(file, 1, 1, 'no FROM instruction: not a buildable Dockerfile'));
    return null;
  }

  const stack = newStack('docker', file, dirOf(file));
  const facts = stack.facts;
  const stageNames = new Set<string>();
  froms.forEach((from, index) => {
    const image = from.getImage() ?? '';
    const stage = from.getBuildStage();
    // FROM <earlier stage> reuses a stage of this file rather than pulling a base image.
    const fromStage = stageNames.has(image.toLowerCase());
    facts.push(
      fact(
        'docker.from',
        `stage ${index + 1}${stage ? ` (${stage})` : ''}: FROM ${image}${fromStage ? ' (earlier stage)' : ''}`,
        image,
        at(file, from),
      ),
    );
    if (stage) stageNames.add(stage.toLowerCase());
  });
  const last = froms[froms.length - 1] ?? froms[0];
  if (!last) return stack;
  facts.push(
    fact(
      'docker.multiStage',
      froms.length > 1 ? `${froms.length} stages` : 'single stage',
      froms.length > 1,
      at(file, last),
    ),
  );

  // The final stage is what runs; earlier stages' USER/CMD do not carry over.
  const finalLine = lineOf(last);
  const finalStage = instructions.filter((i) => lineOf(i) >= finalLine);
  const users = finalStage.filter((i) => i.getKeyword() === 'USER');
  const user = users[users.length - 1];
  const userName = user ? (argumentsOf(user)[0] ?? '') : null;
  const root = userName === null || /^(root|0)(:|$)/.test(userName);
  facts.push(
    fact(
      'docker.runsAsRoot',
      userName === null ? 'no USER in the final stage: runs as root' : `USER ${userName}`,
      root,
      user ? at(file, user) : at(file, last),
    ),
  );
  const exposes = instructions.filter((i) => i.getKeyword() === 'EXPOSE');
  if (exposes.length > 0 && exposes[0]) {
    const ports = exposes.flatMap(argumentsOf);
    facts.push(fact('docker.expose', `EXPOSE ${ports.join(' ')}`, ports, at(file, exposes[0])));
  }
  for (const keyword of ['ENTRYPOINT', 'CMD'] as const) {
    const found = finalStage.filter((i) => i.getKeyword() === keyword);
    const instruction = found[found.length - 1];
    if (instruction) {
      const value = argumentsOf(instruction).join(' ');
      facts.push(fact(`docker.${keyword.toLowerCase()}`, `${keyword} ${value}`, value, at(file, instruction)));
    }
  }

  copyOrderFact(file, instructions, facts);
  cacheFacts(file, instructions, facts);

  const ignore = joinPath(dirOf(file), '.dockerignore');
  const hasIgnore = files.has(ignore) || files.has(`${file}.dockerignore`);
  facts.push(
    fact(
      'docker.dockerignore',
      hasIgnore ? '.dockerignore present' : 'no .dockerignore: the whole folder is sent as build context',
      hasIgnore,
      hasIgnore ? evidence(ignore, null) : evidence(file, null),
    ),
  );
  return stack;
}

/** Per stage: does the source arrive before the dependency install (busting its cache on every edit)? */
function copyOrderFact(file: string, instructions: Instruction[], facts: Fact[]): void {
  let sourceCopy: Instruction | null = null;
  let manifestCopy: Instruction | null = null;
  for (const instruction of instructions) {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      sourceCopy = null;
      manifestCopy = null;
    } else if ((keyword === 'COPY' || keyword === 'ADD') && !flagsOf(instruction).has('from')) {
      const sources = argumentsOf(instruction).slice(0, -1);
      const onlyManifests =
        sources.length > 0 && sources.every((source) => DEPENDENCY_FILES.test(baseName(source.replace(/\/$/, ''))));
      if (onlyManifests) manifestCopy ??= instruction;
      else sourceCopy ??= instruction;
    } else if (keyword === 'RUN' && INSTALL.test(instruction.getArgumentsContent() ?? '')) {
      if (sourceCopy) {
        facts.push(
          fact(
            'docker.copyOrder.dependenciesFirst',
            `source copied (line ${lineOf(sourceCopy)}) before the dependency install (line ${lineOf(instruction)})`,
            false,
            at(file, sourceCopy),
          ),
        );
        return;
      }
      if (manifestCopy) {
        facts.push(
          fact(
            'docker.copyOrder.dependenciesFirst',
            'dependency files copied and installed before the source',
            true,
            at(file, manifestCopy),
          ),
        );
        return;
      }
    }
  }
}

function cacheFacts(file: string, instructions: Instruction[], facts: Fact[]): void {
  const env = instructions
    .filter((i) => i.getKeyword() === 'ENV' || i.getKeyword() === 'ARG')
    .map((i) => i.getArgumentsContent() ?? '')
    .join('\n');
  for (const check of CACHE_CHECKS) {
    let first: Instruction | null = null;
    let dirty: Instruction | null = null;
    for (const run of instructions.filter((i) => i.getKeyword() === 'RUN')) {
      const content = run.getArgumentsContent() ?? '';
      if (!check.applies.test(content)) continue;
      first ??= run;
      // A BuildKit cache mount keeps the cache out of the layer, which is the point of all of these.
      const mounted = (flagsOf(run).get('mount') ?? '').includes('type=cache');
      if (!mounted && !check.clean(content, env)) {
        dirty = run;
        break;
      }
    }
    if (first) facts.push(fact(check.key, check.label, dirty === null, at(file, dirty ?? first)));
  }
}

/** Where a YAML path sits: the line of its last key (or sequence item) found. */
function yamlLine(doc: Document, counter: LineCounter, path: Array<string | number>): number | null {
  let node: unknown = doc.contents;
  let line: number | null = null;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
      if (!pair) break;
      const key = pair.key as YamlNode;
      if (key.range) line = counter.linePos(key.range[0]).line;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as YamlNode | undefined;
      if (!item) break;
      if (item.range) line = counter.linePos(item.range[0]).line;
      node = item;
    } else break;
  }
  return line;
}

interface YamlDocs {
  docs: Array<{ doc: Document; value: unknown }>;
  counter: LineCounter;
  text: string;
}

/** Every document of a YAML stream; syntax errors become Problems and their document is dropped. */
function parseYaml(file: string, text: string, output: DetectorOutput): YamlDocs {
  const counter = new LineCounter();
  const docs: YamlDocs['docs'] = [];
  for (const doc of parseAllDocuments(text, { lineCounter: counter })) {
    const error = doc.errors[0];
    if (error) {
      const position = error.linePos?.[0];
      const message = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
      output.problems.push(problem(file, position?.line ?? null, position?.col ?? null, `invalid YAML: ${message}`));
      continue;
    }
    docs.push({ doc, value: doc.toJS() as unknown });
  }
  return { docs, counter, text };
}

function yamlEvidence(file: string, parsed: YamlDocs, doc: Document, path: Array<string | number>): Evidence {
  const line = yamlLine(doc, parsed.counter, path);
  return evidence(file, line, line === null ? undefined : clip((parsed.text.split('\n')[line - 1] ?? '').trim()));
}

function resourceSummary(value: unknown): string | null {
  if (!isTable(value)) return null;
  const parts = Object.entries(value).map(([k, v]) => `${k}=${String(v)}`);
  return parts.length > 0 ? parts.join(', ') : null;
}

function composeFacts(file: string, parsed: YamlDocs): Stack | null {
  const first = parsed.docs[0];
  if (!first || !isTable(first.value) || !isTable(first.value.services)) return null;
  const { doc } = first;
  const stack = newStack('compose', file, dirOf(file));
  const services = first.value.services;
  const ev = (path: Array<string | number>): Evidence => yamlEvidence(file, parsed, doc, path);
  stack.facts.push(
    fact('compose.services', `services: ${Object.keys(services).join(', ')}`, Object.keys(services), ev(['services'])),
  );
  for (const [name, service] of Object.entries(services)) {
    if (!isTable(service)) continue;
    const base = ['services', name];
    const prefix = `compose.service.${name}`;
    if (typeof service.image === 'string')
      stack.facts.push(
        fact(`${prefix}.image`, `${name}: image ${service.image}`, service.image, ev([...base, 'image'])),
      );
    const build =
      typeof service.build === 'string' ? service.build : isTable(service.build) ? service.build.context : undefined;
    if (service.build !== undefined) {
      const context = typeof build === 'string' ? build : '.';
      const folder = joinPath(dirOf(file), context.replace(/^\.\/?/, '').replace(/\/$/, ''));
      stack.facts.push(
        fact(`${prefix}.build`, `${name}: build ${context}`, folder.replace(/\/$/, ''), ev([...base, 'build'])),
      );
    }
    if (Array.isArray(service.ports)) {
      const ports = service.ports.map((p) =>
        isTable(p) ? `${String(p.published ?? '')}:${String(p.target ?? '')}` : String(p),
      );
      stack.facts.push(fact(`${prefix}.ports`, `${name}: ports ${ports.join(', ')}`, ports, ev([...base, 'ports'])));
    }
    const resources = isTable(service.deploy) && isTable(service.deploy.resources) ? service.deploy.resources : null;
    const limits = resourceSummary(resources?.limits);
    const reservations = resourceSummary(resources?.reservations);
    stack.facts.push(
      fact(
        `${prefix}.resources`,
        resources
          ? `${name}: limits ${limits ?? 'none'}; reservations ${reservations ?? 'none'}`
          : `${name}: no deploy.resources`,
        resources !== null,
        ev(resources ? [...base, 'deploy', 'resources'] : base),
      ),
    );
    if (limits)
      stack.facts.push(
        fact(`${prefix}.limits`, `${name}: limits ${limits}`, limits, ev([...base, 'deploy', 'resources', 'limits'])),
      );
  }
  return stack;
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

function kubernetesFacts(file: string, parsed: YamlDocs): Fact[] {
  const facts: Fact[] = [];
  for (const { doc, value } of parsed.docs) {
    if (!isTable(value) || typeof value.kind !== 'string' || typeof value.apiVersion !== 'string') continue;
    const kind = value.kind;
    const name = isTable(value.metadata) && typeof value.metadata.name === 'string' ? value.metadata.name : '(unnamed)';
    const ev = (path: Array<string | number>): Evidence => yamlEvidence(file, parsed, doc, path);
    const spec = isTable(value.spec) ? value.spec : {};
    const prefix = `kubernetes.${kind}.${name}`;
    if (WORKLOADS.has(kind)) {
      facts.push(fact('kubernetes.workload', `${kind} ${name}`, `${kind}/${name}`, ev(['kind'])));
      if (kind !== 'DaemonSet') {
        const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
        facts.push(
          fact(
            `${prefix}.replicas`,
            `${kind} ${name}: ${replicas} replica(s)${spec.replicas === undefined ? ' (default)' : ''}`,
            replicas,
            ev(['spec', 'replicas']),
          ),
        );
      }
      const podSpec = isTable(spec.template) && isTable(spec.template.spec) ? spec.template.spec : {};
      const containers = Array.isArray(podSpec.containers) ? podSpec.containers : [];
      containers.forEach((container, index) => {
        if (!isTable(container)) return;
        const cname = typeof container.name === 'string' ? container.name : `#${index + 1}`;
        const path = ['spec', 'template', 'spec', 'containers', index];
        const resources = isTable(container.resources) ? container.resources : {};
        const requests = resourceSummary(resources.requests);
        const limits = resourceSummary(resources.limits);
        if (typeof container.image === 'string') {
          facts.push(
            fact(
              `${prefix}.container.${cname}.image`,
              `${cname}: image ${container.image}`,
              container.image,
              ev([...path, 'image']),
            ),
          );
        }
        facts.push(
          fact(
            `${prefix}.container.${cname}.requests`,
            `${cname}: requests ${requests ?? 'none'}`,
            requests ?? false,
            ev(requests ? [...path, 'resources', 'requests'] : path),
          ),
          fact(
            `${prefix}.container.${cname}.limits`,
            `${cname}: limits ${limits ?? 'none'}`,
            limits ?? false,
            ev(limits ? [...path, 'resources', 'limits'] : path),
          ),
        );
      });
    } else if (kind === 'HorizontalPodAutoscaler') {
      const target = isTable(spec.scaleTargetRef)
        ? `${String(spec.scaleTargetRef.kind)}/${String(spec.scaleTargetRef.name)}`
        : '?';
      facts.push(
        fact(
          'kubernetes.hpa',
          `HPA ${name} scales ${target} between ${String(spec.minReplicas ?? 1)} and ${String(spec.maxReplicas ?? '?')}`,
          target,
          ev(['kind']),
        ),
      );
    }
  }
  return facts;
}

/** Files that may be Kubernetes manifests: YAML that names an apiVersion and a kind, not a template. */
function looksLikeKubernetes(text: string): boolean {
  return /^\s*apiVersion\s*:/m.test(text) && /^\s*kind\s*:/m.test(text) && !text.includes('{{');
}

async function readText(context: DetectContext, file: string, output: DetectorOutput): Promise<string | null> {
  const text = await context.read(file);
  if (text === null) output.problems.push(unreadable(file));
  return text;
}

/** Docker (one stack per Dockerfile), compose (one per file) and Kubernetes (one per manifest folder). */
export const detectContainers: Detector = async (context) => {
  const output = emptyOutput();
  const files = new Set(context.files);
  for (const file of projectFiles(context, isDockerfile)) {
    const text = await readText(context, file, output);
    if (text === null) continue;
    try {
      const stack = dockerfileFacts(file, text, files, output);
      if (stack) output.stacks.push(stack);
    } catch (error) {
      output.problems.push(problem(file, null, null, `could not parse Dockerfile: ${errorMessage(error)}`));
    }
  }

  const kubernetes = new Map<string, Stack>();
  for (const file of projectFiles(context, (name) => /\.ya?ml$/.test(name))) {
    const name = baseName(file);
    if (file.startsWith('.github/') || name === 'pnpm-lock.yaml') continue;
    const compose = isCompose(name);
    const text = compose ? await readText(context, file, output) : await context.read(file);
    if (text === null || (!compose && !looksLikeKubernetes(text))) continue;
    const parsed = parseYaml(file, text, output);
    if (compose) {
      const stack = composeFacts(file, parsed);
      if (stack) output.stacks.push(stack);
      continue;
    }
    const facts = kubernetesFacts(file, parsed);
    if (facts.length === 0) continue;
    const dir = dirOf(file);
    let stack = kubernetes.get(dir);
    if (!stack) {
      stack = newStack('kubernetes', `Kubernetes manifests${dir ? ` (${dir})` : ''}`, dir);
      kubernetes.set(dir, stack);
      output.stacks.push(stack);
    }
    stack.facts.push(...facts);
  }
  return output;
};
