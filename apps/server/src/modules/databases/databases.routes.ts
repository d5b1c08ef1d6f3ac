import {
  Database,
  DatabaseInput,
  DatabaseList,
  DatabasePatch,
  IdParams,
  OkResponse,
  TestConnectionResult,
} from '@rahatback/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Container } from '../../container.js';
import { callerOf } from '../../plugins/auth-guard.js';

const tags = ['databases'];

export function register(app: FastifyInstance, { services, guard }: Container): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const databases = services.databases;

  r.get(
    '/api/v1/databases',
    { preHandler: guard, schema: { tags, response: { 200: DatabaseList } } },
    async (request) => ({
      items: await databases.list(callerOf(request).user.id),
    }),
  );

  r.post(
    '/api/v1/databases',
    { preHandler: guard, schema: { tags, body: DatabaseInput, response: { 201: Database } } },
    async (request, reply) =>
      reply.status(201).send(await databases.create(callerOf(request).user.id, request.body)),
  );

  r.post(
    '/api/v1/databases/test-connection',
    {
      preHandler: guard,
      schema: { tags, body: DatabaseInput, response: { 200: TestConnectionResult } },
    },
    (request) => databases.testUnsaved(callerOf(request).user.id, request.body),
  );

  r.get(
    '/api/v1/databases/:id',
    { preHandler: guard, schema: { tags, params: IdParams, response: { 200: Database } } },
    (request) => databases.get(callerOf(request).user.id, request.params.id),
  );

  r.patch(
    '/api/v1/databases/:id',
    {
      preHandler: guard,
      schema: { tags, params: IdParams, body: DatabasePatch, response: { 200: Database } },
    },
    (request) => databases.update(callerOf(request).user.id, request.params.id, request.body),
  );

  r.delete(
    '/api/v1/databases/:id',
    { preHandler: guard, schema: { tags, params: IdParams, response: { 200: OkResponse } } },
    async (request) => {
      await databases.remove(callerOf(request).user.id, request.params.id);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/v1/databases/:id/test',
    {
      preHandler: guard,
      schema: { tags, params: IdParams, response: { 200: TestConnectionResult } },
    },
    (request) => databases.testSaved(callerOf(request).user.id, request.params.id),
  );
}
