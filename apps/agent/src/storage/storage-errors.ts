import type { ErrorCode, Failure, StorageSecrets } from '@rahatback/protocol';

/** The codes a storage driver fails with. */
export type StorageErrorCode = Extract<
  ErrorCode,
  | 'STORAGE_AUTH_FAILED'
  | 'STORAGE_NOT_FOUND'
  | 'STORAGE_PERMISSION_DENIED'
  | 'STORAGE_UNREACHABLE'
  | 'STORAGE_FULL'
  | 'STORAGE_FAILED'
  | 'OBJECT_NOT_FOUND'
  | 'VALIDATION_FAILED'
  | 'CANCELLED'
>;

/**
 * A storage failure with a stable code and a sentence naming the cause and the fix. Every
 * driver throws only this, so callers never parse SDK, SSH or file-system errors.
 */
export class StorageError extends Error {
  override readonly name = 'StorageError';

  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toFailure(): Failure {
    return { code: this.code, message: this.message };
  }
}

/** Node's codes for "could not reach the other end" (connect, DNS, reset, timeout). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** The Node error code of `error` or of any error it wraps (AggregateError, cause). */
export function systemCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const inner = (current as { errors?: unknown[] }).errors?.[0];
    current = inner ?? (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isNetworkError(error: unknown): boolean {
  const code = systemCode(error);
  return (
    (code !== undefined && NETWORK_CODES.has(code)) ||
    (error instanceof Error && /socket hang up|timed? ?out/i.test(error.message))
  );
}

export function isAbortError(error: unknown, signal?: AbortSignal): boolean {
  return (
    signal?.aborted === true ||
    (error instanceof Error && (error.name === 'AbortError' || systemCode(error) === 'ABORT_ERR'))
  );
}

export function cancelled(error: unknown): StorageError {
  return new StorageError('CANCELLED', 'The transfer was cancelled before it finished.', {
    cause: error,
  });
}

/** Replaces every secret of the destination that appears in `text` (belt and braces). */
export function withoutSecrets(text: string, secrets: StorageSecrets): string {
  let clean = text;
  for (const secret of Object.values(secrets)) {
    if (typeof secret === 'string' && secret.length >= 4) clean = clean.split(secret).join('***');
  }
  return clean;
}

/** The last words of an underlying error, for a message that needs its detail. */
export function detailOf(error: unknown, secrets: StorageSecrets): string {
  const text = error instanceof Error ? error.message : String(error);
  return withoutSecrets(text, secrets).slice(0, 300);
}

/** Any thrown value as a protocol Failure (used by test() and by callers that report). */
export function toFailure(error: unknown): Failure {
  if (error instanceof StorageError) return error.toFailure();
  return {
    code: 'STORAGE_FAILED',
    message: 'The storage failed for an unexpected reason; see the agent log for details.',
  };
}
