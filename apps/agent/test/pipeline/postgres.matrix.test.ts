import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompressionAlgorithm, StorageKind } from '@rahatback/protocol';
import { getConnector } from '../../src/connectors/registry.js';
import { createStorageDriver } from '../../src/storage/registry.js';
import { runBackup } from '../../src/pipeline/backup-runner.js';
import { runRestore } from '../../src/pipeline/restore-runner.js';
import {
  createEmptyPgDatabase,
  createPgFixtureDatabase,
  fingerprintPg,
  type PgFingerprint,
  type PgTestDatabase,
} from '../fixtures/pg-fixture.js';
import { makeDestination, type TestDestination } from './helpers/destinations.js';

const deps = { connectors: getConnector, storage: createStorageDriver };
const compressions: CompressionAlgorithm[] = ['none', 'gzip', 'zstd'];
const storages: StorageKind[] = ['local', 's3', 'sftp'];

let source: PgTestDatabase;
let expected: PgFingerprint;

beforeAll(async () => {
  source = await createPgFixtureDatabase();
  expected = await fingerprintPg(source.name);
});
afterAll(async () => {
  await source?.drop();
});

describe.each(storages)('PostgreSQL round trip through %s storage', (kind) => {
  let destination: TestDestination;
  beforeAll(async () => {
    destination = await makeDestination(kind, `pg-${kind}`);
  }, 180_000);
  afterAll(async () => {
    await destination?.remove();
  });

  const cells = compressions.flatMap((c) => [
    { compression: c, isEncrypted: false },
    { compression: c, isEncrypted: true },
  ]);
  it.each(cells)(
    'backs up with $compression (encrypted: $isEncrypted), restores into a fresh database, and the data is the same',
    async ({ compression, isEncrypted }) => {
      const runId = `m${Math.random().toString(36).slice(2, 10)}`;
      const passphrase = `matrix passphrase ${runId}`;
      const backup = await runBackup(
        {
          runId,
          label: source.name,
          database: source.connection,
          destinations: [{ storageId: kind, target: destination.target }],
          compression: { algorithm: compression },
          encryption: isEncrypted ? { passphrase } : null,
        },
        deps,
      );
      expect(backup.error).toBeUndefined();
      expect(backup.status).toBe('success');
      const key = backup.objectKey ?? '';
      const ext =
        { none: '', gzip: '.gz', zstd: '.zst' }[compression] + (isEncrypted ? '.rbk' : '');
      expect(key.endsWith(`_${runId}.dump${ext}`)).toBe(true);
      expect(await destination.keys()).toEqual(expect.arrayContaining([key, `${key}.meta.json`]));

      const target = await createEmptyPgDatabase('rb_restored');
      try {
        const restored = await runRestore(
          {
            restoreId: runId,
            source: { target: destination.target, objectKey: key, expectedSha256: backup.sha256 },
            ...(isEncrypted ? { passphrase } : {}),
            database: target.connection,
            dropExisting: false,
            mode: 'restore',
          },
          deps,
        );
        expect(restored.error).toBeUndefined();
        expect(restored).toMatchObject({ status: 'success', sha256: backup.sha256 });
        expect(await fingerprintPg(target.name)).toEqual(expected);
      } finally {
        await target.drop();
      }
    },
  );
});

describe('PostgreSQL verification restore', () => {
  let destination: TestDestination;
  beforeAll(async () => {
    destination = await makeDestination('local', 'pg-verify');
  });
  afterAll(async () => {
    await destination?.remove();
  });

  it('restores into a scratch database and reports the row count of every table', async () => {
    const backup = await runBackup(
      {
        runId: 'verify1',
        label: source.name,
        database: source.connection,
        destinations: [{ storageId: 'local', target: destination.target }],
        compression: { algorithm: 'zstd' },
        encryption: { passphrase: 'verify passphrase' },
      },
      deps,
    );
    const progress: number[] = [];
    const verified = await runRestore(
      {
        restoreId: 'verify1',
        source: { target: destination.target, objectKey: backup.objectKey ?? '' },
        passphrase: 'verify passphrase',
        database: source.connection,
        dropExisting: false,
        mode: 'verify',
      },
      { ...deps, onProgress: (p) => progress.push(p.bytesRead) },
    );
    expect(verified.error).toBeUndefined();
    expect(verified.status).toBe('success');
    const counts = Object.fromEntries((verified.tableCounts ?? []).map((t) => [t.table, t.rows]));
    for (const [table, { rows }] of Object.entries(expected.tables)) {
      const name = Object.keys(counts).find((t) => t.endsWith(table.split('.')[1] ?? table));
      expect(name, `a count for ${table}`).toBeDefined();
      expect(counts[name ?? '']).toBe(rows);
    }
    expect(progress.at(-1)).toBe(backup.storedSize);
  });
});
