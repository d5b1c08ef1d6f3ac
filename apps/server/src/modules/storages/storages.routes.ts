import {
  IdParams,
  OkResponse,
  Storage,
  StorageInput,
  StorageList,
  StoragePatch,
  StorageTestResult,
} from '@rahatback/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Container } from '../../container.js';
import { callerOf } from '../../plugins/auth-guard.js';

const tags = ['storages'];

export function register(app: FastifyInstance, { services, guard }: Container): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const storages = services.storages;

  r.get(
    '/api/v1/storages',
    { preHandler: guard, schema: { tags, response: { 200: StorageList } } },
    async (request) => ({ items: await storages.list(callerOf(request).user.id) }),
  );

  r.post(
    '/api/v1/storages',
    { preHandler: guard, schema: { tags, body: StorageInput, response: { 201: Storage } } },
    async (request, reply) =>
      reply.status(201).send(await storages.create(callerOf(request).user.id, request.body)),
  );

  r.post(
    '/api/v1/storages/test',
    {
      preHandler: guard,
      schema: { tags, body: StorageInput, response: { 200: StorageTestResult } },
    },
    (request) => storages.testUnsaved(callerOf(request).user.id, request.body),
  );

  r.get(
    '/api/v1/storages/:id',
    { preHandler: guard, schema: { tags, params: IdParams, response: { 200: Storage } } },
    (request) => storages.get(callerOf(request).user.id, request.params.id),
  );

  r.patch(
    '/api/v1/storages/:id',
    {
      preHandler: guard,
      schema: { tags, params: IdParams, body: StoragePatch, response: { 200: Storage } },
    },
    (request) => storages.update(callerOf(request).user.id, request.params.id, request.body),
  );

  r.delete(
    '/api/v1/storages/:id',
    { preHandler: guard, schema: { tags, params: IdParams, response: { 200: OkResponse } } },
    async (request) => {
      await storages.remove(callerOf(request).user.id, request.params.id);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/v1/storages/:id/test',
    { preHandler: guard, schema: { tags, params: IdParams, response: { 200: StorageTestResult } } },
    (request) => storages.testSaved(callerOf(request).user.id, request.params.id),
  );
}
