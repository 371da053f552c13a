import { rm } from 'node:fs/promises';
import type { SafeStorage } from 'electron';
import { readFileIfExists, writeFileAtomic, type SecretStore } from '../core/auth/secretStore';

/** The part of Electron's `safeStorage` the store uses (a fake in the tests). */
export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

/**
 * The refresh token encrypted with the OS keychain (Electron's safeStorage) in `file` (0600,
 * written atomically). Where the OS offers no real encryption (safeStorage unavailable, or
 * Linux without a keyring, where Electron's `basic_text` backend is a fixed, public key) it
 * stores nothing: `canPersist` is false and the login lasts until the app quits.
 *
 * safeStorage answers only after the app's `ready` event (before it, Linux reports `unknown`),
 * so create this whenever, but let the auth session restore only after `app.whenReady()`.
 */
export function createSafeStorageSecretStore(safeStorage: SafeStorageLike, file: string, platform: NodeJS.Platform = process.platform): SecretStore {
  function encrypting(): boolean {
    if (!safeStorage.isEncryptionAvailable()) return false;
    // Only Linux has (and needs) the backend check; the method exists only there.
    if (platform !== 'linux' || safeStorage.getSelectedStorageBackend === undefined) return true;
    const backend = safeStorage.getSelectedStorageBackend();
    return backend !== 'basic_text' && backend !== 'unknown';
  }

  return {
    get canPersist() {
      return encrypting();
    },
    async read() {
      if (!encrypting()) return null;
      const data = await readFileIfExists(file);
      if (data === null || data.length === 0) return null;
      try {
        const secret = safeStorage.decryptString(data);
        return secret === '' ? null : secret;
      } catch {
        // Another keychain (a restored backup, a changed OS password): this secret is lost.
        await rm(file, { force: true });
        return null;
      }
    },
    async write(secret) {
      if (!encrypting()) {
        // An older file from when encryption worked must not outlive the login it belonged to.
        await rm(file, { force: true });
        return;
      }
      await writeFileAtomic(file, safeStorage.encryptString(secret));
    },
    clear() {
      return rm(file, { force: true });
    },
  };
}
