import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { StorageTarget } from '@rahatback/protocol';

const joinPrefix = (prefix: string, key: string) =>
  prefix === '' ? key : prefix.endsWith('/') ? `${prefix}${key}` : `${prefix}/${key}`;

/**
 * A presigned GET of one object, signed locally: the bucket is never contacted, and the
 * file never passes through the server.
 */
export async function presignedGet(
  { config, secrets }: StorageTarget,
  objectKey: string,
  expiresInSeconds: number,
): Promise<string> {
  if (config.kind !== 's3') throw new Error(`presignedGet needs an S3 target, got ${config.kind}`);
  const client = new S3Client({
    region: config.region,
    ...(config.endpoint !== undefined && { endpoint: config.endpoint }),
    forcePathStyle: config.forcePathStyle,
    credentials: {
      accessKeyId: secrets.accessKeyId ?? '',
      secretAccessKey: secrets.secretAccessKey ?? '',
    },
  });
  try {
    return await getSignedUrl(
      client,
      new GetObjectCommand({ Bucket: config.bucket, Key: joinPrefix(config.prefix, objectKey) }),
      { expiresIn: expiresInSeconds },
    );
  } finally {
    client.destroy();
  }
}
