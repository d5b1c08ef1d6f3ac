import {
  DownloadLink,
  DownloadQuery,
  IdParams,
  TRANSFER_SECRET_HEADER,
  TransferParams,
} from '@rahatback/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Container } from '../../container.js';
import { bearerTokenOf, callerOf } from '../../plugins/auth-guard.js';
import { createRestoresRepository } from '../restores/restores.repository.js';
import { attachment } from './downloads.s3.js';
import { createDownloadsService } from './downloads.service.js';
import { createTransferRelay } from './downloads.transfers.js';

/** The agent's whole answer (open the object, start the upload) fits in this. */
const UPLOAD_WAIT_MS = 20_000;
/** A link to a local or SFTP copy is followed at once by the page that asked for it. */
const LINK_MS = 60_000;

const headerOf = (value: string | string[] | undefined) =>
  typeof value === 'string' ? value : undefined;

export function register(
  app: FastifyInstance,
  { store, sealer, guard, hub, repos, config }: Container,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const relay = createTransferRelay({ uploadWaitMs: UPLOAD_WAIT_MS, linkMs: LINK_MS });
  const downloads = createDownloadsService({
    repo: createRestoresRepository(store.db),
    agents: repos.agents,
    sealer,
    link: hub,
    relay,
    serverId: config.serverId,
    uploadWaitMs: UPLOAD_WAIT_MS,
    linkMs: LINK_MS,
  });
  // Open transfers would hold the server's close until their browser or agent gives up.
  app.addHook('preClose', (done) => {
    relay.close();
    done();
  });

  // JSON rather than a redirect: the page shows the server's sentence when a copy cannot be
  // read, and follows a link that is known to work.
  r.get(
    '/api/v1/backups/history/:id/download',
    {
      preHandler: guard,
      // A HEAD would start (or use up) a transfer.
      exposeHeadRoute: false,
      schema: {
        tags: ['backups'],
        description:
          'A link to the backup file as stored (compressed, and encrypted when the job encrypts). S3: a presigned URL valid 15 minutes. Local folder and SFTP: the agent of the destination starts uploading it to this server, and the answer is a one-time path of this server, valid 60 seconds, to GET with the same session. `file=meta` gives the `.meta.json` sidecar instead (checksum and format).',
        params: IdParams,
        querystring: DownloadQuery,
        response: { 200: DownloadLink },
      },
    },
    (request) => downloads.link(callerOf(request).user.id, request.params.id, request.query),
  );

  r.get(
    '/api/v1/backups/downloads/:transferId',
    {
      preHandler: guard,
      // A HEAD would start (or use up) a transfer.
      exposeHeadRoute: false,
      schema: {
        tags: ['backups'],
        description:
          'Streams a local or SFTP copy as the agent uploads it, once, to the account that asked for the link (`application/octet-stream`, as an attachment).',
        params: TransferParams,
      },
    },
    (request, reply) => {
      const upload = downloads.open(callerOf(request).user.id, request.params.transferId);
      void reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', attachment(upload.fileName))
        .header('cache-control', 'no-store');
      if (upload.size !== undefined) void reply.header('content-length', upload.size);
      return reply.send(upload.body);
    },
  );

  // The agent's upload: its body is streamed, never parsed, so it needs a scope of its own.
  void app.register((scope, _options, done) => {
    scope.addContentTypeParser('application/octet-stream', (_request, _payload, parsed) =>
      parsed(null),
    );
    scope.withTypeProvider<ZodTypeProvider>().put(
      '/api/v1/agent/transfers/:transferId',
      {
        schema: {
          tags: ['agents'],
          description: `An agent uploads the object a \`download:request\` asked for (\`Authorization: Bearer <agent credential>\`, \`${TRANSFER_SECRET_HEADER}\`). Answers 204 once the browser has read it all.`,
          params: TransferParams,
          security: [],
        },
      },
      async (request, reply) => {
        const length = Number(headerOf(request.headers['content-length']));
        const isComplete = await downloads.receive(
          bearerTokenOf(request.headers.authorization),
          request.params.transferId,
          headerOf(request.headers[TRANSFER_SECRET_HEADER]),
          request.raw,
          Number.isSafeInteger(length) && length >= 0 ? length : undefined,
        );
        return reply.status(isComplete ? 204 : 409).send();
      },
    );
    done();
  });
}
