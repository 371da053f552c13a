import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSecretStore, MemorySecretStore, writeFileAtomic } from '../../../../electron/core/auth/secretStore';

const folders: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lysdesk-secret-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const posix = process.platform !== 'win32';

describe('FileSecretStore', () => {
  it('keeps the secret in a file only its owner can read (0600)', async () => {
    const file = join(tempDir(), 'nested', 'auth-refresh-token');
    const store = new FileSecretStore(file);
    expect(store.canPersist).toBe(true);
    expect(await store.read()).toBeNull();
    await store.write('hemmelig-1');
    expect(await store.read()).toBe('hemmelig-1');
    expect(readFileSync(file, 'utf8')).toBe('hemmelig-1');
    if (posix) expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('replaces the file atomically, leaving no temporary files and a wider-mode file narrowed to 0600', async () => {
    const dir = tempDir();
    const file = join(dir, 'secret');
    writeFileSync(file, 'gammel', { mode: 0o644 });
    const store = new FileSecretStore(file);
    await store.write('ny');
    expect(await store.read()).toBe('ny');
    expect(readdirSync(dir)).toEqual(['secret']);
    if (posix) expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('reads a missing or empty file as no secret, and clears idempotently', async () => {
    const file = join(tempDir(), 'secret');
    const store = new FileSecretStore(file);
    await store.clear();
    writeFileSync(file, '\n');
    expect(await store.read()).toBeNull();
    await store.write('x');
    await store.clear();
    await store.clear();
    expect(readdirSync(join(file, '..'))).toEqual([]);
  });
});

describe('writeFileAtomic', () => {
  it('removes its temporary file when the rename fails', async () => {
    const dir = tempDir();
    // A folder where the file should be: rename over it fails.
    const target = join(dir, 'taken');
    await writeFileAtomic(join(target, 'inner'), 'x');
    await expect(writeFileAtomic(target, 'y')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });
});

describe('MemorySecretStore', () => {
  it('keeps the secret only in memory and says it cannot persist', async () => {
    const store = new MemorySecretStore();
    expect(store.canPersist).toBe(false);
    expect(await store.read()).toBeNull();
    await store.write('a');
    expect(await store.read()).toBe('a');
    await store.clear();
    expect(await store.read()).toBeNull();
  });
});
