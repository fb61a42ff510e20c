#!/usr/bin/env node
// A stand-in for native/cuda's tb-cuda on machines without a GPU, run as a real child process. It only
// replays JSON derived from recorded real outputs (../../../../../fixtures/recorded/cuda, see its README),
// or misbehaves the way a GPU fault makes the real tool misbehave. FAKE_CUDA selects:
//   replay    print FAKE_CUDA_JSON (a file in the recorded folder) and exit with FAKE_CUDA_EXIT (default 0)
//   truncated print the first half of FAKE_CUDA_JSON (the tool died mid-print) and exit 0
//   hang      never finish (a kernel or the driver stuck)
//   crash     kill itself with SIGSEGV (a fault inside the driver)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const recorded = join(dirname(fileURLToPath(import.meta.url)), '../../../../../fixtures/recorded/cuda');
const mode = process.env.FAKE_CUDA ?? 'replay';

if (mode === 'hang') {
  setInterval(() => {}, 1 << 30);
} else if (mode === 'crash') {
  process.kill(process.pid, 'SIGSEGV');
} else {
  const text = readFileSync(join(recorded, process.env.FAKE_CUDA_JSON ?? 'rtx4090-derived.json'), 'utf8');
  process.stdout.write(mode === 'truncated' ? text.slice(0, Math.floor(text.length / 2)) : text);
  process.exitCode = Number(process.env.FAKE_CUDA_EXIT ?? 0);
}
