import { ErrorCode, type Failure } from '@rahatback/protocol';

/** An error of the pipeline itself, with a stable code and a sentence naming cause and fix. */
export class PipelineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PipelineError';
  }
}

// Node's system errors while writing to storage, in the words a user can act on.
const SYSTEM_CODES: Record<string, { code: ErrorCode; hint: string }> = {
  ENOSPC: {
    code: 'STORAGE_FULL',
    hint: 'the destination ran out of space; free some or pick another destination',
  },
  EDQUOT: {
    code: 'STORAGE_FULL',
    hint: 'the destination is over its quota; free some or raise the quota',
  },
  EACCES: {
    code: 'STORAGE_PERMISSION_DENIED',
    hint: 'permission denied; let the agent write there',
  },
  EPERM: {
    code: 'STORAGE_PERMISSION_DENIED',
    hint: 'operation not permitted; let the agent write there',
  },
  EROFS: { code: 'STORAGE_PERMISSION_DENIED', hint: 'the destination is read-only' },
  ENOENT: { code: 'OBJECT_NOT_FOUND', hint: 'no such file or folder; check the path' },
  ECONNREFUSED: {
    code: 'STORAGE_UNREACHABLE',
    hint: 'the connection was refused; check host and port',
  },
  ECONNRESET: {
    code: 'STORAGE_UNREACHABLE',
    hint: 'the connection was reset; check the network and retry',
  },
  ETIMEDOUT: {
    code: 'STORAGE_UNREACHABLE',
    hint: 'the connection timed out; check the network and retry',
  },
};

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** Removes every secret string from a message, whatever put it there (a tool, a server). */
export function redact(message: string, secrets: readonly string[]): string {
  let clean = message;
  for (const secret of secrets) {
    if (secret.length >= 3) clean = clean.split(secret).join('[redacted]');
  }
  return clean;
}

/**
 * Turns anything thrown by a stage, a connector, a driver or the format into a Failure with a
 * protocol code. Errors that already carry a protocol code keep it; system errors are named;
 * the rest take `fallback`. Secrets are scrubbed from the message.
 */
export function toFailure(
  error: unknown,
  fallback: ErrorCode,
  secrets: readonly string[],
): Failure {
  const raw = error instanceof Error ? error.message : String(error);
  const code = codeOf(error);
  const known = ErrorCode.safeParse(code);
  if (known.success) return { code: known.data, message: redact(raw, secrets).slice(0, 4000) };
  const system = code === undefined ? undefined : SYSTEM_CODES[code];
  const message = system === undefined ? raw : `${raw} (${system.hint})`;
  return { code: system?.code ?? fallback, message: redact(message, secrets).slice(0, 4000) };
}

/** True when `error` is only the echo of our own abort, not a cause. */
export function isAbortEcho(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'AbortError' || codeOf(error) === 'ABORT_ERR' || codeOf(error) === 'CANCELLED')
  );
}

/** Errors that follow from another failure, so that failure is the one to report. */
export function isSymptom(error: unknown): boolean {
  return (
    isAbortEcho(error) ||
    codeOf(error) === 'ERR_STREAM_PREMATURE_CLOSE' ||
    codeOf(error) === 'ERR_STREAM_DESTROYED'
  );
}
