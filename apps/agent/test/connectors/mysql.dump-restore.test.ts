import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConnector } from '../../src/connectors/registry.js';
import { EngineError } from '../../src/connectors/engine-error.js';
import {
  createEmptyMysqlDatabase,
  createMysqlFixtureDatabase,
  fingerprintMysql,
  mysqlConnection,
  type MysqlFingerprint,
  type MysqlTestDatabase,
} from '../fixtures/mysql-fixture.js';
import mysql from 'mysql2/promise';
import { MYSQL_ROOT, createMysqlUser } from '../fixtures/mysql-admin.js';
import { drain, dumpInto } from '../fixtures/stream-round-trip.js';
import { waitForChild } from '../fixtures/child-command-lines.js';

const mariadb = getConnector('mariadb');
const CANARY = 'Canary-Dump-Pw-4c81e';

describe('MariaDB dump and restore', () => {
  let source: MysqlTestDatabase;
  let original: MysqlFingerprint;
  const targets: MysqlTestDatabase[] = [];
  const freshTarget = async () => {
    const db = await createEmptyMysqlDatabase('rb_target');
    targets.push(db);
    return db;
  };

  beforeAll(async () => {
    source = await createMysqlFixtureDatabase();
    original = await fingerprintMysql(source.name);
  });
  afterAll(async () => {
    await Promise.all([source.drop(), ...targets.map((t) => t.drop())]);
  });

  it('restores into another database with equal CHECKSUM TABLE, views, triggers, routines and events', async () => {
    const target = await freshTarget();
    const dump = await dumpInto(mariadb, source.connection, target.connection);
    expect(dump.extension).toBe('sql');
    expect(dump.serverVersion).toMatch(/^MariaDB \d+\.\d+\.\d+$/);
    expect(dump.clientToolVersion).toMatch(/mariadb-dump|mysqldump/);
    const copy = await fingerprintMysql(target.name);
    expect(copy).toEqual(original);
    expect(copy.tables['customers']?.rows).toBe(500);
    expect(copy.objects).toEqual([
      'event nightly',
      'routine count_customers',
      'trigger customers_audit',
      'view rich_customers',
    ]);
  });

  it('restores over an existing copy, replacing its tables', async () => {
    const target = await freshTarget();
    await dumpInto(mariadb, source.connection, target.connection);
    await dumpInto(mariadb, source.connection, target.connection, { dropExisting: true });
    expect(await fingerprintMysql(target.name)).toEqual(original);
  });

  it('dumps and restores databases whose names hold spaces, quotes, backticks and non-ASCII letters', async () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const from = `rb odd \`src\` "ü" ${suffix}`;
    const to = `rb odd 'dst' ğ ${suffix}`;
    const quote = (name: string) => `\`${name.replaceAll('`', '``')}\``;
    const admin = await mysql.createConnection({ ...MYSQL_ROOT, multipleStatements: true });
    try {
      await admin.query(
        `CREATE DATABASE ${quote(from)}; CREATE DATABASE ${quote(to)}; CREATE TABLE ${quote(from)}.t (x TEXT); INSERT INTO ${quote(from)}.t VALUES ('a'), ('b');`,
      );
      await dumpInto(mariadb, mysqlConnection(from), mysqlConnection(to));
      expect(await fingerprintMysql(to)).toEqual(await fingerprintMysql(from));
      expect((await fingerprintMysql(to)).tables['t']?.rows).toBe(2);
    } finally {
      await admin.query(
        `DROP DATABASE IF EXISTS ${quote(from)}; DROP DATABASE IF EXISTS ${quote(to)};`,
      );
      await admin.end();
    }
  });

  it('counts rows and verifies into a scratch database it then drops', async () => {
    const scratch = await mariadb.createScratch(source.connection);
    try {
      await dumpInto(mariadb, source.connection, scratch);
      expect(await mariadb.countRows(scratch)).toEqual([
        { table: 'audit', rows: 500 },
        { table: 'customers', rows: 500 },
        { table: 'notes', rows: 5 },
      ]);
    } finally {
      await mariadb.dropScratch(scratch);
    }
    expect(await mariadb.testConnection(scratch)).toMatchObject({
      ok: false,
      code: 'DATABASE_NOT_FOUND',
    });
  });

  it('never puts the password in a child command line or an error message', async () => {
    const user = await createMysqlUser(CANARY);
    try {
      const conn = mysqlConnection(source.name, { username: user.user, password: CANARY });
      // A write lock held elsewhere keeps the dump tool waiting, alive, while we look at it.
      const locker = await mysql.createConnection({ ...MYSQL_ROOT, database: source.name });
      await locker.query('LOCK TABLES customers WRITE');
      try {
        const dump = await mariadb.dump(conn, { signal: new AbortController().signal });
        const commandLines = await waitForChild(/mariadb-dump|mysqldump/, dump.done);
        for (const line of commandLines) expect(line).not.toContain(CANARY);
        await locker.query('UNLOCK TABLES');
        await Promise.all([drain(dump.stream), dump.done]);
      } finally {
        await locker.end();
      }

      // A restore that fails (garbage SQL) reports the tool's words, not the password.
      const target = await freshTarget();
      const restore = await mariadb.restore(
        mysqlConnection(target.name, { username: user.user, password: CANARY }),
        {
          signal: new AbortController().signal,
          dropExisting: false,
          extension: 'sql',
        },
      );
      restore.stream.end(`SELECT '${CANARY}' FROM no_such_table;\n`);
      const error = (await restore.done.catch((e: unknown) => e)) as EngineError;
      expect(error).toBeInstanceOf(EngineError);
      expect(error.code).toBe('RESTORE_FAILED');
      expect(error.message).toMatch(/exited with code 1: .*no_such_table/);
      expect(error.message).not.toContain(CANARY);
      expect(error.logTail.join('\n')).not.toContain(CANARY);

      const wrong = await mariadb
        .dump({ ...conn, password: `${CANARY}x` }, { signal: new AbortController().signal })
        .catch((e: unknown) => e);
      expect(wrong).toMatchObject({ code: 'AUTH_FAILED' });
      expect((wrong as Error).message).not.toContain(CANARY);
    } finally {
      await user.drop();
    }
  });

  it.each(['-e', '--databases=mysql'])('refuses the hostile database name %s', async (name) => {
    const signal = new AbortController().signal;
    await expect(mariadb.dump(mysqlConnection(name), { signal })).rejects.toMatchObject({
      code: 'UNSAFE_NAME',
    });
    await expect(
      mariadb.restore(mysqlConnection(name), { signal, dropExisting: false, extension: 'sql' }),
    ).rejects.toMatchObject({ code: 'UNSAFE_NAME' });
  });

  it('stops the dump tool when the task is cancelled', async () => {
    const controller = new AbortController();
    const dump = await mariadb.dump(source.connection, { signal: controller.signal });
    controller.abort();
    await expect(dump.done).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
