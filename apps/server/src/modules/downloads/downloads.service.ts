import {
  PROTOCOL_VERSION,
  type DownloadLink,
  type DownloadQuery,
  type StorageTarget,
} from '@rahatback/protocol';
import type { Readable } from 'node:stream';
import type { Sealer } from '../../crypto/sealer.js';
import { hashToken } from '../../crypto/tokens.js';
import { AppError, notFound } from '../../errors.js';
import type { AgentLink } from '../../realtime/agent-link.js';
import type { AgentsRepository } from '../agents/agents.repository.js';
import type { RestoresRepository } from '../restores/restores.repository.js';
import { targetOf } from '../storages/storage.secrets.js';
import { presignedGet } from './downloads.s3.js';
import type { ArrivedUpload, TransferRelay } from './downloads.transfers.js';

/** Long enough to start a large download, short enough that a leaked link soon dies. */
const S3_LINK_SECONDS = 15 * 60;

export const downloadPath = (transferId: string) =>
  `/api/v1/backups/downloads/${encodeURIComponent(transferId)}`;

const baseName = (key: string) => key.slice(key.lastIndexOf('/') + 1);

/** The agent writes this sidecar next to every backup (apps/agent pipeline/object-key.ts). */
const sidecarKey = (objectKey: string) => `${objectKey}.meta.json`;

/**
 * Downloads of a backup file. An S3 copy gets a presigned URL; a local or SFTP copy is read
 * by the agent that serves the destination, which uploads it to this server process while
 * the browser downloads it (see downloads.transfers.ts).
 */
export function createDownloadsService(deps: {
  repo: Pick<RestoresRepository, 'findRun' | 'healthyCopies' | 'agentName'>;
  agents: Pick<AgentsRepository, 'findByCredentialHash'>;
  sealer: Sealer;
  link: Pick<AgentLink, 'sendToAgent'>;
  relay: TransferRelay;
  serverId: string;
  /** How long the agent has to open the object and start its upload. */
  uploadWaitMs: number;
  /** How long an agent upload waits for the browser: the link's lifetime. */
  linkMs: number;
  now?: () => Date;
}) {
  const { repo, sealer, relay, now = () => new Date() } = deps;
  const expiry = (ms: number) => new Date(now().getTime() + ms).toISOString();

  async function throughAgent(
    ownerId: string,
    agentId: string,
    target: StorageTarget,
    objectKey: string,
  ): Promise<DownloadLink> {
    const agentName = (await repo.agentName(agentId)) ?? agentId;
    const transfer = relay.open(ownerId, agentId, baseName(objectKey));
    const request = {
      transferId: transfer.id,
      secret: transfer.secret,
      serverId: deps.serverId,
      target,
      objectKey,
    };
    try {
      const ack = await deps.link.sendToAgent(
        agentId,
        'download:request',
        { v: PROTOCOL_VERSION, request },
        deps.uploadWaitMs,
        agentName,
      );
      if (!ack.accepted)
        throw new AppError(
          ack.error?.code ?? 'STORAGE_FAILED',
          ack.error?.message ?? `agent "${agentName}" could not read the backup: check its log`,
        );
      if (!(await transfer.arrived))
        throw new AppError(
          'AGENT_TIMEOUT',
          `agent "${agentName}" opened the backup but its upload did not reach this server within ${Math.round(deps.uploadWaitMs / 1000)} s: check that the agent's host reaches the server URL it was enrolled with over HTTP(S), and the agent's log`,
        );
    } catch (error) {
      relay.cancel(transfer.id);
      throw error;
    }
    return { url: downloadPath(transfer.id), expiresAt: expiry(deps.linkMs) };
  }

  return {
    async link(
      ownerId: string,
      runId: string,
      { storageId, file }: DownloadQuery,
    ): Promise<DownloadLink> {
      const run = await repo.findRun(ownerId, runId);
      if (run === undefined) throw notFound(`backup ${runId}`);
      const copies = await repo.healthyCopies(run.id);
      const chosen =
        storageId === undefined
          ? (copies.find((c) => c.kind === 's3') ?? copies[0])
          : copies.find((c) => c.id === storageId);
      if (chosen?.object_key == null)
        throw new AppError(
          'OBJECT_NOT_FOUND',
          'no destination holds a copy of this backup to download: choose another backup or destination',
        );
      const target = targetOf(sealer, chosen);
      const key = file === 'meta' ? sidecarKey(chosen.object_key) : chosen.object_key;
      if (target.config.kind !== 's3') return throughAgent(ownerId, chosen.agent_id, target, key);
      const url = await presignedGet(target, key, S3_LINK_SECONDS);
      return { url, expiresAt: expiry(S3_LINK_SECONDS * 1000) };
    },

    /** The browser follows its link: the arrived upload, once, for its owner only. */
    open(ownerId: string, transferId: string): ArrivedUpload {
      const upload = relay.take(ownerId, transferId);
      if (upload === undefined)
        throw new AppError(
          'NOT_FOUND',
          'this download link was already used or has expired: press Download again',
        );
      return upload;
    },

    /**
     * An agent's upload for a transfer. Resolves true once the browser read all of it.
     * The agent proves who it is with its credential and which request it answers with the
     * transfer's secret.
     */
    async receive(
      credential: string | undefined,
      transferId: string,
      secret: string | undefined,
      body: Readable,
      size: number | undefined,
    ): Promise<boolean> {
      const agent =
        credential === undefined
          ? undefined
          : await deps.agents.findByCredentialHash(hashToken(credential));
      if (agent === undefined)
        throw new AppError(
          'UNAUTHENTICATED',
          'the upload carries no valid agent credential: enroll the agent again',
        );
      const outcome = relay.attach(transferId, agent.id, secret ?? '', body, size);
      switch (outcome.kind) {
        case 'attached':
          return outcome.consumed;
        case 'forbidden':
          throw new AppError(
            'FORBIDDEN',
            `transfer ${transferId} was not asked of this agent: check the agent's version`,
          );
        case 'unknown':
          throw new AppError(
            'NOT_FOUND',
            `transfer ${transferId} is not waiting on server process "${deps.serverId}": it expired or the user left, or, with several server processes, the upload reached another one (see docs/architecture.md)`,
          );
      }
    },
  };
}

export type DownloadsService = ReturnType<typeof createDownloadsService>;
