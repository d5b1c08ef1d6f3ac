import type { DatabaseConnection } from '@rahatback/protocol';
import { EngineError } from '../engine-error.js';
import { endpointOf, unreachableError } from '../connection.js';
import { redactSecrets } from '../redact.js';

export const POSTGRES_LABEL = 'PostgreSQL';
export const POSTGRES_DEFAULT_PORT = 5432;

/** Tells the SSL refusal of a server (hostssl-only pg_hba) from other 28000 errors. */
function isEncryptionRequired(message: string): boolean {
  return /no encryption/i.test(message);
}

/** The server was asked for TLS and has none: `prefer` then falls back to a plain connection. */
export function isSslUnsupported(error: unknown): boolean {
  return error instanceof Error && /does not support SSL/i.test(error.message);
}

/**
 * Translates what `pg` throws on connect or query into an EngineError a person can act on.
 * SQLSTATEs: 28P01 wrong password, 28000 refused by pg_hba, 3D000 unknown database.
 */
export function explainPostgresError(error: unknown, conn: DatabaseConnection): EngineError {
  if (error instanceof EngineError) return error;
  const endpoint = endpointOf(conn, POSTGRES_DEFAULT_PORT);
  const unreachable = unreachableError(error, POSTGRES_LABEL, endpoint);
  if (unreachable !== undefined) return unreachable;
  const raw = error instanceof Error ? error.message : String(error);
  const message = redactSecrets(raw, [conn.password]);
  const sqlState = (error as { code?: unknown }).code;
  const user = conn.username;
  if (sqlState === '28P01')
    return new EngineError(
      'AUTH_FAILED',
      `password authentication failed for user "${user}": check the username and password`,
      { cause: error },
    );
  if (sqlState === '28000' && isEncryptionRequired(message))
    return new EngineError(
      'TLS_REQUIRED',
      `${POSTGRES_LABEL} at ${endpoint} accepts only encrypted connections: set the SSL mode to "require" (or "verify-full")`,
      { cause: error },
    );
  if (sqlState === '28000')
    return new EngineError(
      'AUTH_FAILED',
      `${POSTGRES_LABEL} at ${endpoint} refused user "${user}" (${message}): check the username, or allow the agent's address in pg_hba.conf`,
      { cause: error },
    );
  if (sqlState === '3D000')
    return new EngineError(
      'DATABASE_NOT_FOUND',
      `database "${conn.database}" does not exist on this server: check the name or create it`,
      { cause: error },
    );
  if (sqlState === '42501')
    return new EngineError(
      'AUTH_FAILED',
      `user "${user}" lacks a privilege this needs (${message}): grant it (for verification, CREATEDB) or use another user`,
      { cause: error },
    );
  if (/client password must be a string|password is required|SASL/i.test(message))
    return new EngineError(
      'AUTH_FAILED',
      `${POSTGRES_LABEL} at ${endpoint} asks user "${user}" for a password and none was accepted: enter the password`,
      { cause: error },
    );
  if (isSslUnsupported(error))
    return new EngineError(
      'TLS_REQUIRED',
      `${POSTGRES_LABEL} at ${endpoint} does not offer TLS while the SSL mode demands it: enable SSL on the server or set the SSL mode to "prefer" or "disable"`,
      { cause: error },
    );
  if (/timeout/i.test(message))
    return new EngineError(
      'HOST_UNREACHABLE',
      `${POSTGRES_LABEL} at ${endpoint} did not answer in time: check the host, the port and any firewall between the agent and the server`,
      { cause: error },
    );
  if (/error establishing an SSL connection|terminated unexpectedly/i.test(message))
    return new EngineError(
      'UNKNOWN',
      `the server at ${endpoint} broke off the connection during the handshake: check that this port belongs to ${POSTGRES_LABEL}`,
      { cause: error },
    );
  if (/certificate|self[- ]signed|SSL|TLS/i.test(message))
    return new EngineError(
      'UNKNOWN',
      `the TLS connection to ${POSTGRES_LABEL} at ${endpoint} failed (${message}): with SSL mode "verify-full" the server's certificate must be trusted by the agent's host and match the host name`,
      { cause: error },
    );
  return new EngineError('UNKNOWN', `${POSTGRES_LABEL} at ${endpoint} failed: ${message}`, {
    cause: error,
  });
}
