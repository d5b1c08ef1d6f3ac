import type { DatabaseConnection } from '@rahatback/protocol';

/** The TLS options of one encrypted attempt, in the shape both drivers take. */
export interface TlsAttempt {
  rejectUnauthorized: boolean;
}

/**
 * The connection attempts for an SSL mode, in order, like libpq: `prefer` (and unset) tries
 * TLS without verifying the certificate, then falls back to plain TCP when the server has none.
 * `plain` is the driver's own value for an unencrypted attempt.
 */
export function sslAttempts<P>(conn: DatabaseConnection, plain: P): (TlsAttempt | P)[] {
  switch (conn.options.sslMode) {
    case 'disable':
      return [plain];
    case 'require':
      return [{ rejectUnauthorized: false }];
    case 'verify-full':
      return [{ rejectUnauthorized: true }];
    case 'prefer':
    case undefined:
      return [{ rejectUnauthorized: false }, plain];
  }
}

/**
 * Tries the attempts in order, moving on only when the server has no TLS and another attempt
 * remains. Gives the first connection, or the error that ended the tries.
 */
export async function connectWithFallback<S, C>(
  attempts: readonly S[],
  connectOnce: (ssl: S) => Promise<C>,
  isSslUnsupported: (error: unknown) => boolean,
): Promise<{ connection: C } | { error: unknown }> {
  let lastError: unknown;
  for (const [index, ssl] of attempts.entries()) {
    try {
      return { connection: await connectOnce(ssl) };
    } catch (error) {
      lastError = error;
      const hasFallback = index < attempts.length - 1;
      if (!(hasFallback && isSslUnsupported(error))) break;
    }
  }
  return { error: lastError };
}
