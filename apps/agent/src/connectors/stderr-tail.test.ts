import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from './redact.js';
import { assertSafeDatabaseName } from './safe-name.js';
import { StderrTail } from './stderr-tail.js';

describe('StderrTail', () => {
  it('keeps only the last lines, joined across chunk boundaries', () => {
    const tail = new StderrTail(3, []);
    tail.push('one\ntw');
    tail.push('o\nthree\n\nfour\nfi');
    expect(tail.snapshot()).toEqual(['three', 'four', 'fi']);
    tail.push('ve\n');
    expect(tail.snapshot()).toEqual(['three', 'four', 'five']);
  });

  it('bounds the length of a line that never ends', () => {
    const tail = new StderrTail(2, []);
    for (let i = 0; i < 100; i += 1) tail.push('x'.repeat(10_000));
    expect(tail.snapshot()[0]?.length).toBeLessThanOrEqual(2000);
  });

  it('removes secrets, even when one is split across two chunks', () => {
    const tail = new StderrTail(5, ['s3cr3t-pw']);
    tail.push('connect failed with s3c');
    tail.push('r3t-pw in it\n');
    expect(tail.snapshot()).toEqual([`connect failed with ${REDACTED} in it`]);
  });
});

describe('redactSecrets', () => {
  it('replaces every occurrence and ignores empty secrets', () => {
    expect(redactSecrets('a pw b pw', ['pw', ''])).toBe(`a ${REDACTED} b ${REDACTED}`);
  });
});

describe('assertSafeDatabaseName', () => {
  it.each(['shop', 'my db', 'ünïcödé', 'a-b'])('accepts %s', (name) => {
    expect(() => assertSafeDatabaseName(name, 'PostgreSQL')).not.toThrow();
  });
  it.each(['-x', 'postgresql://h/db', 'POSTGRES://h', 'host=evil', 'a\nb'])(
    'refuses %j',
    (name) => {
      expect(() => assertSafeDatabaseName(name, 'PostgreSQL')).toThrow(/rename the database/);
    },
  );
});
