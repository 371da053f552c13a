import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temporary folder per test, removed afterwards; returns a file path inside it. */
export function useTempFiles(): { file(name?: string): string } {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  return {
    file(name = 'cache.sqlite') {
      const folder = mkdtempSync(join(tmpdir(), 'lysdesk-cache-'));
      folders.push(folder);
      return join(folder, name);
    },
  };
}
