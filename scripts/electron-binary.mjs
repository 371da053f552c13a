// Fetches Electron's binary when the network allows, and never fails the install when it
// does not: on machines without internet (CI here) the app runs in the browser host instead.
// npm 11 blocks dependency install scripts unless allowed, and package.json denies electron's
// own postinstall so that a failed download cannot break `npm ci`; this script replaces it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null; // production install without devDependencies
  }
}

// ELECTRON_PACKAGE_DIR lets the tests point this script at a stand-in package.
const dir = process.env.ELECTRON_PACKAGE_DIR || electronDir();
if (!dir) process.exit(0);
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('electron: binary download skipped (ELECTRON_SKIP_BINARY_DOWNLOAD is set)');
  process.exit(0);
}
if (existsSync(join(dir, 'path.txt'))) process.exit(0);

const result = spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
if (result.status === 0 && existsSync(join(dir, 'path.txt'))) {
  console.log('electron: binary installed');
} else {
  console.warn('electron: binary not available (no network to its download host?); `npm start` will serve the app to a browser instead.');
}
