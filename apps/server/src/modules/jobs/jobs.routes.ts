import {
  BackupJob,
  BackupJobInput,
  BackupJobList,
  BackupJobPatch,
  IdParams,
  OkResponse,
} from '@rahatback/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Container } from '../../container.js';
import { callerOf } from '../../plugins/auth-guard.js';

const tags = ['backups'];

export function register(app: FastifyInstance, { services, guard }: Container): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const jobs = services.jobs;

  r.get(
    '/api/v1/backups/jobs',
    { preHandler: guard, schema: { tags, response: { 200: BackupJobList } } },
    async (request) => ({ items: await jobs.list(callerOf(request).user.id) }),
  );

  r.post(
    '/api/v1/backups/jobs',
    { preHandler: guard, schema: { tags, body: BackupJobInput, response: { 201: BackupJob } } },
    async (request, reply) =>
      reply.status(201).send(await jobs.create(callerOf(request).user.id, request.body)),
  );

  r.get(
    '/api/v1/backups/jobs/:id',
    { preHandler: guard, schema: { tags, params: IdParams, response: { 200: BackupJob } } },
    (request) => jobs.get(callerOf(request).user.id, request.params.id),
  );

  r.patch(
    '/api/v1/backups/jobs/:id',
    {
      preHandler: guard,
      schema: { tags, params: IdParams, body: BackupJobPatch, response: { 200: BackupJob } },
    },
    (request) => jobs.update(callerOf(request).user.id, request.params.id, request.body),
  );

  r.delete(
    '/api/v1/backups/jobs/:id',
    { preHandler: guard, schema: { tags, params: IdParams, response: { 200: OkResponse } } },
    async (request) => {
      await jobs.remove(callerOf(request).user.id, request.params.id);
      return { ok: true as const };
    },
  );
}
