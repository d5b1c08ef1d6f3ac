import {
  ChangePasswordBody,
  LoginBody,
  MeResponse,
  OkResponse,
  RegisterBody,
  SESSION_COOKIE,
  SessionResponse,
} from '@rahatback/protocol';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Container } from '../../container.js';
import { callerOf } from '../../plugins/auth-guard.js';

const tags = ['auth'];

export function register(app: FastifyInstance, { services, guard, config }: Container): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = services.auth;

  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.publicUrl.startsWith('https://'),
      path: '/',
      maxAge: Math.floor(auth.sessionTtlMs / 1000),
    });

  r.post(
    '/api/v1/auth/register',
    { schema: { tags, body: RegisterBody, response: { 201: SessionResponse } } },
    async (request, reply) => {
      const session = await auth.register(request.body);
      return setSessionCookie(reply, session.token).status(201).send(session);
    },
  );

  r.post(
    '/api/v1/auth/login',
    { schema: { tags, body: LoginBody, response: { 200: SessionResponse } } },
    async (request, reply) => {
      const session = await auth.login(request.body, request.ip);
      return setSessionCookie(reply, session.token).send(session);
    },
  );

  r.post(
    '/api/v1/auth/logout',
    { preHandler: guard, schema: { tags, response: { 200: OkResponse } } },
    async (request, reply) => {
      await auth.logout(callerOf(request));
      return reply.clearCookie(SESSION_COOKIE, { path: '/' }).send({ ok: true as const });
    },
  );

  r.get(
    '/api/v1/auth/me',
    { preHandler: guard, schema: { tags, response: { 200: MeResponse } } },
    (request) => {
      const caller = callerOf(request);
      return Promise.resolve({ user: caller.user, csrfToken: caller.csrfToken });
    },
  );

  r.post(
    '/api/v1/auth/change-password',
    {
      preHandler: guard,
      schema: { tags, body: ChangePasswordBody, response: { 200: OkResponse } },
    },
    async (request) => {
      await auth.changePassword(callerOf(request), request.body);
      return { ok: true as const };
    },
  );
}
