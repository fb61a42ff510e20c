import { main } from './program';

// Entry of out/main/cli.js (bin/tunebench.js loads it).
main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`tunebench: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
