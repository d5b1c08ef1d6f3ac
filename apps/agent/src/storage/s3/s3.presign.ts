import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { StorageTarget } from '@rahatback/protocol';
import { assertSafeKey, joinPrefix } from '../keys.js';
import { StorageError } from '../storage-errors.js';
import { createS3Client } from './s3.client.js';
import { s3Error } from './s3.errors.js';

/** S3 refuses presigned URLs valid for longer than 7 days. */
const MAX_SECONDS = 7 * 24 * 3600;

/**
 * A URL that downloads `key` from an S3 destination without credentials for `seconds`
 * (1 s to 7 days). Signing happens locally; the bucket is not contacted.
 */
export async function presignGetUrl(
  target: StorageTarget,
  key: string,
  seconds: number,
): Promise<string> {
  const { config, secrets } = target;
  if (config.kind !== 's3') {
    throw new StorageError(
      'VALIDATION_FAILED',
      `A ${config.kind} destination has no download links: only S3 destinations do.`,
    );
  }
  assertSafeKey(key);
  const expiresIn = Math.min(Math.max(Math.floor(seconds), 1), MAX_SECONDS);
  const client = createS3Client(config, secrets);
  try {
    const command = new GetObjectCommand({
      Bucket: config.bucket,
      Key: joinPrefix(config.prefix, key),
    });
    return await getSignedUrl(client, command, { expiresIn });
  } catch (error) {
    throw s3Error(error, config, secrets, key);
  } finally {
    client.destroy();
  }
}
