import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { clean, violations } from '../fixtures/layers/violations';

const root = fileURLToPath(new URL('../..', import.meta.url));

// The project's real config, with type-aware rules off: the fixtures are linted as text under
// a path inside the guarded folder, so no file is written into the source tree.
const eslint = new ESLint({ cwd: root, overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }] });

/** Lints `code` as if it were the file at `path`; returns the layer rule's messages. */
async function lintAs(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${path}` });
  const messages = result?.messages ?? [];
  // A parse failure would hide the rule: the fixture itself must be valid code.
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages.filter((m) => m.ruleId === 'layers/imports').map((m) => m.message);
}

describe('layer rules in lint', () => {
  it.each(violations)('refuses $path: $code', async ({ path, code }) => {
    const messages = await lintAs(path, code);
    expect(messages.length).toBeGreaterThan(0);
  });

  it.each(clean)('allows $path: $code', async ({ path, code }) => {
    expect(await lintAs(path, code)).toEqual([]);
  });
});
