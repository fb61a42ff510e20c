import { main } from './program';

// Entry of out/main/cli.js (bin/tunebench.js loads it).

// `tunebench … | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
main(process.argv).then(
  (code) => {
    // Commands set process.exitCode themselves for "ran, but something failed" outcomes.
    if (code !== 0 || process.exitCode === undefined) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`tunebench: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
