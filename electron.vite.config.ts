import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // The Electron shell and the `tunebench` CLI share one bundle graph (the engine in core/).
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
          // One process per benchmark (child_process.fork or Electron's utilityProcess).
          'bench-worker': resolve(__dirname, 'src/main/core/bench/worker/bench-worker.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload cannot require() modules: bundle it, shared contract and zod included, into one file.
    build: {
      isolatedEntries: true,
      externalizeDeps: false,
    },
  },
  renderer: {
    plugins: [react()],
  },
});
