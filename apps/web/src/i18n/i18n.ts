import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, tr } from './catalogues.js';

export const LANGUAGES = ['en', 'tr'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'rahatback.language';

function isLanguage(value: string | null | undefined): value is Language {
  return LANGUAGES.some((language) => language === value);
}

/** The remembered choice first, then the browser's preference, then English. */
function initialLanguage(): Language {
  const remembered = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(remembered)) return remembered;
  const preferred = navigator.language.slice(0, 2);
  return isLanguage(preferred) ? preferred : 'en';
}

function reflectInDocument(language: string): void {
  document.documentElement.lang = language;
}

export async function setupI18n(): Promise<void> {
  i18next.on('languageChanged', reflectInDocument);
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, tr: { translation: tr } },
    lng: initialLanguage(),
    fallbackLng: 'en',
    // React escapes what it renders; escaping twice would show entities.
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
}

export async function changeLanguage(language: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, language);
  await i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : 'en';
}
