import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const dirs: string[] = [];

/** A stand-in electron package whose install.js does `body`. */
function fakeElectron(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lysdesk-electron-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'install.js'), body);
  return dir;
}

function runPostinstall(dir: string, env: Record<string, string> = {}) {
  const cleanEnv = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '', ELECTRON_PACKAGE_DIR: dir, ...env };
  return spawnSync(process.execPath, ['scripts/electron-binary.mjs'], { env: cleanEnv, encoding: 'utf8' });
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('postinstall: Electron binary', () => {
  it('installs the binary where the download works', () => {
    const dir = fakeElectron("require('fs').writeFileSync(require('path').join(__dirname, 'path.txt'), 'electron');");
    const result = runPostinstall(dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('binary installed');
    expect(existsSync(join(dir, 'path.txt'))).toBe(true);
  });

  it('does not fail the install where the download fails, and says what that means', () => {
    const dir = fakeElectron("console.error('getaddrinfo ENOTFOUND'); process.exit(1);");
    const result = runPostinstall(dir);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('browser instead');
  });

  it('does not try at all when ELECTRON_SKIP_BINARY_DOWNLOAD is set', () => {
    const dir = fakeElectron("require('fs').writeFileSync(require('path').join(__dirname, 'tried'), '');");
    const result = runPostinstall(dir, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('skipped');
    expect(existsSync(join(dir, 'tried'))).toBe(false);
  });
});
