import { CSRF_HEADER, SESSION_COOKIE } from '@rahatback/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { constantTimeEqual } from '../crypto/tokens.js';
import { AppError } from '../errors.js';
import type { AuthService, Caller } from '../modules/auth/auth.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export const bearerTokenOf = (header: string | undefined): string | undefined =>
  /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];

/** Where a request's session token came from: browsers use the cookie, scripts the header. */
export function sessionTokenOf(
  request: FastifyRequest,
): { token: string; isCookie: boolean } | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const token = bearerTokenOf(header);
    return token === undefined ? undefined : { token, isCookie: false };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie === undefined || cookie === '' ? undefined : { token: cookie, isCookie: true };
}

/**
 * A preHandler that admits signed-in callers only. Cookie-authenticated writes must echo
 * the session's CSRF token in `x-csrf-token`: a cross-site form can send the cookie but
 * cannot read the token. Bearer requests cannot be forged cross-site and need none.
 */
export function createAuthGuard(auth: Pick<AuthService, 'authenticate'>) {
  return async function requireCaller(
    request: FastifyRequest,
    _reply: FastifyReply,
  ): Promise<void> {
    const presented = sessionTokenOf(request);
    const caller = presented === undefined ? undefined : await auth.authenticate(presented.token);
    if (presented === undefined || caller === undefined)
      throw new AppError(
        'UNAUTHENTICATED',
        'you are not signed in or your session expired: sign in again',
      );
    if (presented.isCookie && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !constantTimeEqual(sent, caller.csrfToken))
        throw new AppError(
          'CSRF_FAILED',
          `this request needs the ${CSRF_HEADER} header from your session: reload the page and try again`,
        );
    }
    request.caller = caller;
  };
}

export type AuthGuard = ReturnType<typeof createAuthGuard>;

/** The caller of a route behind the guard. */
export function callerOf(request: FastifyRequest): Caller {
  if (request.caller === null)
    throw new AppError(
      'UNAUTHENTICATED',
      'you are not signed in or your session expired: sign in again',
    );
  return request.caller;
}
