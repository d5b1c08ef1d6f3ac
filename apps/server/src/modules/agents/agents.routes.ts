import {
  Agent,
  AgentList,
  CreateEnrollmentTokenBody,
  EnrollBody,
  EnrollmentToken,
  EnrollResponse,
  IdParams,
  OkResponse,
} from '@rahatback/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Container } from '../../container.js';
import { callerOf } from '../../plugins/auth-guard.js';

const tags = ['agents'];

export function register(app: FastifyInstance, { services, guard }: Container): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const agents = services.agents;

  r.post(
    '/api/v1/agents/enrollment-tokens',
    {
      preHandler: guard,
      schema: { tags, body: CreateEnrollmentTokenBody, response: { 201: EnrollmentToken } },
    },
    async (request, reply) => {
      const origin = `${request.protocol}://${request.host}`;
      const token = await agents.createEnrollmentToken(
        callerOf(request).user.id,
        request.body,
        origin,
      );
      return reply.status(201).send(token);
    },
  );

  // Public: the one-time token is the proof.
  r.post(
    '/api/v1/agents/enroll',
    { schema: { tags, body: EnrollBody, response: { 201: EnrollResponse } } },
    async (request, reply) => reply.status(201).send(await agents.enroll(request.body)),
  );

  r.get(
    '/api/v1/agents',
    { preHandler: guard, schema: { tags, response: { 200: AgentList } } },
    async (request) => ({
      items: await agents.list(callerOf(request).user.id),
    }),
  );

  r.get(
    '/api/v1/agents/:id',
    { preHandler: guard, schema: { tags, params: IdParams, response: { 200: Agent } } },
    (request) => agents.get(callerOf(request).user.id, request.params.id),
  );

  r.delete(
    '/api/v1/agents/:id',
    { preHandler: guard, schema: { tags, params: IdParams, response: { 200: OkResponse } } },
    async (request) => {
      await agents.revoke(callerOf(request).user.id, request.params.id);
      return { ok: true as const };
    },
  );
}
