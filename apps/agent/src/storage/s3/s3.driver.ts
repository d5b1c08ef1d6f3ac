import { DeleteObjectCommand, GetObjectCommand, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import type { S3StorageConfig, StorageSecrets } from '@rahatback/protocol';
import { assertSafeKey, assertSafePrefix, joinPrefix } from '../keys.js';
import { probeStorage } from '../probe.js';
import { cancelled, isAbortError } from '../storage-errors.js';
import type { PutOptions, StorageDriver, StoredObject } from '../storage.types.js';
import { abortInBackground } from './s3.cleanup.js';
import { createS3Client } from './s3.client.js';
import { s3Error } from './s3.errors.js';
import { uploadStream } from './s3.multipart.js';

/**
 * A bucket on AWS S3 or an S3-compatible server, under the destination's prefix. Objects
 * become visible only when their upload completes (see s3.multipart.ts).
 */
export function createS3Driver(config: S3StorageConfig, secrets: StorageSecrets): StorageDriver {
  let client: S3Client | undefined;
  const s3 = () => (client ??= createS3Client(config, secrets));
  const fullKey = (key: string) => joinPrefix(config.prefix, key);
  const fail = (error: unknown, key?: string, signal?: AbortSignal) =>
    isAbortError(error, signal) ? cancelled(error) : s3Error(error, config, secrets, key);

  const driver: StorageDriver = {
    kind: 's3',

    async put(key: string, body: Readable, options: PutOptions = {}) {
      assertSafeKey(key);
      try {
        return await uploadStream(s3(), { Bucket: config.bucket, Key: fullKey(key) }, body, {
          signal: options.signal,
          expectedSize: options.expectedSize,
          onAbortUnreachable: (upload) => abortInBackground(config, secrets, upload),
        });
      } catch (error) {
        throw fail(error, key, options.signal);
      }
    },

    async get(key: string, options: { signal?: AbortSignal } = {}) {
      assertSafeKey(key);
      try {
        const response = await s3().send(
          new GetObjectCommand({ Bucket: config.bucket, Key: fullKey(key) }),
          { abortSignal: options.signal },
        );
        if (!(response.Body instanceof Readable)) throw new Error('GetObject returned no stream');
        return response.Body;
      } catch (error) {
        throw fail(error, key, options.signal);
      }
    },

    async delete(key: string) {
      assertSafeKey(key);
      try {
        await s3().send(new DeleteObjectCommand({ Bucket: config.bucket, Key: fullKey(key) }));
      } catch (error) {
        throw fail(error, key);
      }
    },

    async list(prefix: string) {
      assertSafePrefix(prefix);
      try {
        return await listObjects(s3(), config, prefix);
      } catch (error) {
        throw fail(error);
      }
    },

    test: () => probeStorage(driver),

    close() {
      client?.destroy();
      client = undefined;
      return Promise.resolve();
    },
  };
  return driver;
}

async function listObjects(
  client: S3Client,
  config: S3StorageConfig,
  prefix: string,
): Promise<StoredObject[]> {
  const base = joinPrefix(config.prefix, '');
  const objects: StoredObject[] = [];
  const pages = paginateListObjectsV2(
    { client, pageSize: 1000 },
    { Bucket: config.bucket, Prefix: base + prefix },
  );
  for await (const page of pages) {
    for (const item of page.Contents ?? []) {
      if (!item.Key) continue;
      objects.push({
        key: item.Key.slice(base.length),
        size: item.Size ?? 0,
        lastModified: item.LastModified ?? new Date(0),
      });
    }
  }
  return objects.sort((a, b) => a.key.localeCompare(b.key));
}
