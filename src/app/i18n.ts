import i18next, { type i18n } from 'i18next';
import { en } from './locales/en';
import { nb, type Messages } from './locales/nb';
import { readKey, writeKey, type KeyValueStore } from './storage';

declare module 'i18next' {
  // Types every t() key against the nb texts, so a misspelt key does not compile.
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

/** The UI languages, nb first because it is the default. */
export const languages = ['nb', 'en'] as const;

/** A UI language code; also the value of `<html lang>`. */
export type Language = (typeof languages)[number];

/** The language of a first start: staff work in Norwegian bokmål. */
export const defaultLanguage: Language = 'nb';

/** localStorage key of the chosen UI language. */
export const languageStorageKey = 'lysdesk.language';

/** Every language's texts, keyed by language code. */
export const resources = { nb, en } as const satisfies Record<Language, Messages>;

/** True when `value` is one of the UI languages. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The remembered language, or the default when none (or an unknown one) is stored. */
export function readStoredLanguage(store: KeyValueStore | null): Language {
  const stored = readKey(store, languageStorageKey);
  return isLanguage(stored) ? stored : defaultLanguage;
}

/**
 * A ready i18next instance in the remembered language; every later language change is
 * remembered in `store`. The store is a parameter so tests can run without a browser.
 */
export function createI18n(store: KeyValueStore | null): i18n {
  const instance = i18next.createInstance();
  // Resources are inline and initAsync is false, so init finishes before it returns.
  void instance.init({
    resources: {
      nb: { translation: resources.nb },
      en: { translation: resources.en },
    },
    lng: readStoredLanguage(store),
    fallbackLng: defaultLanguage,
    supportedLngs: languages,
    initAsync: false,
    returnNull: false,
    // React escapes output itself; escaping here too would show "&amp;" to staff.
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  instance.on('languageChanged', (lng: string) => {
    if (isLanguage(lng)) writeKey(store, languageStorageKey, lng);
  });
  return instance;
}
