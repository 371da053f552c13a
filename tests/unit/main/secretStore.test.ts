import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSafeStorageSecretStore, type SafeStorageLike } from '../../../electron/main/secretStore';

type Backend = ReturnType<NonNullable<SafeStorageLike['getSelectedStorageBackend']>>;

/** A stand-in for Electron's safeStorage: "encrypts" by XOR with a key, so the file holds no plain text. */
class FakeSafeStorage implements SafeStorageLike {
  available = true;
  backend: Backend = 'gnome_libsecret';
  key = 0x5a;
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  getSelectedStorageBackend(): Backend {
    return this.backend;
  }
  encryptString(plainText: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    return Buffer.concat([Buffer.from('v10'), Buffer.from(plainText, 'utf8').map((byte) => byte ^ this.key)]);
  }
  decryptString(encrypted: Buffer): string {
    if (encrypted.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    const plain = Buffer.from(encrypted.subarray(3).map((byte) => byte ^ this.key)).toString('utf8');
    // A different key gives garbage; real safeStorage fails its MAC check instead.
    if (!/^[\w-]*$/.test(plain)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return plain;
  }
}

const folders: string[] = [];
function secretFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lysdesk-safe-'));
  folders.push(dir);
  return join(dir, 'auth-refresh-token.bin');
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('createSafeStorageSecretStore', () => {
  it('stores the secret encrypted, owner-only, and reads it back', async () => {
    const safe = new FakeSafeStorage();
    const file = secretFile();
    const store = createSafeStorageSecretStore(safe, file, 'linux');
    expect(store.canPersist).toBe(true);
    await store.write('refresh-token-123');
    const bytes = readFileSync(file);
    expect(bytes.includes(Buffer.from('refresh-token-123'))).toBe(false);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await createSafeStorageSecretStore(safe, file, 'linux').read()).toBe('refresh-token-123');
    await store.clear();
    expect(existsSync(file)).toBe(false);
    expect(await store.read()).toBeNull();
  });

  it("stores nothing on Linux's basic_text backend (no keyring): the login lasts until quit", async () => {
    const safe = new FakeSafeStorage();
    safe.backend = 'basic_text';
    const file = secretFile();
    const store = createSafeStorageSecretStore(safe, file, 'linux');
    expect(store.canPersist).toBe(false);
    await store.write('refresh-token-123');
    expect(existsSync(file)).toBe(false);
    expect(await store.read()).toBeNull();
  });

  it('stores nothing when encryption is unavailable, and removes a file left from when it was', async () => {
    const safe = new FakeSafeStorage();
    const file = secretFile();
    await createSafeStorageSecretStore(safe, file, 'linux').write('older-token');
    safe.available = false;
    const store = createSafeStorageSecretStore(safe, file, 'linux');
    expect(store.canPersist).toBe(false);
    // Unavailable may be temporary (before app ready): reading does not destroy the file …
    expect(await store.read()).toBeNull();
    expect(existsSync(file)).toBe(true);
    // … but a new login must not leave the old one's token behind.
    await store.write('new-token');
    expect(existsSync(file)).toBe(false);
  });

  it("treats Linux's `unknown` backend (asked before app ready) as not encrypting", () => {
    const safe = new FakeSafeStorage();
    safe.backend = 'unknown';
    expect(createSafeStorageSecretStore(safe, secretFile(), 'linux').canPersist).toBe(false);
  });

  it('ignores the Linux-only backend check on macOS and Windows', async () => {
    const safe = new FakeSafeStorage();
    safe.backend = 'basic_text';
    const file = secretFile();
    const store = createSafeStorageSecretStore(safe, file, 'darwin');
    expect(store.canPersist).toBe(true);
    await store.write('mac-token');
    expect(await store.read()).toBe('mac-token');
  });

  it('follows availability as it changes (safeStorage answers only after app ready)', () => {
    const safe = new FakeSafeStorage();
    safe.available = false;
    const store = createSafeStorageSecretStore(safe, secretFile(), 'linux');
    expect(store.canPersist).toBe(false);
    safe.available = true;
    expect(store.canPersist).toBe(true);
  });

  it('reads a secret that no longer decrypts (another keychain) as none and removes it', async () => {
    const safe = new FakeSafeStorage();
    const file = secretFile();
    await createSafeStorageSecretStore(safe, file, 'linux').write('token');
    safe.key = 0x13;
    expect(await createSafeStorageSecretStore(safe, file, 'linux').read()).toBeNull();
    expect(existsSync(file)).toBe(false);
    writeFileSync(file, 'garbage');
    expect(await createSafeStorageSecretStore(safe, file, 'linux').read()).toBeNull();
  });
});
