import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toFailure, validationFailure } from './failure.js';

describe('toFailure', () => {
  it('keeps the protocol code and sentence of an error that carries one', () => {
    const error = Object.assign(new Error('password authentication failed for user "app"'), {
      code: 'AUTH_FAILED',
    });
    expect(toFailure(error)).toEqual({
      code: 'AUTH_FAILED',
      message: 'password authentication failed for user "app"',
    });
  });

  it('turns anything else into UNKNOWN, keeping what happened', () => {
    const error = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(toFailure(error)).toEqual({
      code: 'UNKNOWN',
      message: 'The agent failed unexpectedly: socket hang up',
    });
    expect(toFailure('plain string')).toMatchObject({ code: 'UNKNOWN' });
  });
});

describe('validationFailure', () => {
  it('names each offending field', () => {
    const schema = z.object({ connection: z.object({ port: z.number().max(65535) }) });
    const result = schema.safeParse({ connection: { port: 70000 } });
    if (result.success) throw new Error('expected a failure');
    const failure = validationFailure(result.error);
    expect(failure.code).toBe('VALIDATION_FAILED');
    expect(failure.message).toContain('connection.port');
  });
});
