import { describe, expect, it } from 'vitest';
import {
  createI18n,
  defaultLanguage,
  languageStorageKey,
  readStoredLanguage,
  resources,
} from '../../src/app/i18n';
import type { KeyValueStore } from '../../src/app/storage';

/** Every leaf of a nested text object as [dotted key, text]. */
function leaves(tree: object, prefix = ''): [string, unknown][] {
  return Object.entries(tree as Record<string, unknown>).flatMap(([key, value]): [string, unknown][] =>
    value !== null && typeof value === 'object' ? leaves(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
  };
}

describe('locale resources', () => {
  const nb = new Map(leaves(resources.nb));
  const en = new Map(leaves(resources.en));

  it('have the same keys in nb and en', () => {
    expect([...en.keys()].sort()).toEqual([...nb.keys()].sort());
    expect(nb.size).toBeGreaterThan(50);
  });

  it('have only non-empty strings', () => {
    for (const [key, text] of [...nb, ...en]) {
      expect(typeof text, key).toBe('string');
      expect(String(text).trim(), key).not.toBe('');
    }
  });

  it('use the same {{placeholders}} in both languages', () => {
    for (const [key, text] of nb) {
      expect(placeholders(String(en.get(key))), key).toEqual(placeholders(String(text)));
    }
  });

  it('are actually translated where the words differ', () => {
    expect(resources.nb.nav.quotes).toBe('Tilbud');
    expect(resources.en.nav.quotes).toBe('Quotes');
  });
});

describe('readStoredLanguage', () => {
  it('defaults to Norwegian bokmål', () => {
    expect(defaultLanguage).toBe('nb');
    expect(readStoredLanguage(null)).toBe('nb');
    expect(readStoredLanguage(memoryStore())).toBe('nb');
  });

  it('ignores unknown and failing stores', () => {
    expect(readStoredLanguage(memoryStore({ [languageStorageKey]: 'de' }))).toBe('nb');
    const failing: KeyValueStore = {
      getItem: () => {
        throw new Error('storage disabled');
      },
      setItem: () => undefined,
    };
    expect(readStoredLanguage(failing)).toBe('nb');
  });
});

describe('createI18n', () => {
  it('starts in the stored language', () => {
    const i18n = createI18n(memoryStore({ 'lysdesk.language': 'en' }));
    expect(i18n.language).toBe('en');
    expect(i18n.t('nav.quotes')).toBe('Quotes');
    expect(i18n.t('status.coreReady')).toBe('Core: ready');
  });

  it('starts in nb without a stored choice', () => {
    const i18n = createI18n(memoryStore());
    expect(i18n.language).toBe('nb');
    expect(i18n.t('nav.migration')).toBe('Flytting');
  });

  it('interpolates without HTML-escaping', () => {
    const i18n = createI18n(null);
    expect(i18n.t('status.serverConnectedDb', { db: 'pglite' })).toBe('Server: tilkoblet (pglite)');
    expect(i18n.t('status.version', { name: 'Lysdesk', version: '0.1.0 <beta>' })).toBe('Lysdesk 0.1.0 <beta>');
  });

  it('remembers a language change', async () => {
    const store = memoryStore();
    const i18n = createI18n(store);
    await i18n.changeLanguage('en');
    expect(store.data.get('lysdesk.language')).toBe('en');
    expect(i18n.t('nav.home')).toBe('Overview');
    await i18n.changeLanguage('nb');
    expect(store.data.get('lysdesk.language')).toBe('nb');
  });

  it('keeps separate instances apart', async () => {
    const a = createI18n(memoryStore());
    const b = createI18n(memoryStore());
    await a.changeLanguage('en');
    expect(b.language).toBe('nb');
  });
});
