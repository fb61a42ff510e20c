import { Command, CommanderError } from 'commander';
import { version } from '../core/version';
import { benchCommand } from './bench';
import { ciCommand } from './ci';
import { compareCommand } from './compare';
import { hwCommand } from './hw';
import { scanCommand, trustCommand } from './project';
import { reportCommand } from './report';
import { serveCommand } from './serve';
import { cliSettings } from './settings-defaults';
import { tuneCommand } from './tune';

/** `tunebench`: tables on stdout, progress and warnings on stderr, --json for machines. */
export function buildProgram(): Command {
  return (
    new Command('tunebench')
      .description('Profile this workstation, benchmark it, and prove optimizations with measurements.')
      .version(version)
      .showHelpAfterError()
      // Defaults in help come from the settings in force: when a setting was refused, say so there too.
      .addHelpText('afterAll', () => {
        const { warnings } = cliSettings();
        return warnings.length > 0
          ? `\nSettings warnings (the defaults above fall back where a value was refused):\n${warnings.map((w) => `  ${w}`).join('\n')}`
          : '';
      })
      .addCommand(hwCommand())
      .addCommand(scanCommand())
      .addCommand(trustCommand())
      .addCommand(benchCommand())
      .addCommand(reportCommand())
      .addCommand(compareCommand())
      .addCommand(tuneCommand())
      .addCommand(ciCommand())
      .addCommand(serveCommand())
  );
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`tunebench: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
