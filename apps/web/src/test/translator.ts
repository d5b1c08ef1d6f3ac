import i18next, { type i18n as I18n } from 'i18next';
import { beforeAll } from 'vitest';
import { en, tr } from '../i18n/catalogues.js';

export interface TestTranslator {
  /** Its own i18next instance over the real catalogues, so changing its language stays local. */
  i18n: I18n;
  /** The English (or current) text of `key`. */
  t: (key: string) => string;
}

/**
 * For tests of plain functions that take a `t`: a fresh i18next instance with the app's English
 * and Turkish catalogues, English first, initialised before the file's tests run.
 */
export function testTranslator(): TestTranslator {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({
      resources: { en: { translation: en }, tr: { translation: tr } },
      lng: 'en',
      interpolation: { escapeValue: false },
      showSupportNotice: false,
    });
  });
  return { i18n, t: (key: string) => i18n.t(key) };
}
