import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupRequest, StorageTarget } from '@rahatback/protocol';
import { getConnector } from '../../src/connectors/registry.js';
import { createStorageDriver } from '../../src/storage/registry.js';
import { runBackup } from '../../src/pipeline/backup-runner.js';
import type { PgTestDatabase } from '../fixtures/pg-fixture.js';
import { startSftp, type SftpInstance } from '../../../../test/services.js';
import {
  createBigPgDatabase,
  dumpIsCopying,
  pgDumpsOf,
  terminateDumpWhenActive,
} from './helpers/big-database.js';
import { makeDestination, type TestDestination } from './helpers/destinations.js';

const deps = { connectors: getConnector, storage: createStorageDriver };

let big: PgTestDatabase;
let local: TestDestination;

beforeAll(async () => {
  big = await createBigPgDatabase(150);
  local = await makeDestination('local', 'pg-faults');
}, 120_000);
afterAll(async () => {
  await local?.remove();
  await big?.drop();
});

function request(target: StorageTarget, overrides: Partial<BackupRequest> = {}): BackupRequest {
  return {
    runId: `f${Math.random().toString(36).slice(2, 10)}`,
    label: big.name,
    database: big.connection,
    destinations: [{ storageId: 'dest', target }],
    compression: { algorithm: 'zstd', level: 1 },
    encryption: { passphrase: 'fault passphrase' },
    ...overrides,
  };
}

describe('backup faults against real PostgreSQL and real storage', () => {
  it('fails with the dump tool’s own words when its server session dies midway, and stores nothing', async () => {
    const running = runBackup(request(local.target), deps);
    expect(await terminateDumpWhenActive(big.name)).toBe(true);
    const result = await running;
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('DUMP_FAILED');
    expect(result.error?.message).toMatch(/terminat|connection/i);
    expect(result.logTail.join('\n')).toMatch(/pg_dump/);
    expect(await local.keys()).toEqual([]);
  });

  it('ends a cancelled backup as cancelled, stops pg_dump and stores nothing', async () => {
    const controller = new AbortController();
    const running = runBackup(request(local.target), { ...deps, signal: controller.signal });
    expect(await dumpIsCopying(big.name)).toBe(true);
    controller.abort();
    const result = await running;
    expect(result.status).toBe('cancelled');
    expect(result.error?.code).toBe('CANCELLED');
    expect(await local.keys()).toEqual([]);
    expect(await pgDumpsOf(big.name)).toEqual([]);
  });

  describe('with an SFTP server that refuses every write', () => {
    let readOnly: SftpInstance;
    beforeAll(async () => {
      readOnly = await startSftp({ readOnly: true });
    });
    afterAll(async () => {
      await readOnly?.stop();
    });

    it('fails with the storage’s cause and leaves no object', async () => {
      const target: StorageTarget = {
        config: {
          kind: 'sftp',
          host: readOnly.host,
          port: readOnly.port,
          username: readOnly.username,
          path: readOnly.dir,
          hostKeySha256: readOnly.hostKeySha256,
        },
        secrets: { privateKey: readOnly.privateKey },
      };
      const result = await runBackup(request(target), deps);
      expect(result.status).toBe('failed');
      expect(result.error?.code).toMatch(/^STORAGE_/);
      expect(result.destinations[0]?.error?.code).toBe(result.error?.code);
      expect(await pgDumpsOf(big.name)).toEqual([]);
    });
  });
});
