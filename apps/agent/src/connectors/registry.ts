import type { DatabaseEngine } from '@rahatback/protocol';
import type { Connector } from './connector.types.js';
import { createMysqlConnector } from './mysql/mysql.connector.js';
import { createPostgresConnector } from './postgres/postgres.connector.js';
import { createSqliteConnector } from './sqlite/sqlite.connector.js';

export interface ConnectorOptions {
  /** Where to look first for pg_dump, pg_restore and psql (the agent's `pgBinDir`). */
  pgBinDir?: string;
}

/**
 * One connector per engine of the protocol. Typed as a full Record so that an engine added
 * to `DatabaseEngine` does not compile until it has a connector here.
 */
export function createConnectors(
  options: ConnectorOptions = {},
): Record<DatabaseEngine, Connector> {
  return {
    postgresql: createPostgresConnector({ pgBinDir: options.pgBinDir }),
    mysql: createMysqlConnector('mysql'),
    mariadb: createMysqlConnector('mariadb'),
    sqlite: createSqliteConnector(),
  };
}

const defaultConnectors = createConnectors();

/** The connector for `engine`; pass options only to override the agent-level defaults. */
export function getConnector(engine: DatabaseEngine, options?: ConnectorOptions): Connector {
  return options === undefined ? defaultConnectors[engine] : createConnectors(options)[engine];
}
