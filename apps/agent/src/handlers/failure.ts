import { ErrorCode, type Failure } from '@rahatback/protocol';
import type { z } from 'zod';

/** A command whose payload does not match the protocol: the sentence names each field. */
export function validationFailure(error: z.ZodError): Failure {
  const fields = error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
  return {
    code: 'VALIDATION_FAILED',
    message: `The agent received a malformed command (${fields.join('; ')}); check that server and agent run compatible versions.`,
  };
}

/**
 * Turns anything thrown by a connector, storage driver or runner into a Failure. Errors that
 * carry a protocol code keep it and their sentence; anything else is UNKNOWN.
 */
export function toFailure(error: unknown): Failure {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const parsed = ErrorCode.safeParse(code);
  if (parsed.success) return { code: parsed.data, message: message.slice(0, 4000) };
  return {
    code: 'UNKNOWN',
    message: `The agent failed unexpectedly: ${message}`.slice(0, 4000),
  };
}
