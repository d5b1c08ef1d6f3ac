import { GetObjectCommand, ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorageTarget } from '@rahatback/protocol';
import { createStorageDriver } from '../../src/storage/registry.js';
import { presignGetUrl } from '../../src/storage/s3/s3.presign.js';
import type { StorageDriver } from '../../src/storage/storage.types.js';
import type { S3Service } from '../../../../test/services.js';
import {
  createBucket,
  freePort,
  removeBucket,
  s3TestClient,
  sharedS3,
} from '../../../../test/services.js';
import {
  MiB,
  randomPayload,
  rejectionOf,
  roundTrip,
  sha256Of,
  stallingStream,
} from './storage-test-helpers.js';

function s3Target(
  s3: S3Service,
  bucket: string,
  overrides: Partial<StorageTarget['secrets']> = {},
) {
  return {
    config: {
      kind: 's3' as const,
      endpoint: s3.endpoint,
      region: s3.region,
      bucket,
      prefix: 'team/backups',
      forcePathStyle: true,
    },
    secrets: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, ...overrides },
  };
}

async function pendingUploads(s3: S3Service, bucket: string) {
  const client = s3TestClient(s3);
  try {
    const result = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    return result.Uploads ?? [];
  } finally {
    client.destroy();
  }
}

describe('S3 storage driver (radosgw)', () => {
  let s3: S3Service;
  let bucket: string;
  let driver: StorageDriver;

  beforeAll(async () => {
    s3 = await sharedS3();
    bucket = await createBucket(s3, 'agent-s3');
    driver = createStorageDriver(s3Target(s3, bucket));
  });
  afterAll(async () => {
    await driver?.close();
    if (bucket) await removeBucket(s3, bucket);
  });

  it('stores a multi-part stream under the prefix, lists, returns and deletes it', async () => {
    const result = await roundTrip(driver, 20 * MiB);
    expect(result.written).toBe(20 * MiB);
    expect(result.listed).toEqual([expect.objectContaining({ key: result.key, size: 20 * MiB })]);
    expect(result.readBack).toBe(result.sha256);
    expect(result.afterDelete).toEqual([]);
    expect(await pendingUploads(s3, bucket)).toEqual([]);
  });

  it('puts the object at <prefix>/<key> in the bucket', async () => {
    const payload = randomPayload(1000);
    await driver.put('where/is-it.dump', payload.stream());
    const client = s3TestClient(s3);
    try {
      const object = await client.send(
        new GetObjectCommand({ Bucket: bucket, Key: 'team/backups/where/is-it.dump' }),
      );
      expect(await sha256Of(object.Body as Readable)).toBe(payload.sha256);
    } finally {
      client.destroy();
      await driver.delete('where/is-it.dump');
    }
  });

  it('passes its self-test', async () => {
    expect(await driver.test()).toMatchObject({ ok: true });
    expect(await driver.list('')).toEqual([]);
  });

  it('names a wrong access key and a wrong secret as STORAGE_AUTH_FAILED, without the secret', async () => {
    const wrongKey = await createStorageDriver(
      s3Target(s3, bucket, { accessKeyId: 'NOSUCHKEY123' }),
    ).test();
    expect(wrongKey).toMatchObject({ ok: false, code: 'STORAGE_AUTH_FAILED' });
    expect(wrongKey.ok === false && wrongKey.message).toContain('InvalidAccessKeyId');

    const canary = 'canary-secret-7f3a9b1c2d';
    const wrongSecret = await createStorageDriver(
      s3Target(s3, bucket, { secretAccessKey: canary }),
    ).test();
    expect(wrongSecret).toMatchObject({ ok: false, code: 'STORAGE_AUTH_FAILED' });
    expect(JSON.stringify(wrongSecret)).not.toContain(canary);
  });

  it('names a missing bucket as STORAGE_NOT_FOUND', async () => {
    const missing = createStorageDriver(s3Target(s3, 'no-such-bucket-rahatback'));
    const result = await missing.test();
    expect(result).toMatchObject({ ok: false, code: 'STORAGE_NOT_FOUND' });
    expect(result.ok === false && result.message).toContain('no-such-bucket-rahatback');
    const put = await rejectionOf(missing.put('a.dump', randomPayload(12 * MiB).stream()));
    expect(put.code).toBe('STORAGE_NOT_FOUND');
  });

  it('names a server that does not answer as STORAGE_UNREACHABLE', async () => {
    const nobody = { ...s3, endpoint: `http://127.0.0.1:${await freePort()}` };
    const result = await createStorageDriver(s3Target(nobody, bucket)).test();
    expect(result).toMatchObject({ ok: false, code: 'STORAGE_UNREACHABLE' });
  });

  it('names a missing object as OBJECT_NOT_FOUND', async () => {
    const error = await rejectionOf(driver.get('nothing/here.dump'));
    expect(error.code).toBe('OBJECT_NOT_FOUND');
  });

  it('leaves no object and no pending multipart upload when the put is aborted', async () => {
    const controller = new AbortController();
    // 20 MiB then silence: two 8 MiB parts go up, then the abort arrives.
    const put = driver.put('aborted/backup.dump', stallingStream(20 * MiB), {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 1500);
    const error = await rejectionOf(put);
    expect(error.code).toBe('CANCELLED');
    expect(await driver.list('aborted/')).toEqual([]);
    expect(await pendingUploads(s3, bucket)).toEqual([]);
  });

  it('leaves nothing when the source stream fails midway (the dump died)', async () => {
    const source = stallingStream(20 * MiB);
    setTimeout(() => source.destroy(new Error('pg_dump exited with code 1')), 1500);
    const error = await rejectionOf(driver.put('failed/backup.dump', source));
    expect(error.message).toContain('pg_dump exited');
    expect(await driver.list('failed/')).toEqual([]);
    expect(await pendingUploads(s3, bucket)).toEqual([]);
  });

  it('signs a download link that works without credentials', async () => {
    const payload = randomPayload(3000);
    await driver.put('shared/link.dump', payload.stream());
    try {
      const url = await presignGetUrl(s3Target(s3, bucket), 'shared/link.dump', 60);
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(await sha256Of(Readable.from(Buffer.from(await response.arrayBuffer())))).toBe(
        payload.sha256,
      );
    } finally {
      await driver.delete('shared/link.dump');
    }
  });
});
