import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { SessionResponse } from '@rahatback/protocol';
import pg from 'pg';
import { buildApp, createLogger, loadConfig, type App } from '../src/app.js';

export const PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function makeTempDir(prefix = 'rahatback-server-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A PostgreSQL database of its own for one test file, dropped afterwards. */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `rb_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Collects every log line the app writes, to check that no secret is among them. */
export function captureLogs(): { stream: Writable; text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

export interface TestApp {
  app: App;
  dataDir: string;
  logs(): string;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const temp = makeTempDir();
  const captured = captureLogs();
  const config = loadConfig({
    RAHATBACK_DATA_DIR: temp.dir,
    PORT: '0',
    RAHATBACK_EMBEDDED_AGENT: 'false',
    RAHATBACK_WEB_DIR: join(temp.dir, 'no-web'),
    LOG_LEVEL: 'debug',
    ...env,
  });
  const app = await buildApp(config, { logger: createLogger('debug', captured.stream) });
  return {
    app,
    dataDir: temp.dir,
    logs: () => captured.text(),
    async close() {
      await app.close();
      temp.remove();
    },
  };
}

export async function registerAccount(
  app: App,
  email: string,
  name = 'Test User',
): Promise<SessionResponse> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email, password: 'correct horse battery', name },
  });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  return res.json<SessionResponse>();
}

export const bearer = (session: { token: string }) => ({
  authorization: `Bearer ${session.token}`,
});

/** Creates an enrollment token as `owner` and trades it, as `rahatback-agent enroll` does. */
export async function enrollAgent(
  app: App,
  owner: SessionResponse,
  name = 'laptop',
): Promise<{ agentId: string; credential: string }> {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/agents/enrollment-tokens',
    headers: bearer(owner),
    payload: { name },
  });
  const { token } = created.json<{ token: string }>();
  const enrolled = await app.inject({
    method: 'POST',
    url: '/api/v1/agents/enroll',
    payload: { token, hostname: 'host-1', agentVersion: '0.1.0' },
  });
  if (enrolled.statusCode !== 201) throw new Error(`enroll failed: ${enrolled.body}`);
  return enrolled.json<{ agentId: string; credential: string }>();
}

/** One metadata store a test app can run on; `env` creates it, `drop` removes it. */
export interface AppStore {
  name: string;
  env: () => Promise<{ env: Record<string, string>; drop: () => Promise<void> }>;
}

/** Both metadata stores, so a suite runs once on SQLite and once on its own PostgreSQL database. */
export function appStores(postgresName = 'PostgreSQL'): AppStore[] {
  return [
    { name: 'SQLite', env: () => Promise.resolve({ env: {}, drop: () => Promise.resolve() }) },
    {
      name: postgresName,
      env: async () => {
        const pg = await createPgDatabase();
        return { env: { RAHATBACK_DATABASE_URL: pg.url }, drop: () => pg.drop() };
      },
    },
  ];
}

/** Runs are started by hand, and a silent agent is given up on within about a second. */
export const MANUAL_RUNS_ENV = {
  RAHATBACK_SCHEDULER: 'false',
  RAHATBACK_RUN_SWEEP_INTERVAL_MS: '200',
  RAHATBACK_AGENT_GRACE_SECONDS: '1',
};
