import pg from 'pg';
import type { ConnectionOptions } from 'node:tls';
import type { DatabaseConnection } from '@rahatback/protocol';
import { connectTimeoutMs, endpointOf, timeoutError, withTimeout } from '../connection.js';
import {
  POSTGRES_DEFAULT_PORT,
  POSTGRES_LABEL,
  explainPostgresError,
  isSslUnsupported,
} from './postgres.errors.js';
import { connectWithFallback, sslAttempts } from '../tls-attempts.js';

/** `false` = plain TCP; otherwise the TLS options handed to `pg`. */
type SslChoice = false | ConnectionOptions;

function clientConfig(conn: DatabaseConnection, database: string, ssl: SslChoice): pg.ClientConfig {
  return {
    host: conn.host,
    port: conn.port ?? POSTGRES_DEFAULT_PORT,
    user: conn.username,
    password: conn.password,
    database,
    ssl,
    connectionTimeoutMillis: connectTimeoutMs(conn),
    application_name: 'rahatback-agent',
  };
}

async function connectOnce(
  conn: DatabaseConnection,
  database: string,
  ssl: SslChoice,
): Promise<pg.Client> {
  const client = new pg.Client(clientConfig(conn, database, ssl));
  // An idle client whose server goes away emits 'error'; without a listener it would crash the agent.
  client.on('error', () => undefined);
  const ms = connectTimeoutMs(conn);
  try {
    await withTimeout(
      client.connect(),
      ms + 1000,
      () => timeoutError(POSTGRES_LABEL, endpointOf(conn, POSTGRES_DEFAULT_PORT), ms),
      () => void client.end().catch(() => undefined),
    );
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}

/**
 * Opens a connection to `database` (default: the connection's own) honouring the SSL mode.
 * Rejects with an EngineError that names the cause.
 */
export async function connectPostgres(
  conn: DatabaseConnection,
  database: string = conn.database,
): Promise<pg.Client> {
  const outcome = await connectWithFallback(
    sslAttempts(conn, false as const),
    (ssl) => connectOnce(conn, database, ssl),
    isSslUnsupported,
  );
  if ('connection' in outcome) return outcome.connection;
  throw explainPostgresError(outcome.error, { ...conn, database });
}

/** Runs `work` on a fresh connection and always closes it. */
export async function withPostgres<T>(
  conn: DatabaseConnection,
  work: (client: pg.Client) => Promise<T>,
  database?: string,
): Promise<T> {
  const client = await connectPostgres(conn, database);
  try {
    return await work(client);
  } catch (error) {
    throw explainPostgresError(error, conn);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** "PostgreSQL 15.20" from `SHOW server_version` ("15.20 (Debian 15.20-0+deb12u1)"). */
export async function serverVersionOf(client: pg.Client): Promise<string> {
  const result = await client.query<{ server_version: string }>('SHOW server_version');
  const raw = result.rows[0]?.server_version ?? '';
  return `${POSTGRES_LABEL} ${raw.split(' ')[0] ?? raw}`;
}
