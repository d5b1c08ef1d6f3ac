import type { DatabaseEngine } from '@rahatback/protocol';
import { toolEnvironment } from '../config.js';
import type { ToolEnvironment } from './child-process.js';
import type { Connector } from './connector.types.js';

export interface ConnectorOptions {
  /** Where to look first for pg_dump, pg_restore and psql (the agent's `pgBinDir`). */
  pgBinDir?: string | undefined;
  /** Where client tools are searched and what they start with; by default from the agent's environment. */
  tools?: ToolEnvironment;
}

type ConnectorLoader = (
  options: ConnectorOptions & { tools: ToolEnvironment },
) => Promise<Connector>;

/**
 * How to load each engine of the protocol. An engine's module (and its driver: pg, mysql2,
 * better-sqlite3) is imported when that engine is first used: loading them all costs tens of
 * megabytes and half a second that a run backing up one PostgreSQL database never needs.
 * A full Record, so an engine added to `DatabaseEngine` does not compile until it has one.
 */
const loaders: Record<DatabaseEngine, ConnectorLoader> = {
  postgresql: async ({ pgBinDir, tools }) =>
    (await import('./postgres/postgres.connector.js')).createPostgresConnector({ pgBinDir, tools }),
  mysql: async ({ tools }) =>
    (await import('./mysql/mysql.connector.js')).createMysqlConnector('mysql', tools),
  mariadb: async ({ tools }) =>
    (await import('./mysql/mysql.connector.js')).createMysqlConnector('mariadb', tools),
  sqlite: async () => (await import('./sqlite/sqlite.connector.js')).createSqliteConnector(),
};

/** A connector that imports its engine's module on the first call of any method. */
function lazyConnector(engine: DatabaseEngine, load: () => Promise<Connector>): Connector {
  let loading: Promise<Connector> | undefined;
  const real = (): Promise<Connector> => {
    // A failed import is retried on the next call rather than remembered.
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  return {
    engine,
    testConnection: async (conn) => (await real()).testConnection(conn),
    dump: async (conn, options) => (await real()).dump(conn, options),
    restore: async (conn, options) => (await real()).restore(conn, options),
    createScratch: async (conn) => (await real()).createScratch(conn),
    dropScratch: async (conn) => (await real()).dropScratch(conn),
    countRows: async (conn) => (await real()).countRows(conn),
  };
}

/** One connector per engine of the protocol; nothing is imported until one is used. */
export function createConnectors(
  options: ConnectorOptions = {},
): Record<DatabaseEngine, Connector> {
  const resolved = { ...options, tools: options.tools ?? toolEnvironment() };
  const entries = (Object.keys(loaders) as DatabaseEngine[]).map(
    (engine) => [engine, lazyConnector(engine, () => loaders[engine](resolved))] as const,
  );
  return Object.fromEntries(entries) as Record<DatabaseEngine, Connector>;
}

const defaultConnectors = createConnectors();

/** The connector for `engine`; pass options only to override the agent-level defaults. */
export function getConnector(engine: DatabaseEngine, options?: ConnectorOptions): Connector {
  return options === undefined ? defaultConnectors[engine] : createConnectors(options)[engine];
}
