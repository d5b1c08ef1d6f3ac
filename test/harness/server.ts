import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { pino } from 'pino';
import { buildApp, createLogger, loadConfig, type App } from '../../apps/server/src/app.js';
import { artifactsDir, uniqueSuffix } from './paths.js';

export interface StartServerOptions {
  /**
   * The metadata store: unset = SQLite in the temporary data dir; `'postgres'` = a fresh
   * database created on the local PostgreSQL for this server and dropped by `stop()`.
   */
  store?: 'sqlite' | 'postgres';
  /** A PostgreSQL URL to use as it is (created and dropped by the caller); wins over `store`. */
  databaseUrl?: string;
  /** Extra environment for loadConfig (never PORT/HOST/data dir: the harness owns those). */
  env?: Record<string, string>;
}

export interface TestServer {
  url: string;
  app: App;
  dataDir: string;
  /** The SQLite file (when the store is SQLite). */
  sqlitePath: string;
  /** Every line the server logged, for debugging and for secret checks. */
  logPath: string;
  /** Closes the server and starts it again on the same port and data, as a redeploy would. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Starts the real server in this process on a random port with a temporary data dir and no
 * embedded agent (tests start their agents themselves). Its log goes to a file under artifacts/.
 */
export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rahatback-server-'));
  const pgDatabase =
    options.store === 'postgres' && options.databaseUrl === undefined
      ? `rahatback_test_${uniqueSuffix()}`
      : undefined;
  if (pgDatabase !== undefined) await adminQuery(`CREATE DATABASE ${pgDatabase}`);
  const databaseUrl =
    options.databaseUrl ??
    (pgDatabase === undefined ? undefined : `postgres://postgres@127.0.0.1:5432/${pgDatabase}`);
  const config = loadConfig({
    ...options.env,
    PORT: '0',
    HOST: '127.0.0.1',
    RAHATBACK_DATA_DIR: dataDir,
    RAHATBACK_EMBEDDED_AGENT: 'false',
    LOG_LEVEL: 'info',
    ...(databaseUrl === undefined ? {} : { RAHATBACK_DATABASE_URL: databaseUrl }),
  });
  const logPath = join(artifactsDir('integration'), `server-${uniqueSuffix()}.log`);
  const logger = createLogger('info', pino.destination({ dest: logPath, sync: true }));
  let app = await buildApp(config, { logger });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get app() {
      return app;
    },
    dataDir,
    sqlitePath: config.sqlitePath,
    logPath,
    async restart() {
      await app.close();
      app = await buildApp(config, { logger });
      await app.listen({ port, host: '127.0.0.1' });
    },
    async stop() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
      if (pgDatabase !== undefined)
        await adminQuery(`DROP DATABASE IF EXISTS ${pgDatabase} WITH (FORCE)`);
    },
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
