import { fileURLToPath } from 'node:url';

/** The nvidia-smi stand-in that replays recorded real outputs (see the file's header). */
export const FAKE_NVIDIA_SMI = fileURLToPath(new URL('../fixtures/fake-tools/nvidia-smi.mjs', import.meta.url));

export const RECORDED_DIR = fileURLToPath(new URL('../fixtures/recorded/', import.meta.url));
