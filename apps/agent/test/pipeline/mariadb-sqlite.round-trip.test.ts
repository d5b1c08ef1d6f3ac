import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BackupRequest,
  Compression,
  DatabaseConnection,
  StorageKind,
} from '@rahatback/protocol';
import { getConnector } from '../../src/connectors/registry.js';
import { createStorageDriver } from '../../src/storage/registry.js';
import { runBackup } from '../../src/pipeline/backup-runner.js';
import { runRestore } from '../../src/pipeline/restore-runner.js';
import {
  createEmptyMysqlDatabase,
  createMysqlFixtureDatabase,
  fingerprintMysql,
  type MysqlTestDatabase,
} from '../fixtures/mysql-fixture.js';
import {
  createSqliteFixtureDatabase,
  createSqlitePath,
  fingerprintSqlite,
  type SqliteTestDatabase,
} from '../fixtures/sqlite-fixture.js';
import { makeDestination, type TestDestination } from './helpers/destinations.js';

const deps = { connectors: getConnector, storage: createStorageDriver };

interface Cell {
  kind: StorageKind;
  compression: Compression;
  isEncrypted: boolean;
}

/** Backs `database` up into `destination`, restores it into `target`; returns the object key. */
async function roundTrip(
  database: DatabaseConnection,
  target: DatabaseConnection,
  destination: TestDestination,
  cell: Cell,
): Promise<string> {
  const runId = `x${Math.random().toString(36).slice(2, 10)}`;
  const passphrase = `passphrase ${runId}`;
  const request: BackupRequest = {
    runId,
    label: 'app',
    database,
    destinations: [{ storageId: cell.kind, target: destination.target }],
    compression: cell.compression,
    encryption: cell.isEncrypted ? { passphrase } : null,
  };
  const backup = await runBackup(request, deps);
  expect(backup.error).toBeUndefined();
  const key = backup.objectKey ?? '';
  const restored = await runRestore(
    {
      restoreId: runId,
      source: { target: destination.target, objectKey: key, expectedSha256: backup.sha256 },
      ...(cell.isEncrypted ? { passphrase } : {}),
      database: target,
      dropExisting: false,
      mode: 'restore',
    },
    deps,
  );
  expect(restored.error).toBeUndefined();
  expect(restored.status).toBe('success');
  return key;
}

const cells: Cell[] = [
  { kind: 'local', compression: { algorithm: 'zstd' }, isEncrypted: true },
  { kind: 'local', compression: { algorithm: 'gzip', level: 1 }, isEncrypted: false },
];

describe('MariaDB round trips', () => {
  const engineCells: Cell[] = [
    ...cells,
    { kind: 'sftp', compression: { algorithm: 'zstd', level: 1 }, isEncrypted: true },
  ];
  let source: MysqlTestDatabase;
  let expected: Awaited<ReturnType<typeof fingerprintMysql>>;
  const destinations = new Map<StorageKind, TestDestination>();
  beforeAll(async () => {
    source = await createMysqlFixtureDatabase();
    expected = await fingerprintMysql(source.name);
    for (const kind of new Set(engineCells.map((c) => c.kind)))
      destinations.set(kind, await makeDestination(kind, `maria-${kind}`));
  }, 180_000);
  afterAll(async () => {
    await source?.drop();
    await Promise.all([...destinations.values()].map((d) => d.remove()));
  });

  it.each(engineCells)(
    'through $kind with $compression.algorithm (encrypted: $isEncrypted) gives equal CHECKSUM TABLE results',
    async (cell) => {
      const target = await createEmptyMysqlDatabase('rb_restored');
      try {
        const destination = destinations.get(cell.kind) as TestDestination;
        const key = await roundTrip(source.connection, target.connection, destination, cell);
        expect(key).toMatch(/\.sql\.(zst|gz)(\.rbk)?$/);
        expect(await fingerprintMysql(target.name)).toEqual(expected);
      } finally {
        await target.drop();
      }
    },
  );
});

describe('SQLite round trips', () => {
  let source: SqliteTestDatabase;
  let expected: string;
  const engineCells: Cell[] = [
    ...cells,
    { kind: 's3', compression: { algorithm: 'zstd' }, isEncrypted: true },
  ];
  const destinations = new Map<StorageKind, TestDestination>();
  beforeAll(async () => {
    source = await createSqliteFixtureDatabase({ wal: true });
    expected = await fingerprintSqlite(source.path);
    for (const kind of new Set(engineCells.map((c) => c.kind)))
      destinations.set(kind, await makeDestination(kind, `sqlite-${kind}`));
  }, 180_000);
  afterAll(async () => {
    await source?.drop();
    await Promise.all([...destinations.values()].map((d) => d.remove()));
  });

  it.each(engineCells)(
    'through $kind with $compression.algorithm (encrypted: $isEncrypted) gives an equal .dump',
    async (cell) => {
      const target = await createSqlitePath('restored.db');
      try {
        const destination = destinations.get(cell.kind) as TestDestination;
        const key = await roundTrip(source.connection, target.connection, destination, cell);
        expect(key).toMatch(/\.sqlite\.(zst|gz)(\.rbk)?$/);
        expect(await fingerprintSqlite(target.path)).toBe(expected);
      } finally {
        await target.drop();
      }
    },
  );
});
