import { z } from 'zod';

/**
 * Every error code that crosses a boundary (HTTP body, socket ack, run history), with the
 * HTTP status it maps to when an API call fails with it. The message always travels next
 * to the code as a sentence that names the cause and the fix.
 */
export const ERROR_STATUS = {
  // request / API
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  RUN_ALREADY_ACTIVE: 409,
  INVALID_STATE: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  // agents
  AGENT_OFFLINE: 503,
  AGENT_TIMEOUT: 504,
  AGENT_REVOKED: 401,
  ENROLLMENT_TOKEN_INVALID: 401,
  PROTOCOL_MISMATCH: 426,
  // databases
  AUTH_FAILED: 422,
  DATABASE_NOT_FOUND: 422,
  HOST_UNREACHABLE: 422,
  TLS_REQUIRED: 422,
  CLIENT_TOOL_MISSING: 422,
  CLIENT_TOOL_TOO_OLD: 422,
  UNSAFE_NAME: 422,
  DUMP_FAILED: 422,
  RESTORE_FAILED: 422,
  // storage
  STORAGE_AUTH_FAILED: 422,
  STORAGE_NOT_FOUND: 422,
  STORAGE_PERMISSION_DENIED: 422,
  STORAGE_UNREACHABLE: 422,
  STORAGE_FULL: 422,
  STORAGE_FAILED: 422,
  OBJECT_NOT_FOUND: 422,
  // backup files
  NOT_A_BACKUP: 422,
  UNSUPPORTED_VERSION: 422,
  BAD_HEADER: 422,
  WRONG_PASSPHRASE: 422,
  CORRUPTED: 422,
  TRUNCATED: 422,
  TRAILING_DATA: 422,
  CHECKSUM_MISMATCH: 422,
  // runs
  CANCELLED: 409,
  TIMED_OUT: 504,
  AGENT_DISCONNECTED: 503,
  SERVER_RESTARTED: 503,
  UNKNOWN: 500,
  // notifications: a mail or webhook receiver refused or failed the delivery
  NOTIFICATION_FAILED: 502,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ErrorCode = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

/** The body of every failed HTTP call. */
export const ApiError = z.object({
  code: ErrorCode,
  message: z.string(),
  requestId: z.string().optional(),
  /** For VALIDATION_FAILED: one entry per offending field. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

/** A failure reported by an agent or recorded on a run: a stable code and a human sentence. */
export const Failure = z.object({ code: ErrorCode, message: z.string().max(4000) });
export type Failure = z.infer<typeof Failure>;
