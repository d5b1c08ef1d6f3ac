import type { Readable, Writable } from 'node:stream';
import type {
  DatabaseConnection,
  DatabaseEngine,
  TableCount,
  TestConnectionResult,
} from '@rahatback/protocol';

export interface DumpHandle {
  /**
   * The dump's bytes. It ends only after the tool exited 0; when the tool fails it errors
   * with the same EngineError as `done` instead of ending, so a truncated dump never looks whole.
   */
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

/**
 * One database engine. The pipeline runner owns cancellation, progress and cleanup.
 * Every failure is an EngineError (engine-error.ts) with a protocol code and a sentence;
 * no message ever holds the connection's password.
 */
export interface Connector {
  readonly engine: DatabaseEngine;
  /** Connects and asks the version; never throws (AUTH_FAILED, DATABASE_NOT_FOUND, HOST_UNREACHABLE, TLS_REQUIRED, UNKNOWN). */
  testConnection(conn: DatabaseConnection): Promise<TestConnectionResult>;
  /**
   * Connects first (so a wrong password or missing database is named before any tool runs),
   * picks the client tool, and starts it. Rejects with UNSAFE_NAME, CLIENT_TOOL_MISSING,
   * CLIENT_TOOL_TOO_OLD or a connection code; aborting `signal` kills the tool (CANCELLED).
   */
  dump(conn: DatabaseConnection, options: { signal: AbortSignal }): Promise<DumpHandle>;
  /** Loads into `conn`'s database, which may differ from the one the dump came from. */
  restore(conn: DatabaseConnection, options: RestoreOptions): Promise<RestoreHandle>;
  /** For verification: create and drop a scratch database next to `conn`'s. */
  createScratch(conn: DatabaseConnection): Promise<DatabaseConnection>;
  dropScratch(conn: DatabaseConnection): Promise<void>;
  countRows(conn: DatabaseConnection): Promise<TableCount[]>;
}
