import type { DatabaseConnection, TestConnectionResult } from '@rahatback/protocol';
import type { Connector } from '../connector.types.js';
import { elapsedSince, toFailedTest } from '../connection.js';
import { createSqliteDump } from './sqlite.dump.js';
import { createSqliteRestore } from './sqlite.restore.js';
import { sqliteVersion, withSqlite } from './sqlite.client.js';
import { countSqliteRows, createSqliteScratch, dropSqliteScratch } from './sqlite.scratch.js';

async function testSqlite(conn: DatabaseConnection): Promise<TestConnectionResult> {
  const start = performance.now();
  try {
    const serverVersion = await withSqlite(conn.database, sqliteVersion);
    return { ok: true, serverVersion, latencyMs: elapsedSince(start) };
  } catch (error) {
    return toFailedTest(error);
  }
}

/** A SQLite file on the agent's host, read and written in-process with better-sqlite3. */
export function createSqliteConnector(): Connector {
  return {
    engine: 'sqlite',
    testConnection: testSqlite,
    dump: createSqliteDump,
    restore: createSqliteRestore,
    createScratch: createSqliteScratch,
    dropScratch: dropSqliteScratch,
    countRows: countSqliteRows,
  };
}
