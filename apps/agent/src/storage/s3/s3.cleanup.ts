import { AbortMultipartUploadCommand } from '@aws-sdk/client-s3';
import type { S3StorageConfig, StorageSecrets } from '@rahatback/protocol';
import { isNetworkError } from '../storage-errors.js';
import { createS3Client } from './s3.client.js';

export interface PendingUpload {
  Bucket: string;
  Key: string;
  UploadId: string;
}

/** Waits between attempts: about 15 minutes in all, so a short outage is outlived. */
const RETRY_DELAYS_MS = [
  1_000, 2_000, 4_000, 8_000, 15_000, 30_000, 60_000, 120_000, 300_000, 360_000,
];

/**
 * Aborts a multipart upload whose first abort failed because the server could not be
 * reached (the usual case when the server stopped mid-upload): it retries in the background
 * until the server answers, so its parts do not stay stored, and billed, for ever. The timers
 * never keep the process alive; a bucket lifecycle rule (AbortIncompleteMultipartUpload)
 * remains the safety net for uploads abandoned by a process that exits.
 */
export function abortInBackground(
  config: S3StorageConfig,
  secrets: StorageSecrets,
  upload: PendingUpload,
): void {
  const attempt = (index: number) => {
    const delay = RETRY_DELAYS_MS[index];
    if (delay === undefined) return;
    const timer = setTimeout(() => {
      const client = createS3Client(config, secrets);
      client
        .send(new AbortMultipartUploadCommand(upload))
        .catch((error: unknown) => {
          if (isNetworkError(error)) attempt(index + 1);
        })
        .finally(() => client.destroy());
    }, delay);
    timer.unref();
  };
  attempt(0);
}
