import { IdParams, Restore, RestorePage, RestoreQuery } from '@rahatback/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Container } from '../../container.js';
import { callerOf } from '../../plugins/auth-guard.js';
import { followUpsOf } from '../history/follow-ups.js';

const tags = ['restores'];

export function register(app: FastifyInstance, container: Container): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { restores } = followUpsOf(app, container);
  const { guard } = container;

  r.get(
    '/api/v1/restores',
    {
      preHandler: guard,
      schema: { tags, querystring: RestoreQuery, response: { 200: RestorePage } },
    },
    (request) => restores.list(callerOf(request).user.id, request.query),
  );

  r.get(
    '/api/v1/restores/:id',
    { preHandler: guard, schema: { tags, params: IdParams, response: { 200: Restore } } },
    (request) => restores.get(callerOf(request).user.id, request.params.id),
  );
}
