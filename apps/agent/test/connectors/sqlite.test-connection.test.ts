import Database from 'better-sqlite3';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseConnection } from '@rahatback/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConnector } from '../../src/connectors/registry.js';

const sqlite = getConnector('sqlite');
const file = (database: string): DatabaseConnection => ({
  engine: 'sqlite',
  host: '',
  port: null,
  username: '',
  password: '',
  database,
  options: {},
});

describe('SQLite connection test', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rb-sqlite-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('answers with the SQLite version for an existing database file', async () => {
    const path = join(dir, 'app.db');
    const db = new Database(path);
    db.exec('CREATE TABLE t (x)');
    db.close();
    const result = await sqlite.testConnection(file(path));
    expect(result.ok && result.serverVersion).toMatch(/^SQLite 3\.\d+\.\d+$/);
  });

  it('names a missing file and does not create it', async () => {
    const path = join(dir, 'missing.db');
    const result = await sqlite.testConnection(file(path));
    expect(result).toEqual({
      ok: false,
      code: 'DATABASE_NOT_FOUND',
      message: `the SQLite file ${path} does not exist on the agent's host (or cannot be opened): check the path`,
    });
    await expect(stat(path)).rejects.toThrow();
  });

  it('refuses a file that is not a database', async () => {
    const path = join(dir, 'notes.txt');
    await writeFile(path, 'just some text, long enough to not be a database header at all....');
    const result = await sqlite.testConnection(file(path));
    expect(result).toMatchObject({ ok: false, code: 'DATABASE_NOT_FOUND' });
    if (!result.ok) expect(result.message).toContain('is not a SQLite database');
  });
});
