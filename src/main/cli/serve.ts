import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { startWebServer } from '../web/server';
import { createCliEngine } from './engine-for-cli';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('must be 0–65535');
  return port;
}

/** out/main/cli.js → out/renderer */
export function defaultRendererDir(): string {
  return join(__dirname, '..', 'renderer');
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('Serve the Tunebench UI and API on 127.0.0.1 for a browser (headless boxes); needs the printed token')
    .option('-p, --port <port>', 'port on 127.0.0.1 (0 picks a free one)', parsePort, 7357)
    .option('--renderer <dir>', 'folder of the built renderer', defaultRendererDir())
    .addHelpText(
      'after',
      '\nOnly 127.0.0.1 is bound. From another machine use an SSH tunnel:\n  ssh -L 7357:127.0.0.1:7357 gpu-box   then open the printed URL locally.',
    )
    .action(async (options: { port: number; renderer: string }) => {
      if (!existsSync(join(options.renderer, 'index.html'))) {
        throw new Error(`no built renderer in ${options.renderer}: run \`npm run build\` first`);
      }
      const engine = createCliEngine('web');
      const web = await startWebServer({ engine, rendererDir: options.renderer, port: options.port });
      process.stdout.write(`Tunebench is serving on ${web.url}\n`);
      process.stderr.write('Open that URL in a browser on this machine. Ctrl-C stops.\n');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await web.close();
      await engine.close();
    });
}
