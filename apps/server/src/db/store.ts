import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { migrationProvider, type Dialect } from './migrations.js';
import type { DB } from './tables.js';

/** The metadata store: one Kysely instance over SQLite (default) or PostgreSQL (replicas). */
export interface Store {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Present on PostgreSQL: the socket.io adapter shares it. */
  pool: pg.Pool | undefined;
  close(): Promise<void>;
}

export interface StoreOptions {
  databaseUrl: string | undefined;
  sqlitePath: string;
  logger: Logger;
}

export function openStore(options: StoreOptions): Store {
  if (options.databaseUrl === undefined) return openSqlite(options.sqlitePath);
  return openPostgres(options.databaseUrl, options.logger);
}

function openSqlite(path: string): Store {
  mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', pool: undefined, close: () => db.destroy() };
}

function openPostgres(url: string, logger: Logger): Store {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client whose connection dies emits 'error'; unhandled, it would crash the server.
  pool.on('error', (err) => logger.warn({ err }, 'metadata store connection lost'));
  pool.on('connect', (client) =>
    client.on('error', (err) => logger.warn({ err }, 'metadata store client error')),
  );
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', pool, close: () => db.destroy() };
}

/** Brings the schema up to date; the same migrations run on both dialects. */
export async function migrateStore(store: Store): Promise<void> {
  const migrator = new Migrator({ db: store.db, provider: migrationProvider(store.dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new AppError(
      'INTERNAL',
      `the metadata store migration "${failed}" failed: check that the store is reachable and writable`,
      { cause: error },
    );
  }
}
