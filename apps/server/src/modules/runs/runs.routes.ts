import { BackupRun, IdParams } from '@rahatback/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Container } from '../../container.js';
import { callerOf } from '../../plugins/auth-guard.js';

const tags = ['backups'];

export function register(app: FastifyInstance, { services, guard }: Container): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const runs = services.runs;

  r.post(
    '/api/v1/backups/jobs/:id/run',
    { preHandler: guard, schema: { tags, params: IdParams, response: { 201: BackupRun } } },
    async (request, reply) =>
      reply.status(201).send(
        await runs.startRun(request.params.id, {
          trigger: 'manual',
          callerId: callerOf(request).user.id,
        }),
      ),
  );

  r.post(
    '/api/v1/backups/history/:id/cancel',
    { preHandler: guard, schema: { tags, params: IdParams, response: { 200: BackupRun } } },
    (request) => runs.cancel(callerOf(request).user.id, request.params.id),
  );
}
