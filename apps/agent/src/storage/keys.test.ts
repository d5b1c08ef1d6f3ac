import { describe, expect, it } from 'vitest';
import {
  assertSafeKey,
  assertSafePrefix,
  isPartialName,
  joinPrefix,
  partialName,
  prefixFolder,
} from './keys.js';

describe('object keys', () => {
  it('accepts the keys the backup engine writes', () => {
    expect(() => assertSafeKey('mydb/2026-11-27T06-00-00Z_run1.dump.zst.rbk')).not.toThrow();
    expect(() =>
      assertSafeKey('mydb/2026-11-27T06-00-00Z_run1.dump.zst.rbk.meta.json'),
    ).not.toThrow();
  });

  it.each(['', '/abs', '../up', 'a/../b', 'a/./b', 'a//b', 'a/', 'a\\b', 'a\u0000b'])(
    'refuses %j with VALIDATION_FAILED',
    (key) => {
      expect(() => assertSafeKey(key)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      );
    },
  );

  it('lets a list prefix be empty or end with a slash', () => {
    expect(() => assertSafePrefix('')).not.toThrow();
    expect(() => assertSafePrefix('mydb/')).not.toThrow();
    expect(() => assertSafePrefix('mydb/2026')).not.toThrow();
    expect(() => assertSafePrefix('../')).toThrow();
  });

  it('names partial files so that they are never taken for backups', () => {
    const partial = partialName('/data/mydb/x.dump');
    expect(partial).toMatch(/^\/data\/mydb\/x\.dump\.partial-[0-9a-f]{12}$/);
    expect(isPartialName(partial)).toBe(true);
    expect(isPartialName('/data/mydb/x.dump')).toBe(false);
  });

  it('joins a destination prefix and a key with exactly one slash', () => {
    expect(joinPrefix('', 'a/b')).toBe('a/b');
    expect(joinPrefix('team', 'a/b')).toBe('team/a/b');
    expect(joinPrefix('team/', 'a/b')).toBe('team/a/b');
  });

  it('finds the folder a list prefix starts in', () => {
    expect(prefixFolder('')).toBe('');
    expect(prefixFolder('mydb')).toBe('');
    expect(prefixFolder('mydb/')).toBe('mydb');
    expect(prefixFolder('mydb/2026-11')).toBe('mydb');
  });
});
