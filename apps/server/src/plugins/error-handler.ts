import type { ApiError, ErrorCode } from '@rahatback/protocol';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors.js';

type Issue = { path: string; message: string };

/** One place turns every failure into `{ code, message, requestId }`. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const body = toApiError(error);
    // A domain refusal is expected and says all; anything internal needs its cause logged.
    if (body.code === 'INTERNAL') request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.code }, 'request refused');
    const { status, ...rest } = body;
    return reply.status(status).send({ ...rest, requestId: request.id } satisfies ApiError);
  });
}

function toApiError(error: unknown): ApiError & { status: number } {
  if (error instanceof AppError) {
    const status = error.status;
    if (status >= 500 && error.code === 'INTERNAL')
      return {
        status,
        code: 'INTERNAL',
        message:
          'something went wrong on the server: try again, and check the server log if it persists',
      };
    return {
      status,
      code: error.code,
      message: error.message,
      ...(error.issues && { issues: error.issues }),
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext;
    const issues = error.validation.map((v) =>
      toIssue(v.instancePath, v.message ?? 'is invalid', context),
    );
    return {
      status: 400,
      code: 'VALIDATION_FAILED',
      message: `the request is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    };
  }
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500)
    return { status, code: codeForStatus(status), message: clientMessage(fastifyError) };
  return {
    status: 500,
    code: 'INTERNAL',
    message:
      'something went wrong on the server: try again, and check the server log if it persists',
  };
}

function toIssue(instancePath: string, message: string, context: string | undefined): Issue {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  return { path: path === '' ? (context ?? 'body') : path, message };
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  return 'VALIDATION_FAILED';
}

const CLIENT_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE:
    'the request body must be JSON: send it with Content-Type: application/json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'the request body is too large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'the request body is empty: send a JSON object',
};

function clientMessage(error: Partial<FastifyError>): string {
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError)
    return `the request body is not valid JSON (${error.message ?? 'parse error'}): send a JSON object`;
  return (error.code && CLIENT_MESSAGES[error.code]) ?? error.message ?? 'the request is invalid';
}
