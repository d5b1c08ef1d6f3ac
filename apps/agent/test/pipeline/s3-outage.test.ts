import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorageTarget } from '@rahatback/protocol';
import { getConnector } from '../../src/connectors/registry.js';
import { createStorageDriver } from '../../src/storage/registry.js';
import { runBackup } from '../../src/pipeline/backup-runner.js';
import type { PgTestDatabase } from '../fixtures/pg-fixture.js';
import { createBucket, startS3, type S3Instance } from '../../../../test/services.js';
import { createBigPgDatabase, dumpIsCopying, pgDumpsOf } from './helpers/big-database.js';

const deps = { connectors: getConnector, storage: createStorageDriver };

let s3: S3Instance;
let big: PgTestDatabase;
let target: StorageTarget;

beforeAll(async () => {
  [s3, big] = await Promise.all([startS3(), createBigPgDatabase(150)]);
  const bucket = await createBucket(s3, 'rb-outage');
  target = {
    config: {
      kind: 's3',
      endpoint: s3.endpoint,
      region: s3.region,
      bucket,
      prefix: '',
      forcePathStyle: true,
    },
    secrets: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  };
}, 180_000);
afterAll(async () => {
  await Promise.allSettled([s3?.stop(), big?.drop()]);
});

describe('a backup whose S3 server stops during the upload', () => {
  it('fails with the storage’s cause, stops pg_dump, and leaves no object once the server is back', async () => {
    const running = runBackup(
      {
        runId: 'outage1',
        label: big.name,
        database: big.connection,
        destinations: [{ storageId: 's3', target }],
        compression: { algorithm: 'none' },
        encryption: null,
      },
      deps,
    );
    expect(await dumpIsCopying(big.name)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await s3.stopGateway();
    const result = await running;
    await s3.startGateway();

    expect(result.status).toBe('failed');
    expect(result.error?.code).toMatch(/^STORAGE_/);
    expect(result.destinations[0]?.error?.code).toBe(result.error?.code);
    expect(await pgDumpsOf(big.name)).toEqual([]);
    const driver = createStorageDriver(target);
    try {
      expect(await driver.list('')).toEqual([]);
    } finally {
      await driver.close();
    }
  });
});
