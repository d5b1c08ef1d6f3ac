import type { ErrorCode, Failure } from '@rahatback/protocol';

/**
 * A failure of a database operation with a stable protocol code and a sentence that names
 * the cause and the fix. The message never holds a secret: callers redact before building it.
 */
export class EngineError extends Error {
  readonly code: ErrorCode;
  /** The last lines the client tool printed on stderr, already redacted. */
  readonly logTail: string[];

  constructor(
    code: ErrorCode,
    message: string,
    options: { logTail?: string[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EngineError';
    this.code = code;
    this.logTail = options.logTail ?? [];
  }

  toFailure(): Failure {
    return { code: this.code, message: this.message };
  }
}

export function isEngineError(error: unknown): error is EngineError {
  return error instanceof EngineError;
}
