import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const packageJsonSchema = z.object({ version: z.string().min(1) });

/** The folder holding the project's package.json, found upwards from this file. */
export function findRepoRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  // Walk up rather than assume a fixed depth, so this still works if server/ is bundled elsewhere.
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json found above ${start}`);
  }
}

/** The `version` field of the package.json in `repoRoot`. */
export function readPackageVersion(repoRoot: string): string {
  const raw: unknown = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  return packageJsonSchema.parse(raw).version;
}
