import type { Availability } from '../../../shared/schemas/availability';
import { runTool, ToolNotFoundError, ToolTimeoutError } from '../util/run-tool';
import { errorMessage } from '../util/timebox';

/** Whether a Docker engine answers (the CLI alone, as on many CI boxes, is not enough to build images). */
export async function dockerEngine(docker = process.env.TUNEBENCH_DOCKER || 'docker'): Promise<Availability> {
  try {
    const result = await runTool(docker, ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 5000 });
    const version = result.stdout.trim();
    if (result.exitCode === 0 && version !== '') return { status: 'present', reason: '' };
    const said =
      `${result.stderr}\n${result.stdout}`
        .trim()
        .split('\n')
        .find((line) => line.trim() !== '') ?? `exit ${result.exitCode}`;
    return {
      status: 'absent',
      reason: `the Docker engine is not answering: ${said}`,
      remedy: 'start Docker (dockerd) to measure image sizes',
    };
  } catch (error) {
    if (error instanceof ToolNotFoundError) return { status: 'absent', reason: 'docker is not installed' };
    if (error instanceof ToolTimeoutError)
      return { status: 'unknown', reason: 'docker info did not answer within 5 s' };
    return { status: 'unknown', reason: `docker failed: ${errorMessage(error)}` };
  }
}

/**
 * Builds the image of a Dockerfile (this runs the project's build steps, so it needs trust) and
 * returns its size in bytes as the engine reports it.
 */
export async function buildImageSize(options: {
  dockerfile: string;
  context: string;
  tag: string;
  docker?: string;
}): Promise<number> {
  const docker = options.docker ?? (process.env.TUNEBENCH_DOCKER || 'docker');
  const build = await runTool(docker, ['build', '-q', '-f', options.dockerfile, '-t', options.tag, options.context], {
    timeoutMs: 30 * 60_000,
  });
  if (build.exitCode !== 0) {
    throw new Error(
      `docker build of ${options.dockerfile} failed: ${build.stderr.trim().split('\n').slice(-3).join(' | ')}`,
    );
  }
  const inspect = await runTool(docker, ['image', 'inspect', '--format', '{{.Size}}', options.tag], {
    timeoutMs: 30_000,
  });
  const size = Number(inspect.stdout.trim());
  if (inspect.exitCode !== 0 || !Number.isFinite(size))
    throw new Error(`docker image inspect ${options.tag} gave no size`);
  return size;
}
