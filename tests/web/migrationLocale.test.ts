import { describe, expect, it } from 'vitest';
import { MIGRATION_STATE_NB, migrationActions } from '../../electron/shared/domain/migration';
import { migrationStateSchema } from '../../electron/shared/sync/rows';
import { resources } from '../../src/app/i18n';
import { migrationEn, migrationNb } from '../../src/features/migration/locale';

// The migration screens' texts: nb is the source of the key set and en matches it key for key,
// with the same placeholders; every state and action has its words.

function leaves(tree: object, prefix = ''): [string, unknown][] {
  return Object.entries(tree as Record<string, unknown>).flatMap(([key, value]): [string, unknown][] =>
    value !== null && typeof value === 'object' ? leaves(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

describe('the migration texts', () => {
  const nb = new Map(leaves(migrationNb));
  const en = new Map(leaves(migrationEn));

  it('have the same keys in nb and en', () => {
    expect([...en.keys()].sort()).toEqual([...nb.keys()].sort());
    expect(nb.size).toBeGreaterThan(100);
  });

  it('are non-empty strings with the same placeholders in both languages', () => {
    for (const [key, value] of nb) {
      expect(typeof value, key).toBe('string');
      expect(String(value).trim(), key).not.toBe('');
      expect(placeholders(String(en.get(key))), key).toEqual(placeholders(String(value)));
    }
  });

  it('are merged into the app’s resources under `migration`', () => {
    expect(resources.nb.migration).toBe(migrationNb);
    expect(resources.en.migration).toBe(migrationEn);
  });

  it('name every state (nb from the shared domain) and every action', () => {
    for (const state of migrationStateSchema.options) {
      const name = MIGRATION_STATE_NB[state];
      expect(migrationNb.states[state]).toBe(name.charAt(0).toUpperCase() + name.slice(1));
      expect(migrationEn.states[state]).not.toBe(migrationNb.states[state]);
    }
    for (const action of migrationActions) {
      expect(nb.has(`actions.${action}`), action).toBe(true);
      expect(nb.has(`done.${action}`), action).toBe(true);
    }
  });

  it('are actually translated, but for words both languages share', () => {
    const same = [...nb].filter(([key, value]) => en.get(key) === value).map(([key]) => key);
    expect(same.sort()).toEqual(['bulk.columns.state', 'chart.planned', 'chart.plannedPoint', 'history.transition', 'panel.state', 'stuck.state']);
  });
});
