import type { DatabaseConnection, TestConnectionResult } from '@rahatback/protocol';
import type { ToolEnvironment } from '../child-process.js';
import type { Connector } from '../connector.types.js';
import { runConnectionTest } from '../connection.js';
import { MYSQL_DEFAULT_PORT, mysqlLabel } from './mysql.errors.js';
import { mysqlServerVersion, withMysql } from './mysql.client.js';
import { createMysqlDump } from './mysql.dump.js';
import { createMysqlRestore } from './mysql.restore.js';
import { countMysqlRows, createMysqlScratch, dropMysqlScratch } from './mysql.scratch.js';

function testMysql(conn: DatabaseConnection): Promise<TestConnectionResult> {
  return runConnectionTest(conn, { label: mysqlLabel(conn), defaultPort: MYSQL_DEFAULT_PORT }, () =>
    withMysql(conn, mysqlServerVersion),
  );
}

/**
 * MySQL and MariaDB through `mysql2` for questions and the dump/client tools for data;
 * one implementation serves both engines, which differ only in the tools' names.
 */
export function createMysqlConnector(
  engine: 'mysql' | 'mariadb',
  tools: ToolEnvironment,
): Connector {
  return {
    engine,
    testConnection: testMysql,
    dump: (conn, { signal }) => createMysqlDump(conn, { signal, tools }),
    restore: (conn, options) => createMysqlRestore(conn, { ...options, tools }),
    createScratch: createMysqlScratch,
    dropScratch: dropMysqlScratch,
    countRows: countMysqlRows,
  };
}
