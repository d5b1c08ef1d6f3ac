import { describe, expect, it } from 'vitest';
import { en, tr } from './catalogues.js';

type Catalogue = { [key: string]: string | Catalogue };

/** Flattens nested keys to "a.b.c" → value, so that the two catalogues compare key by key. */
function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix + key;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [k, v] of flatten(value, `${path}.`)) entries.set(k, v);
  }
  return entries;
}

const placeholders = (text: string) =>
  [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

const english = flatten(en);
const turkish = flatten(tr);

describe('translation catalogues', () => {
  it('has every English key in Turkish', () => {
    expect([...english.keys()].filter((key) => !turkish.has(key))).toEqual([]);
  });

  it('has every Turkish key in English', () => {
    expect([...turkish.keys()].filter((key) => !english.has(key))).toEqual([]);
  });

  it('has no empty text in either language', () => {
    const empty = [...english, ...turkish].filter(([, text]) => text.trim() === '');
    expect(empty.map(([key]) => key)).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const mismatched = [...english].filter(
      ([key, text]) => placeholders(text).join() !== placeholders(turkish.get(key) ?? '').join(),
    );
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });
});
