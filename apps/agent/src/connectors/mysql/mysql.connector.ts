import type { DatabaseConnection, TestConnectionResult } from '@rahatback/protocol';
import type { Connector } from '../connector.types.js';
import { elapsedSince, toFailedTest } from '../connection.js';
import { mysqlServerVersion, withMysql } from './mysql.client.js';
import { createMysqlDump } from './mysql.dump.js';
import { createMysqlRestore } from './mysql.restore.js';
import { countMysqlRows, createMysqlScratch, dropMysqlScratch } from './mysql.scratch.js';

async function testMysql(conn: DatabaseConnection): Promise<TestConnectionResult> {
  const start = performance.now();
  try {
    const serverVersion = await withMysql(conn, mysqlServerVersion);
    return { ok: true, serverVersion, latencyMs: elapsedSince(start) };
  } catch (error) {
    return toFailedTest(error);
  }
}

/**
 * MySQL and MariaDB through `mysql2` for questions and the dump/client tools for data;
 * one implementation serves both engines, which differ only in the tools' names.
 */
export function createMysqlConnector(engine: 'mysql' | 'mariadb'): Connector {
  return {
    engine,
    testConnection: testMysql,
    dump: createMysqlDump,
    restore: createMysqlRestore,
    createScratch: createMysqlScratch,
    dropScratch: dropMysqlScratch,
    countRows: countMysqlRows,
  };
}
