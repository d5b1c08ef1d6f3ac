import { en, tr } from '../../src/i18n/catalogues.js';

export type Language = 'en' | 'tr';
type Tree = { [key: string]: string | Tree };

const catalogues: Record<Language, Tree> = { en, tr };

/** The text the app shows for a key, so that assertions follow the catalogues, not copies. */
export function text(language: Language, key: string, values: Record<string, string> = {}): string {
  let node: string | Tree | undefined = catalogues[language];
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no "${key}" in the ${language} catalogue`);
  return node.replace(/{{\s*(\w+)\s*}}/g, (_, name: string) => values[name] ?? `{{${name}}}`);
}

function leaves(tree: Tree): string[] {
  return Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : leaves(v)));
}

/** English texts that differ from every Turkish one (so "PostgreSQL" or "Port" do not count). */
export function englishOnlyTexts(): Set<string> {
  const turkish = new Set(leaves(tr));
  return new Set(leaves(en).filter((value) => !turkish.has(value) && !value.includes('{{')));
}

export type Translate = (key: string, values?: Record<string, string>) => string;

/** `text` in one language, as the stories call it: `t('nav.jobs')`. */
export function translator(language: Language): Translate {
  return (key, values) => text(language, key, values);
}
