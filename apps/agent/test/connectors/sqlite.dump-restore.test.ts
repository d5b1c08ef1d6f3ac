import Database from 'better-sqlite3';
import { chmod, readdir, stat, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../src/connectors/engine-error.js';
import { getConnector } from '../../src/connectors/registry.js';
import {
  createSqliteFixtureDatabase,
  createSqlitePath,
  fingerprintSqlite,
  sqliteConnection,
  type SqliteTestDatabase,
} from '../fixtures/sqlite-fixture.js';
import { dumpInto } from '../fixtures/stream-round-trip.js';

const sqlite = getConnector('sqlite');
const signal = () => new AbortController().signal;

describe('SQLite dump and restore', () => {
  let source: SqliteTestDatabase;
  let original: string;
  const made: SqliteTestDatabase[] = [];
  const freshPath = async () => {
    const db = await createSqlitePath('restored.db');
    made.push(db);
    return db;
  };

  beforeAll(async () => {
    source = await createSqliteFixtureDatabase({ wal: true });
    original = await fingerprintSqlite(source.path);
  });
  afterAll(async () => {
    await Promise.all([source.drop(), ...made.map((d) => d.drop())]);
  });

  it('restores a consistent copy of a database in WAL mode, equal by .dump', async () => {
    // A writer holds the source open, as a running application would.
    const writer = new Database(source.path);
    try {
      const target = await freshPath();
      const dump = await dumpInto(sqlite, source.connection, target.connection);
      expect(dump.extension).toBe('sqlite');
      expect(dump.serverVersion).toMatch(/^SQLite 3\./);
      // Before anything opens the copy (opening a WAL database adds its -wal and -shm files).
      expect(await readdir(target.dir)).toEqual(['restored.db']);
      expect(await fingerprintSqlite(target.path)).toBe(original);
      expect(original).toContain('CREATE TRIGGER customers_audit');
    } finally {
      writer.close();
    }
  });

  it('replaces an existing database file whole, keeping its permissions', async () => {
    const target = await freshPath();
    const old = new Database(target.path);
    old.exec('CREATE TABLE old_stuff (x); INSERT INTO old_stuff VALUES (1);');
    old.close();
    await chmod(target.path, 0o640);
    await dumpInto(sqlite, source.connection, target.connection);
    expect(await fingerprintSqlite(target.path)).toBe(original);
    expect((await stat(target.path)).mode & 0o777).toBe(0o640);
  });

  it('leaves the target untouched and no temporary file when the backup is not a database', async () => {
    const target = await freshPath();
    await writeFile(target.path, '');
    const before = new Database(target.path);
    before.exec('CREATE TABLE keep (x); INSERT INTO keep VALUES (42);');
    before.close();
    const kept = await fingerprintSqlite(target.path);
    const restore = await sqlite.restore(target.connection, {
      signal: signal(),
      dropExisting: false,
      extension: 'sqlite',
    });
    restore.stream.end(Buffer.from('this is not a database, just some bytes '.repeat(200)));
    const error = await restore.done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('RESTORE_FAILED');
    expect(await fingerprintSqlite(target.path)).toBe(kept);
    expect(await readdir(target.dir)).toEqual(['restored.db']);
  });

  it('removes the partial file when the restore is cancelled', async () => {
    const target = await freshPath();
    const controller = new AbortController();
    const restore = await sqlite.restore(target.connection, {
      signal: controller.signal,
      dropExisting: false,
      extension: 'sqlite',
    });
    restore.stream.write(Buffer.alloc(4096));
    controller.abort();
    await expect(restore.done).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await readdir(target.dir)).toEqual([]);
  });

  it('names a missing source file', async () => {
    await expect(
      sqlite.dump(sqliteConnection('/nonexistent/rb/app.db'), { signal: signal() }),
    ).rejects.toMatchObject({
      code: 'DATABASE_NOT_FOUND',
    });
  });

  it('counts rows and verifies into a scratch file it then removes', async () => {
    const scratch = await sqlite.createScratch(source.connection);
    try {
      await dumpInto(sqlite, source.connection, scratch);
      expect(await sqlite.countRows(scratch)).toEqual([
        { table: 'audit', rows: 500 },
        { table: 'customers', rows: 500 },
      ]);
    } finally {
      await sqlite.dropScratch(scratch);
    }
    await expect(stat(scratch.database)).rejects.toThrow();
  });
});
