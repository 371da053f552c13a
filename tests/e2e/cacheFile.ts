import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/**
 * Runs `query` on the newest cache file (the signed-in staff member's) in the host's data folder (read-only),
 * for a test to pick its objects from what this staff member sees.
 */
export function readCache<T>(hostDir: string, query: string, ...params: unknown[]): T[] {
  // The newest: after a change of user the folder holds one cache per staff member.
  const file = readdirSync(hostDir)
    .filter((name) => /^cache-.*\.sqlite$/.test(name))
    .sort((a, b) => statSync(join(hostDir, b)).mtimeMs - statSync(join(hostDir, a)).mtimeMs)[0];
  if (file === undefined) throw new Error('no cache file yet');
  const cache = new BetterSqlite3(join(hostDir, file), { readonly: true });
  try {
    return cache.prepare(query).all(...params) as T[];
  } finally {
    cache.close();
  }
}
