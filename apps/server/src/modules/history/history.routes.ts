import {
  BackupRun,
  HistoryPage,
  HistoryQuery,
  IdParams,
  Restore,
  RestoreInput,
} from '@rahatback/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Container } from '../../container.js';
import { callerOf } from '../../plugins/auth-guard.js';
import { followUpsOf } from './follow-ups.js';

const tags = ['backups'];

export function register(app: FastifyInstance, container: Container): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { history, restores } = followUpsOf(app, container);
  const { guard } = container;

  r.get(
    '/api/v1/backups/history',
    {
      preHandler: guard,
      schema: { tags, querystring: HistoryQuery, response: { 200: HistoryPage } },
    },
    (request) => history.list(callerOf(request).user.id, request.query),
  );

  r.get(
    '/api/v1/backups/history/:id',
    { preHandler: guard, schema: { tags, params: IdParams, response: { 200: BackupRun } } },
    (request) => history.get(callerOf(request).user.id, request.params.id),
  );

  r.post(
    '/api/v1/backups/history/:id/restore',
    {
      preHandler: guard,
      schema: { tags, params: IdParams, body: RestoreInput, response: { 201: Restore } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await restores.start(
            callerOf(request).user.id,
            request.params.id,
            request.body,
            'restore',
          ),
        ),
  );

  r.post(
    '/api/v1/backups/history/:id/verify',
    { preHandler: guard, schema: { tags, params: IdParams, response: { 201: Restore } } },
    async (request, reply) => {
      const ownerId = callerOf(request).user.id;
      const run = await history.get(ownerId, request.params.id);
      return reply
        .status(201)
        .send(
          await restores.start(
            ownerId,
            run.id,
            { targetDatabaseId: run.databaseId, dropExisting: false },
            'verify',
          ),
        );
    },
  );
}
