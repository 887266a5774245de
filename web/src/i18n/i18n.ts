import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { ja } from './ja.ts';

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORED = 'baton.language';

export const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

/** The language shown before sign-in: the last one chosen on this browser, else Japanese. */
export function storedLanguage(): Language {
  const stored = localStorage.getItem(STORED);
  return isLanguage(stored) ? stored : 'ja';
}

export function applyLanguage(language: Language): void {
  localStorage.setItem(STORED, language);
  document.documentElement.lang = language;
  if (i18n.language !== language) void i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  resources: { ja: { translation: ja }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  // Resources are bundled: initialise synchronously so the first render never waits.
  initAsync: false,
  react: { useSuspense: false },
});

export { i18n };
