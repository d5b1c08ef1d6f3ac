import { DashboardSummary } from '@rahatback/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Container } from '../../container.js';
import { callerOf } from '../../plugins/auth-guard.js';
import { createDashboardRepository } from './dashboard.repository.js';
import { createDashboardService } from './dashboard.service.js';

const tags = ['dashboard'];

export function register(app: FastifyInstance, { store, guard }: Container): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const dashboard = createDashboardService({ repo: createDashboardRepository(store.db) });

  r.get(
    '/api/v1/dashboard',
    { preHandler: guard, schema: { tags, response: { 200: DashboardSummary } } },
    (request) => dashboard.summary(callerOf(request).user.id),
  );
}
