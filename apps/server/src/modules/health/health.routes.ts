import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

const Health = z.object({ status: z.literal('ok') });

export function register(app: FastifyInstance): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/api/v1/health', { schema: { tags: ['health'], response: { 200: Health } } }, () =>
      Promise.resolve({ status: 'ok' as const }),
    );
}
