import { describe, expect, it } from 'vitest';
import { newEnrollmentToken } from './tokens.js';

describe('enrollment tokens', () => {
  it('never start with "-", so the enroll command never reads one as an option', () => {
    // Without the prefix, about 1 in 64 base64url tokens starts with "-".
    const tokens = Array.from({ length: 2000 }, newEnrollmentToken);
    expect(tokens.filter((t) => t.startsWith('-'))).toEqual([]);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const t of tokens.slice(0, 10)) expect(t).toMatch(/^rbe_[A-Za-z0-9_-]{43}$/);
  });
});
