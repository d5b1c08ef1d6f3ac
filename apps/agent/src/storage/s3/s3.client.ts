import { S3Client } from '@aws-sdk/client-s3';
import type { S3StorageConfig, StorageSecrets } from '@rahatback/protocol';

/**
 * An S3 client for one destination. Checksums are computed only when S3 requires them:
 * the SDK's default (a CRC on every request) needs the body's length up front or trailing
 * checksums, which many S3-compatible servers refuse for streamed bodies.
 */
export function createS3Client(config: S3StorageConfig, secrets: StorageSecrets): S3Client {
  const { accessKeyId, secretAccessKey } = secrets;
  return new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    // Without keys the SDK's own chain applies (environment, instance role), as on AWS.
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
    requestHandler: {
      connectionTimeout: 10_000,
      // A silent socket for this long is a dead server, not a slow one.
      requestTimeout: 120_000,
    },
  });
}
