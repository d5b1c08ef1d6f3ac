import type { DatabaseConnection } from '@rahatback/protocol';
import { EngineError } from '../engine-error.js';
import { endpointOf, unreachableError } from '../connection.js';
import { redactSecrets } from '../redact.js';

export const MYSQL_DEFAULT_PORT = 3306;

/** "MariaDB" or "MySQL" as the user chose the engine; only used in messages. */
export function mysqlLabel(conn: DatabaseConnection): string {
  return conn.engine === 'mariadb' ? 'MariaDB' : 'MySQL';
}

/** The server was asked for TLS and has none: `prefer` then falls back to a plain connection. */
export function isSslUnsupported(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'HANDSHAKE_NO_SSL_SUPPORT' ||
    (error instanceof Error && /does not support secure connection/i.test(error.message))
  );
}

function fields(error: unknown): { code: unknown; errno: unknown; message: string } {
  const e = (error ?? {}) as { code?: unknown; errno?: unknown };
  return {
    code: e.code,
    errno: e.errno,
    message: error instanceof Error ? error.message : String(error),
  };
}

/**
 * Translates what `mysql2` throws into an EngineError a person can act on.
 * Server errors: 1045 access denied, 1044 no rights on the database, 1049 unknown database,
 * 3159 (MySQL) / 4025-ish (MariaDB) insecure transport refused.
 */
export function explainMysqlError(error: unknown, conn: DatabaseConnection): EngineError {
  if (error instanceof EngineError) return error;
  const label = mysqlLabel(conn);
  const endpoint = endpointOf(conn, MYSQL_DEFAULT_PORT);
  const unreachable = unreachableError(error, label, endpoint);
  if (unreachable !== undefined) return unreachable;
  const { code, errno } = fields(error);
  const message = redactSecrets(fields(error).message, [conn.password]);
  if (code === 'ER_ACCESS_DENIED_ERROR' || errno === 1045)
    return new EngineError(
      'AUTH_FAILED',
      `access denied for user "${conn.username}": check the username and password, and that the user may connect from the agent's address`,
      { cause: error },
    );
  if (code === 'ER_DBACCESS_DENIED_ERROR' || errno === 1044)
    return new EngineError(
      'AUTH_FAILED',
      `user "${conn.username}" may not use database "${conn.database}": grant it access (GRANT ALL ON \`${conn.database}\`.* TO …)`,
      { cause: error },
    );
  if (code === 'ER_BAD_DB_ERROR' || errno === 1049)
    return new EngineError(
      'DATABASE_NOT_FOUND',
      `database "${conn.database}" does not exist on this server: check the name or create it`,
      { cause: error },
    );
  if (/insecure transport|secure transport/i.test(message))
    return new EngineError(
      'TLS_REQUIRED',
      `${label} at ${endpoint} accepts only encrypted connections: set the SSL mode to "require" (or "verify-full")`,
      { cause: error },
    );
  if (isSslUnsupported(error))
    return new EngineError(
      'TLS_REQUIRED',
      `${label} at ${endpoint} does not offer TLS while the SSL mode demands it: enable SSL on the server or set the SSL mode to "prefer" or "disable"`,
      { cause: error },
    );
  if (/certificate|self[- ]signed/i.test(message))
    return new EngineError(
      'UNKNOWN',
      `the TLS connection to ${label} at ${endpoint} failed (${message}): with SSL mode "verify-full" the server's certificate must be trusted by the agent's host and match the host name`,
      { cause: error },
    );
  return new EngineError('UNKNOWN', `${label} at ${endpoint} failed: ${message}`, { cause: error });
}
