import type { DatabaseConnection } from '@rahatback/protocol';
import { connectTimeoutMs } from '../connection.js';
import { POSTGRES_DEFAULT_PORT } from './postgres.errors.js';

/**
 * The connection as libpq environment variables: the password never reaches argv, and a
 * database name given as PGDATABASE is never parsed as a connection string.
 */
export function postgresEnv(conn: DatabaseConnection): Record<string, string> {
  const env: Record<string, string> = {
    PGHOST: conn.host,
    PGPORT: String(conn.port ?? POSTGRES_DEFAULT_PORT),
    PGDATABASE: conn.database,
    PGSSLMODE: conn.options.sslMode ?? 'prefer',
    PGCONNECT_TIMEOUT: String(Math.ceil(connectTimeoutMs(conn) / 1000)),
    PGAPPNAME: 'rahatback-agent',
  };
  if (conn.username !== '') env['PGUSER'] = conn.username;
  if (conn.password !== '') env['PGPASSWORD'] = conn.password;
  return env;
}
