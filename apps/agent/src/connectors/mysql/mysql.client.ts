import mysql from 'mysql2/promise';
import type { DatabaseConnection } from '@rahatback/protocol';
import { connectTimeoutMs, endpointOf, timeoutError, withTimeout } from '../connection.js';
import { EngineError } from '../engine-error.js';
import { connectWithFallback, sslAttempts, type TlsAttempt } from '../tls-attempts.js';
import {
  MYSQL_DEFAULT_PORT,
  explainMysqlError,
  isSslUnsupported,
  mysqlLabel,
} from './mysql.errors.js';

type SslChoice = undefined | TlsAttempt;

async function connectOnce(
  conn: DatabaseConnection,
  database: string | undefined,
  ssl: SslChoice,
): Promise<mysql.Connection> {
  const ms = connectTimeoutMs(conn);
  const connecting = mysql.createConnection({
    host: conn.host,
    port: conn.port ?? MYSQL_DEFAULT_PORT,
    user: conn.username,
    password: conn.password,
    ...(database === undefined ? {} : { database }),
    ...(ssl === undefined ? {} : { ssl }),
    connectTimeout: ms,
    multipleStatements: false,
  });
  const timeout = () => timeoutError(mysqlLabel(conn), endpointOf(conn, MYSQL_DEFAULT_PORT), ms);
  const connection = await withTimeout(connecting, ms + 1000, timeout);
  // A server that goes away later emits 'error'; without a listener it would crash the agent.
  connection.on('error', () => undefined);
  return connection;
}

/**
 * Opens a connection to `database` (default: the connection's own; `null` = none) honouring
 * the SSL mode. Rejects with an EngineError that names the cause.
 */
export async function connectMysql(
  conn: DatabaseConnection,
  database: string | null = conn.database,
): Promise<mysql.Connection> {
  const attempts: SslChoice[] = sslAttempts(conn, undefined);
  const outcome = await connectWithFallback(
    attempts,
    (ssl) => connectOnce(conn, database ?? undefined, ssl),
    isSslUnsupported,
  );
  if ('connection' in outcome) return outcome.connection;
  const lastError = outcome.error;
  if (attempts.at(-1) === undefined && (await acceptsOnlyTls(conn, database, lastError)))
    throw new EngineError(
      'TLS_REQUIRED',
      `${mysqlLabel(conn)} at ${endpointOf(conn, MYSQL_DEFAULT_PORT)} accepts user "${conn.username}" only over an encrypted connection: set the SSL mode to "require" (or "verify-full")`,
    );
  throw explainMysqlError(lastError, conn);
}

/**
 * MariaDB answers a plain connection refused by require_secure_transport (or by a user's
 * REQUIRE SSL) with the same "access denied" as a wrong password; one TLS attempt tells
 * the two apart, so the user is not sent to check a password that is right.
 */
async function acceptsOnlyTls(
  conn: DatabaseConnection,
  database: string | null,
  error: unknown,
): Promise<boolean> {
  if ((error as { errno?: unknown } | null)?.errno !== 1045) return false;
  try {
    const connection = await connectOnce(conn, database ?? undefined, {
      rejectUnauthorized: false,
    });
    await connection.end().catch(() => undefined);
    return true;
  } catch {
    return false;
  }
}

/** Runs `work` on a fresh connection and always closes it. */
export async function withMysql<T>(
  conn: DatabaseConnection,
  work: (connection: mysql.Connection) => Promise<T>,
  database?: string | null,
): Promise<T> {
  const connection = await connectMysql(conn, database);
  try {
    return await work(connection);
  } catch (error) {
    throw explainMysqlError(error, conn);
  } finally {
    await connection.end().catch(() => undefined);
  }
}

/** "MariaDB 10.11.19" from "10.11.19-MariaDB-0+deb12u1"; "MySQL 8.0.36" from "8.0.36". */
export function formatMysqlVersion(raw: string): string {
  const number = raw.split('-')[0] ?? raw;
  return /mariadb/i.test(raw) ? `MariaDB ${number}` : `MySQL ${number}`;
}

export async function mysqlServerVersion(connection: mysql.Connection): Promise<string> {
  const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT VERSION() AS v');
  return formatMysqlVersion(String(rows[0]?.['v'] ?? ''));
}
