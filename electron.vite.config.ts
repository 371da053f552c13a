import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// The package is "type": "module", so Electron would read a `.js` bundle as ESM: main and
// preload are emitted as `.cjs` so that they load as CommonJS, which sandboxed preloads need.
const cjsOutput = { entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' };

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The core runs in a worker thread of its own entry (electron/main/index.ts starts it).
      lib: { entry: { index: resolve('electron/main/index.ts'), coreWorker: resolve('electron/core/worker/main.ts') }, formats: ['cjs'] },
      rolldownOptions: { output: cjsOutput },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: resolve('electron/preload/index.ts'), formats: ['cjs'] },
      // A sandboxed preload can require only 'electron': everything else is bundled in.
      externalizeDeps: false,
      rolldownOptions: { output: cjsOutput },
    },
  },
  renderer: {
    root: 'src',
    // Relative asset URLs, so the same build loads from file:// in Electron and over HTTP in the host.
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: resolve('src/index.html') },
    },
  },
});
