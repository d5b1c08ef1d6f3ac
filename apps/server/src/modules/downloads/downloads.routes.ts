import { IdParams } from '@rahatback/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.js';
import { callerOf } from '../../plugins/auth-guard.js';
import { createRestoresRepository } from '../restores/restores.repository.js';
import { createDownloadsService } from './downloads.service.js';

const DownloadQuery = z.object({ storageId: z.string().min(1).max(64).optional() });
const DownloadLink = z.object({ url: z.string(), expiresAt: z.string() });

export function register(app: FastifyInstance, { store, sealer, guard }: Container): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const downloads = createDownloadsService({ repo: createRestoresRepository(store.db), sealer });

  // JSON rather than a redirect: a page can show the link's expiry and a script can use it.
  r.get(
    '/api/v1/backups/history/:id/download',
    {
      preHandler: guard,
      schema: {
        tags: ['backups'],
        params: IdParams,
        querystring: DownloadQuery,
        response: { 200: DownloadLink },
      },
    },
    (request) =>
      downloads.link(callerOf(request).user.id, request.params.id, request.query.storageId),
  );
}
