import type { S3StorageConfig, StorageSecrets } from '@rahatback/protocol';
import { StorageError, detailOf, isNetworkError } from '../storage-errors.js';

interface S3ErrorShape {
  name?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

/** Turns an AWS SDK error into a StorageError whose message names the cause and the fix. */
export function s3Error(
  error: unknown,
  config: S3StorageConfig,
  secrets: StorageSecrets,
  key?: string,
): StorageError {
  if (error instanceof StorageError) return error;
  const shape = (error ?? {}) as S3ErrorShape;
  const name = shape.Code ?? shape.name ?? 'UnknownError';
  const status = shape.$metadata?.httpStatusCode;
  const where = config.endpoint ?? `AWS S3 (${config.region})`;
  const cause = { cause: error };
  const fail = (code: StorageError['code'], message: string) =>
    new StorageError(code, message, cause);

  if (isNetworkError(error) && status === undefined) {
    return fail(
      'STORAGE_UNREACHABLE',
      `The S3 server at ${where} could not be reached (${detailOf(error, secrets)}): check that it runs and that the agent's host can connect to it.`,
    );
  }
  switch (name) {
    case 'InvalidAccessKeyId':
      return fail(
        'STORAGE_AUTH_FAILED',
        `S3 refused the access key (InvalidAccessKeyId): check the access key and secret of this destination.`,
      );
    case 'SignatureDoesNotMatch':
      return fail(
        'STORAGE_AUTH_FAILED',
        `S3 refused the request signature (SignatureDoesNotMatch): check the secret access key of this destination.`,
      );
    case 'CredentialsProviderError':
      return fail(
        'STORAGE_AUTH_FAILED',
        `No S3 credentials were found: enter an access key and secret for this destination.`,
      );
    case 'NoSuchBucket':
      return fail(
        'STORAGE_NOT_FOUND',
        `The bucket "${config.bucket}" does not exist at ${where}: create it or fix the bucket name.`,
      );
    case 'NoSuchKey':
    case 'NotFound':
      return fail(
        'OBJECT_NOT_FOUND',
        `The object ${key ?? ''} does not exist in bucket "${config.bucket}": it was deleted or never written.`,
      );
    case 'AccessDenied':
    case 'AllAccessDisabled':
      return fail(
        'STORAGE_PERMISSION_DENIED',
        `S3 denied access to bucket "${config.bucket}" (${name}): grant this access key read, write, list and delete rights on it.`,
      );
    case 'QuotaExceeded':
    case 'EntityTooLarge':
      return fail(
        'STORAGE_FULL',
        `S3 refused to store more in bucket "${config.bucket}" (${name}): raise the quota or free space.`,
      );
    case 'PermanentRedirect':
    case 'AuthorizationHeaderMalformed':
    case 'IllegalLocationConstraintException':
      return fail(
        'STORAGE_FAILED',
        `S3 says bucket "${config.bucket}" lives in another region (${name}): set the destination's region to the bucket's.`,
      );
  }
  if (status === 403) {
    return fail(
      'STORAGE_PERMISSION_DENIED',
      `S3 answered 403 Forbidden for bucket "${config.bucket}": check the access key's rights.`,
    );
  }
  return fail(
    'STORAGE_FAILED',
    `The S3 server at ${where} failed the request (${name}${status ? `, HTTP ${status}` : ''}: ${detailOf(error, secrets)}); try again, and check the server if it persists.`,
  );
}
