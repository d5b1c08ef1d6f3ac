import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StorageKind, StorageTarget } from '@rahatback/protocol';
import { createStorageDriver } from '../../../src/storage/registry.js';
import { createBucket, removeBucket, sharedS3, sharedSftp } from '../../../../../test/services.js';

/** A real, empty storage destination of one kind, and how to look inside it and remove it. */
export interface TestDestination {
  kind: StorageKind;
  target: StorageTarget;
  /** Every key stored, sorted (the driver's own list). */
  keys(): Promise<string[]>;
  remove(): Promise<void>;
}

export async function makeDestination(kind: StorageKind, label: string): Promise<TestDestination> {
  switch (kind) {
    case 'local': {
      const path = await mkdtemp(join(tmpdir(), `rb-dest-${label}-`));
      return withKeys(kind, { config: { kind, path }, secrets: {} }, () =>
        rm(path, { recursive: true, force: true }),
      );
    }
    case 's3': {
      const s3 = await sharedS3();
      const bucket = await createBucket(s3, `rb-${label}`);
      const target: StorageTarget = {
        config: {
          kind,
          endpoint: s3.endpoint,
          region: s3.region,
          bucket,
          prefix: 'backups',
          forcePathStyle: true,
        },
        secrets: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
      };
      return withKeys(kind, target, () => removeBucket(s3, bucket));
    }
    case 'sftp': {
      const sftp = await sharedSftp();
      const path = await mkdtemp(join(tmpdir(), `rb-sftp-${label}-`));
      const target: StorageTarget = {
        config: {
          kind,
          host: sftp.host,
          port: sftp.port,
          username: sftp.username,
          path,
          hostKeySha256: sftp.hostKeySha256,
        },
        secrets: { privateKey: sftp.privateKey },
      };
      return withKeys(kind, target, () => rm(path, { recursive: true, force: true }));
    }
  }
}

function withKeys(
  kind: StorageKind,
  target: StorageTarget,
  remove: () => Promise<void>,
): TestDestination {
  return {
    kind,
    target,
    remove,
    keys: async () => {
      const driver = createStorageDriver(target);
      try {
        return (await driver.list('')).map((o) => o.key).sort();
      } finally {
        await driver.close();
      }
    },
  };
}
