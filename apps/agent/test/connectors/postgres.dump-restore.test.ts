import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConnector } from '../../src/connectors/registry.js';
import { EngineError } from '../../src/connectors/engine-error.js';
import {
  createEmptyPgDatabase,
  createPgFixtureDatabase,
  fingerprintPg,
  pgConnection,
  type PgFingerprint,
  type PgTestDatabase,
} from '../fixtures/pg-fixture.js';
import { dumpInto, drain } from '../fixtures/stream-round-trip.js';
import { fakeToolDir } from '../fixtures/fake-tool.js';

const postgres = getConnector('postgresql');

describe('PostgreSQL dump and restore', () => {
  let source: PgTestDatabase;
  let original: PgFingerprint;
  const targets: PgTestDatabase[] = [];
  const freshTarget = async () => {
    const db = await createEmptyPgDatabase('rb_target');
    targets.push(db);
    return db;
  };

  beforeAll(async () => {
    source = await createPgFixtureDatabase();
    original = await fingerprintPg(source.name);
  });
  afterAll(async () => {
    await Promise.all([source.drop(), ...targets.map((t) => t.drop())]);
  });

  it('restores a custom-format dump into another database with every table, sequence, index, view and function', async () => {
    const target = await freshTarget();
    const dump = await dumpInto(postgres, source.connection, target.connection);
    expect(dump.extension).toBe('dump');
    expect(dump.serverVersion).toMatch(/^PostgreSQL 15\./);
    expect(dump.clientToolVersion).toMatch(/^pg_dump \(PostgreSQL\) 1\d\./);
    const copy = await fingerprintPg(target.name);
    expect(copy).toEqual(original);
    expect(copy.sequences['shop.invoice_numbers']).toBe('4242');
    expect(copy.tables['shop.customers']?.rows).toBe(500);
  });

  it('restores a plain SQL dump with psql', async () => {
    const target = await freshTarget();
    const plain = { ...source.connection, options: { dumpFormat: 'plain' as const } };
    const dump = await dumpInto(postgres, plain, target.connection);
    expect(dump.extension).toBe('sql');
    expect(await fingerprintPg(target.name)).toEqual(original);
  });

  it('replaces existing objects when asked to drop them first', async () => {
    const target = await freshTarget();
    await dumpInto(postgres, source.connection, target.connection);
    await dumpInto(postgres, source.connection, target.connection, { dropExisting: true });
    expect(await fingerprintPg(target.name)).toEqual(original);
  });

  it('fails a restore over existing objects without dropping, and leaves the target as it was', async () => {
    const target = await freshTarget();
    await dumpInto(postgres, source.connection, target.connection);
    const error = await dumpInto(postgres, source.connection, target.connection).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('RESTORE_FAILED');
    expect((error as EngineError).message).toMatch(
      /^pg_restore exited with code 1: .*already exists/,
    );
    expect(await fingerprintPg(target.name)).toEqual(original);
  });

  it('dumps and restores databases whose names hold spaces, quotes and non-ASCII letters', async () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const from = `rb odd "src" ünï '${suffix}`;
    const to = `rb odd "dst" ğüş '${suffix}`;
    const admin = new pg.Client({
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      database: 'postgres',
    });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(from)}`);
      await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(to)}`);
      const seed = new pg.Client({
        host: '127.0.0.1',
        port: 5432,
        user: 'postgres',
        database: from,
      });
      await seed.connect();
      await seed.query(`CREATE TABLE t (x text); INSERT INTO t VALUES ('a'), ('b')`);
      await seed.end();
      await dumpInto(postgres, pgConnection(from), pgConnection(to));
      expect(await fingerprintPg(to)).toEqual(await fingerprintPg(from));
    } finally {
      for (const name of [from, to])
        await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('counts the rows of every table, and verifies into a scratch database it then drops', async () => {
    const scratch = await postgres.createScratch(source.connection);
    expect(scratch.database).toMatch(/^rahatback_verify_[0-9a-f]{12}$/);
    try {
      await dumpInto(postgres, source.connection, scratch);
      expect(await postgres.countRows(scratch)).toEqual([
        { table: 'public.empty_table', rows: 0 },
        { table: 'shop.customers', rows: 500 },
        { table: 'shop.notes', rows: 5 },
      ]);
    } finally {
      await postgres.dropScratch(scratch);
    }
    const gone = await postgres.testConnection(scratch);
    expect(gone).toMatchObject({ ok: false, code: 'DATABASE_NOT_FOUND' });
  });

  it('refuses to drop a database that is not a scratch database', async () => {
    await expect(postgres.dropScratch(source.connection)).rejects.toMatchObject({
      code: 'UNSAFE_NAME',
    });
  });

  it('names a missing database before starting pg_dump', async () => {
    await expect(
      postgres.dump(pgConnection('rb_missing_db_x3'), { signal: new AbortController().signal }),
    ).rejects.toMatchObject({ code: 'DATABASE_NOT_FOUND' });
  });

  it.each([
    ['postgresql://evil@host/db', /connection URI/],
    ['postgres://x', /connection URI/],
    ['dbname=other host=evil', /contains "="/],
    ['-Fp', /starts with "-"/],
  ])('refuses the hostile database name %s', async (name, reason) => {
    const signal = new AbortController().signal;
    const conn = pgConnection(name);
    const error = await postgres.dump(conn, { signal }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'UNSAFE_NAME',
      message: expect.stringMatching(reason) as unknown,
    });
    await expect(
      postgres.restore(conn, { signal, dropExisting: false, extension: 'dump' }),
    ).rejects.toMatchObject({ code: 'UNSAFE_NAME' });
  });

  it('fails with DUMP_FAILED and the last stderr lines when pg_dump dies midway', async () => {
    const fake = await fakeToolDir({
      pg_dump: [
        'if [ "$1" = "--version" ]; then echo "pg_dump (PostgreSQL) 15.20"; exit 0; fi',
        'printf "PGDMP-partial-bytes"',
        'echo "pg_dump: error: query failed: server closed the connection unexpectedly" >&2',
        'echo "pg_dump: detail: password was $PGPASSWORD" >&2',
        'exit 1',
      ].join('\n'),
    });
    try {
      const connector = getConnector('postgresql', { pgBinDir: fake.dir });
      const conn = { ...source.connection, password: 'Canary-Pg-5be1' };
      const dump = await connector.dump(conn, { signal: new AbortController().signal });
      const [body, outcome] = await Promise.all([
        drain(dump.stream).catch((e: unknown) => e),
        dump.done.catch((e: unknown) => e),
      ]);
      expect(body).toBeInstanceOf(EngineError); // the stream errors instead of ending cleanly
      expect(outcome).toBeInstanceOf(EngineError);
      const error = outcome as EngineError;
      expect(error.code).toBe('DUMP_FAILED');
      expect(error.message).toContain('pg_dump exited with code 1');
      expect(error.message).toContain('server closed the connection unexpectedly');
      expect(error.message).not.toContain('Canary-Pg-5be1');
      expect(error.logTail.join('\n')).not.toContain('Canary-Pg-5be1');
    } finally {
      await fake.remove();
    }
  });

  it('refuses a pg_dump older than the server before dumping', async () => {
    const fake = await fakeToolDir({
      pg_dump: 'echo "pg_dump (PostgreSQL) 14.11"; exit 0',
    });
    try {
      const connector = getConnector('postgresql', { pgBinDir: fake.dir });
      await expect(
        connector.dump(source.connection, { signal: new AbortController().signal }),
      ).rejects.toMatchObject({
        code: 'CLIENT_TOOL_TOO_OLD',
        message: expect.stringMatching(
          /^pg_dump 14 cannot dump a PostgreSQL 15 server; install postgresql-client-15/,
        ) as unknown,
      });
    } finally {
      await fake.remove();
    }
  });

  it('stops pg_restore when the task is cancelled midway, leaving the target empty', async () => {
    const target = await freshTarget();
    const controller = new AbortController();
    const dump = await postgres.dump(source.connection, { signal: new AbortController().signal });
    const whole = await drain(dump.stream);
    await dump.done;
    const restore = await postgres.restore(target.connection, {
      signal: controller.signal,
      dropExisting: false,
      extension: 'dump',
    });
    restore.stream.write(whole.subarray(0, Math.floor(whole.length / 2)));
    controller.abort();
    await expect(restore.done).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await fingerprintPg(target.name)).tables).toEqual({});
  });

  it('says which package to install when PG_BIN_DIR holds no pg_dump', async () => {
    const empty = await fakeToolDir({});
    try {
      const connector = getConnector('postgresql', { pgBinDir: empty.dir });
      await expect(
        connector.dump(source.connection, { signal: new AbortController().signal }),
      ).rejects.toMatchObject({
        code: 'CLIENT_TOOL_MISSING',
        message: `pg_dump was not found in ${empty.dir}: install postgresql-client-15 on the agent's host or set PG_BIN_DIR`,
      });
    } finally {
      await empty.remove();
    }
  });

  it('stops pg_dump when the task is cancelled', async () => {
    const controller = new AbortController();
    const dump = await postgres.dump(source.connection, { signal: controller.signal });
    controller.abort();
    await expect(dump.done).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
