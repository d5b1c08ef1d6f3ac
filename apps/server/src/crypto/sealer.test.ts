import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSealer } from './sealer.js';

const identity = 'databases:1234:password';

describe('sealer', () => {
  const sealer = createSealer(randomBytes(32));

  it('opens what it sealed, and the sealed text shows neither the secret nor a repeated nonce', () => {
    const a = sealer.seal('s3cret-pa55', identity);
    const b = sealer.seal('s3cret-pa55', identity);
    expect(a).toMatch(/^v1:/);
    expect(a).not.toContain('s3cret');
    expect(a).not.toBe(b);
    expect(sealer.unseal(a, identity)).toBe('s3cret-pa55');
  });

  it('refuses a sealed value moved to another row or column', () => {
    const sealed = sealer.seal('s3cret', identity);
    expect(() => sealer.unseal(sealed, 'databases:9999:password')).toThrow(/cannot be opened/);
    expect(() => sealer.unseal(sealed, 'databases:1234:username')).toThrow(/cannot be opened/);
  });

  it('refuses a tampered value, a truncated one and an unknown version', () => {
    const sealed = sealer.seal('s3cret', identity);
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[14] = (raw[14] ?? 0) ^ 1;
    expect(() => sealer.unseal(`v1:${raw.toString('base64')}`, identity)).toThrow(
      /cannot be opened/,
    );
    expect(() => sealer.unseal(sealed.slice(0, 20), identity)).toThrow(/cannot be opened/);
    expect(() => sealer.unseal(`v9:${sealed.slice(3)}`, identity)).toThrow(/cannot be opened/);
  });

  it('refuses a value sealed under another master key', () => {
    const other = createSealer(randomBytes(32));
    expect(() => other.unseal(sealer.seal('s3cret', identity), identity)).toThrow(/master key/);
  });
});
