import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';
import { clean, violations } from '../fixtures/layers/violations';

const root = fileURLToPath(new URL('../..', import.meta.url));
const written = new Set<string>();

/** Lints `code` as if it were the file at `path`, with the project's real config. */
async function lintAs(path: string, code: string): Promise<string[]> {
  const file = `${root}/${path}`;
  writeFileSync(file, code);
  written.add(file);
  try {
    const [result] = await new ESLint({ cwd: root }).lintFiles([file]);
    return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/imports').map((m) => m.message);
  } finally {
    rmSync(file, { force: true });
  }
}

afterEach(() => {
  for (const file of written) rmSync(file, { force: true });
});

describe('layer rules in lint', () => {
  it.each(violations)('refuses $path: $code', async ({ path, code }) => {
    const messages = await lintAs(path, code);
    expect(messages.length).toBeGreaterThan(0);
  }, 60_000);

  it.each(clean)('allows $path: $code', async ({ path, code }) => {
    expect(await lintAs(path, code)).toEqual([]);
  }, 60_000);
});
