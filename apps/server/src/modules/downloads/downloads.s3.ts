import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { StorageTarget } from '@rahatback/protocol';

/** `Content-Disposition` of a downloaded file: ASCII name for old clients, UTF-8 for the rest. */
export const attachment = (fileName: string) =>
  `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

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
      new GetObjectCommand({
        Bucket: config.bucket,
        Key: joinPrefix(config.prefix, objectKey),
        // The browser saves the file under its own name instead of showing it.
        ResponseContentDisposition: attachment(objectKey.slice(objectKey.lastIndexOf('/') + 1)),
      }),
      { expiresIn: expiresInSeconds },
    );
  } finally {
    client.destroy();
  }
}
