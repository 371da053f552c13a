import { describe, expect, it } from 'vitest';
import { resources } from '../../src/app/i18n';
import { customersEn, customersNb } from '../../src/features/customers/locale';

// The customers screens' texts: nb is the source, en must have the same keys and placeholders
// (the compile checks the keys through `Messages`; this also catches a placeholder lost in translation).

/** Every leaf of a nested text object as [dotted key, text]. */
function leaves(tree: object, prefix = ''): [string, unknown][] {
  return Object.entries(tree as Record<string, unknown>).flatMap(([key, value]): [string, unknown][] =>
    value !== null && typeof value === 'object' ? leaves(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

describe('the customers texts', () => {
  const nb = new Map(leaves(customersNb));
  const en = new Map(leaves(customersEn));

  it('have the same keys in nb and en', () => {
    expect([...en.keys()].sort()).toEqual([...nb.keys()].sort());
    expect(nb.size).toBeGreaterThan(100);
  });

  it('use the same placeholders and are non-empty', () => {
    for (const [key, text] of nb) {
      expect(typeof text, key).toBe('string');
      expect(String(text).trim(), key).not.toBe('');
      expect(placeholders(String(en.get(key))), key).toEqual(placeholders(String(text)));
    }
  });

  it('are merged into the app’s resources under `customers`', () => {
    expect(resources.nb.customers).toBe(customersNb);
    expect(resources.en.customers).toBe(customersEn);
    expect(resources.nb.customers.tierSection.change).toBe('Endre kundenivå');
    expect(resources.en.customers.tierSection.change).toBe('Change tier');
  });
});
