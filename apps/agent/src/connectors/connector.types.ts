import type { Readable, Writable } from 'node:stream';
import type {
  DatabaseConnection,
  DatabaseEngine,
  TableCount,
  TestConnectionResult,
} from '@rahatback/protocol';

export interface DumpHandle {
  /** The dump's bytes; ends when the dump tool ends. */
  stream: Readable;
  /** Resolves when the tool exited 0; rejects with an EngineError naming the cause otherwise. */
  done: Promise<void>;
  /** e.g. "pg_dump (PostgreSQL) 15.19". */
  clientToolVersion: string;
  serverVersion: string;
  /** File extension of the raw dump, without compression: "dump", "sql", "sqlite". */
  extension: string;
}

export interface RestoreHandle {
  /** Write the raw dump bytes here; ending it lets the tool finish. */
  stream: Writable;
  /** Resolves when the tool exited 0 and the data is in place. */
  done: Promise<void>;
}

export interface RestoreOptions {
  signal: AbortSignal;
  dropExisting: boolean;
  /** The dump's extension as stored in the object key ("dump" or "sql" for PostgreSQL). */
  extension: string;
}

/** One database engine. The pipeline runner owns cancellation, progress and cleanup. */
export interface Connector {
  readonly engine: DatabaseEngine;
  testConnection(conn: DatabaseConnection): Promise<TestConnectionResult>;
  dump(conn: DatabaseConnection, options: { signal: AbortSignal }): Promise<DumpHandle>;
  restore(conn: DatabaseConnection, options: RestoreOptions): Promise<RestoreHandle>;
  /** For verification: create and drop a scratch database next to `conn`'s. */
  createScratch(conn: DatabaseConnection): Promise<DatabaseConnection>;
  dropScratch(conn: DatabaseConnection): Promise<void>;
  countRows(conn: DatabaseConnection): Promise<TableCount[]>;
}
