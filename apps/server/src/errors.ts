import { ERROR_STATUS, type ErrorCode } from '@rahatback/protocol';

/**
 * The one error base of the server: a stable protocol code, the HTTP status that code maps
 * to, and a sentence naming the cause and the fix. The error handler turns it into
 * `{ code, message, requestId }`.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; issues?: { path: string; message: string }[] },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
    this.issues = options?.issues;
  }

  readonly issues: { path: string; message: string }[] | undefined;
}

export const notFound = (what: string) =>
  new AppError('NOT_FOUND', `${what} was not found: check the id, or that it belongs to you`);
