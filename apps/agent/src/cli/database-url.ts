import { userInfo } from 'node:os';
import {
  DatabaseConnection,
  DEFAULT_PORTS,
  SslMode,
  type DatabaseEngine,
} from '@rahatback/protocol';
import type { CliEnv } from './cli-env.js';
import { UsageError } from './usage-error.js';

const ENGINE_OF_SCHEME: Record<string, DatabaseEngine> = {
  'postgresql:': 'postgresql',
  'postgres:': 'postgresql',
  'mysql:': 'mysql',
  'mariadb:': 'mariadb',
  'sqlite:': 'sqlite',
};

const EXAMPLES =
  'postgresql://user@host:5432/db, mysql://user@host:3306/db, mariadb://user@host/db or sqlite:///absolute/path.db';

/**
 * Reads `--db`/`--to` database URLs. The password comes from RAHATBACK_DB_PASSWORD (or
 * PGPASSWORD for PostgreSQL), never from the URL: a command line is readable by every user
 * of the host.
 */
export function parseDatabaseUrl(option: string, text: string, env: CliEnv): DatabaseConnection {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${option}: "${text}" is not a database URL; use ${EXAMPLES}`);
  }
  const engine = ENGINE_OF_SCHEME[url.protocol];
  if (engine === undefined)
    throw new UsageError(`${option}: unknown database kind "${url.protocol}"; use ${EXAMPLES}`);
  if (url.password !== '')
    throw new UsageError(
      `${option}: do not put the password in the URL (other users can read command lines); set RAHATBACK_DB_PASSWORD${engine === 'postgresql' ? ' or PGPASSWORD' : ''} instead`,
    );
  if (engine === 'sqlite') return sqliteConnection(option, url);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (database === '')
    throw new UsageError(`${option}: name the database after the host, e.g. ${EXAMPLES}`);
  const sslMode = url.searchParams.get('sslmode');
  const parsedSsl = sslMode === null ? undefined : SslMode.safeParse(sslMode);
  if (parsedSsl !== undefined && !parsedSsl.success)
    throw new UsageError(`${option}: sslmode must be one of ${SslMode.options.join(', ')}`);
  return DatabaseConnection.parse({
    engine,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1',
    port: url.port === '' ? DEFAULT_PORTS[engine] : Number(url.port),
    username: url.username === '' ? userInfo().username : decodeURIComponent(url.username),
    password:
      env.RAHATBACK_DB_PASSWORD ?? (engine === 'postgresql' ? env.PGPASSWORD : undefined) ?? '',
    database,
    options: parsedSsl === undefined ? {} : { sslMode: parsedSsl.data },
  });
}

function sqliteConnection(option: string, url: URL): DatabaseConnection {
  const path = decodeURIComponent(url.pathname);
  if (url.host !== '' || !path.startsWith('/') || path === '/')
    throw new UsageError(
      `${option}: give SQLite files as sqlite:///absolute/path.db (three slashes)`,
    );
  return DatabaseConnection.parse({ engine: 'sqlite', database: path });
}

/** A readable name for object keys: the database name, or the SQLite file's base name. */
export function databaseLabel(connection: DatabaseConnection): string {
  if (connection.engine !== 'sqlite') return connection.database;
  const base = connection.database.slice(connection.database.lastIndexOf('/') + 1);
  return base.replace(/\.(sqlite3?|db)$/i, '') || 'sqlite';
}
