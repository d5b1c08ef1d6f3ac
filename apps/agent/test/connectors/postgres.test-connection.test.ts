import pg from 'pg';
import type { DatabaseConnection } from '@rahatback/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConnector } from '../../src/connectors/registry.js';
import { closedPort } from '../fixtures/free-port.js';
import { waitForChild } from '../fixtures/child-command-lines.js';
import { drain } from '../fixtures/stream-round-trip.js';
import { startSilentServer } from '../fixtures/silent-server.js';
import { startPrivateCluster, type PrivateCluster } from '../fixtures/pg-private-cluster.js';

const postgres = getConnector('postgresql');

const local = (overrides: Partial<DatabaseConnection> = {}): DatabaseConnection => ({
  engine: 'postgresql',
  host: '127.0.0.1',
  port: 5432,
  username: 'postgres',
  password: '',
  database: 'postgres',
  options: {},
  ...overrides,
});

describe('PostgreSQL connection test', () => {
  it('answers with the server version and the latency', async () => {
    const result = await postgres.testConnection(local());
    expect(result.ok && result.serverVersion).toMatch(/^PostgreSQL 1\d\.\d+$/);
    if (result.ok) expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('names a missing database', async () => {
    const result = await postgres.testConnection(local({ database: 'rb_no_such_db_x1' }));
    expect(result).toEqual({
      ok: false,
      code: 'DATABASE_NOT_FOUND',
      message:
        'database "rb_no_such_db_x1" does not exist on this server: check the name or create it',
    });
  });

  it('reports a closed port as unreachable', async () => {
    const port = await closedPort();
    const result = await postgres.testConnection(local({ port }));
    expect(result).toEqual({
      ok: false,
      code: 'HOST_UNREACHABLE',
      message: `PostgreSQL at 127.0.0.1:${port} refused the connection: check the host and port, and that the server accepts TCP connections`,
    });
  });

  it('reports an unknown host name as unreachable', async () => {
    const result = await postgres.testConnection(local({ host: 'no-such-host.invalid' }));
    expect(result).toMatchObject({ ok: false, code: 'HOST_UNREACHABLE' });
  });

  it('gives up on a server that never answers after the connect timeout', async () => {
    const silent = await startSilentServer();
    try {
      const started = Date.now();
      const result = await postgres.testConnection(
        local({ port: silent.port, options: { connectTimeoutSeconds: 1 } }),
      );
      expect(result).toMatchObject({ ok: false, code: 'HOST_UNREACHABLE' });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await silent.close();
    }
  });
});

describe('PostgreSQL connection test against a cluster that checks passwords', () => {
  let cluster: PrivateCluster;
  beforeAll(async () => {
    cluster = await startPrivateCluster();
  });
  afterAll(async () => {
    await cluster.stop();
  });

  it('accepts the right password', async () => {
    const result = await postgres.testConnection(
      local({ port: cluster.port, password: cluster.password }),
    );
    expect(result.ok).toBe(true);
  });

  it('says the password is wrong without repeating it', async () => {
    const canary = 'Canary-Pw-7f3a9';
    const result = await postgres.testConnection(local({ port: cluster.port, password: canary }));
    expect(result).toEqual({
      ok: false,
      code: 'AUTH_FAILED',
      message:
        'password authentication failed for user "postgres": check the username and password',
    });
  });

  it('dumps with the password in the environment only, and names a wrong one before dumping', async () => {
    const conn = local({ port: cluster.port, password: cluster.password });
    // A lock held elsewhere keeps pg_dump waiting, alive, while we look at its command line.
    const locker = new pg.Client({
      host: '127.0.0.1',
      port: cluster.port,
      user: 'postgres',
      password: cluster.password,
      database: 'postgres',
    });
    await locker.connect();
    try {
      await locker.query(
        'CREATE TABLE IF NOT EXISTS held (x int); BEGIN; LOCK TABLE held IN ACCESS EXCLUSIVE MODE',
      );
      const dump = await postgres.dump(conn, { signal: new AbortController().signal });
      const commandLines = await waitForChild(/pg_dump/, dump.done);
      for (const line of commandLines) expect(line).not.toContain(cluster.password);
      await locker.query('COMMIT');
      expect((await drain(dump.stream)).subarray(0, 5).toString()).toBe('PGDMP');
      await dump.done;
    } finally {
      await locker.end();
    }
    const wrong = await postgres
      .dump({ ...conn, password: 'Canary-Pg-wrong-1' }, { signal: new AbortController().signal })
      .catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: 'AUTH_FAILED' });
    expect((wrong as Error).message).not.toContain('Canary-Pg-wrong-1');
  });

  it('says a password is needed when none is given', async () => {
    const result = await postgres.testConnection(local({ port: cluster.port, password: '' }));
    expect(result).toMatchObject({ ok: false, code: 'AUTH_FAILED' });
  });
});

describe('PostgreSQL connection test against a TLS-only cluster', () => {
  let cluster: PrivateCluster;
  beforeAll(async () => {
    cluster = await startPrivateCluster({ sslOnly: true });
  });
  afterAll(async () => {
    await cluster.stop();
  });

  it('says TLS is required when SSL is disabled', async () => {
    const result = await postgres.testConnection(
      local({ port: cluster.port, password: cluster.password, options: { sslMode: 'disable' } }),
    );
    expect(result).toEqual({
      ok: false,
      code: 'TLS_REQUIRED',
      message: `PostgreSQL at 127.0.0.1:${cluster.port} accepts only encrypted connections: set the SSL mode to "require" (or "verify-full")`,
    });
  });

  it('explains a certificate the agent cannot verify with SSL mode verify-full', async () => {
    const result = await postgres.testConnection(
      local({
        port: cluster.port,
        password: cluster.password,
        options: { sslMode: 'verify-full' },
      }),
    );
    expect(result).toMatchObject({ ok: false, code: 'UNKNOWN' });
    if (!result.ok) expect(result.message).toMatch(/certificate.*verify-full/);
  });

  it('connects with SSL mode require, and with the default (prefer)', async () => {
    const conn = local({ port: cluster.port, password: cluster.password });
    expect((await postgres.testConnection({ ...conn, options: { sslMode: 'require' } })).ok).toBe(
      true,
    );
    expect((await postgres.testConnection(conn)).ok).toBe(true);
  });
});
