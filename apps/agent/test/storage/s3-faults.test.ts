import { ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorageDriver } from '../../src/storage/registry.js';
import type { StorageDriver } from '../../src/storage/storage.types.js';
import type { S3Instance } from '../../../../test/services.js';
import { createBucket, s3TestClient, startS3 } from '../../../../test/services.js';
import { MiB, rejectionOf } from './storage-test-helpers.js';

/** A dump that keeps coming at about 25 MiB/s, like pg_dump on a large database. */
function endlessDump(): Readable {
  let timer: NodeJS.Timeout | undefined;
  return new Readable({
    read() {
      timer = setTimeout(() => this.push(randomBytes(MiB)), 40);
    },
    destroy(error, done) {
      clearTimeout(timer);
      done(error);
    },
  });
}

/** The keys of pending multipart uploads, once there are none or when time is up. */
async function pendingUploadsWithin(s3: S3Instance, bucket: string, timeoutMs: number) {
  const client = s3TestClient(s3);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const { Uploads = [] } = await client.send(
        new ListMultipartUploadsCommand({ Bucket: bucket }),
      );
      if (Uploads.length === 0 || Date.now() > deadline) return Uploads.map((u) => u.Key);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    client.destroy();
  }
}

// A private server: this test stops it under a running upload.
describe('S3 storage driver when the server stops during an upload', () => {
  let s3: S3Instance;
  let bucket: string;
  let driver: StorageDriver;

  beforeAll(async () => {
    s3 = await startS3();
    bucket = await createBucket(s3, 'agent-s3-fault');
    driver = createStorageDriver({
      config: {
        kind: 's3',
        endpoint: s3.endpoint,
        region: s3.region,
        bucket,
        prefix: '',
        forcePathStyle: true,
      },
      secrets: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    });
  });
  afterAll(async () => {
    await driver?.close();
    await s3?.stop();
  });

  it('fails the put as STORAGE_UNREACHABLE and leaves nothing once the server is back', async () => {
    const key = 'db/2026-11-27T06-00-00Z_run1.dump';
    const put = rejectionOf(driver.put(key, endlessDump()));
    // Let a few 8 MiB parts reach the server, then pull the plug on the gateway.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await s3.stopGateway();
    const error = await put;
    expect(error.code).toBe('STORAGE_UNREACHABLE');
    expect(error.message).toContain(s3.endpoint);

    await s3.startGateway();
    expect(await driver.list('db/')).toEqual([]);
    // The abort could not reach the stopped server; the driver retries it in the background,
    // so once the server is back the pending upload and its parts go too.
    expect(await pendingUploadsWithin(s3, bucket, 20_000)).toEqual([]);
  });
});
