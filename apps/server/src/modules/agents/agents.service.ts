import {
  ClientTool,
  PROTOCOL_VERSION,
  type Agent,
  type CreateEnrollmentTokenBody,
  type EnrollBody,
  type EnrollmentToken,
  type EnrollResponse,
} from '@rahatback/protocol';
import { z } from 'zod';
import { hashToken, newEnrollmentToken, newSecretToken } from '../../crypto/tokens.js';
import { AppError, notFound } from '../../errors.js';
import type { AgentLink } from '../../realtime/agent-link.js';
import { freshSince } from '../../realtime/presence.js';
import type { UiPush } from '../../realtime/ui-namespace.js';
import type { AgentsRepository, AgentWithStatus } from './agents.repository.js';

const ENROLLMENT_TTL_MS = 3600_000;
const StoredTools = z.array(ClientTool).catch([]);

export interface AgentsServiceDeps {
  repo: AgentsRepository;
  link: Pick<AgentLink, 'disconnectAgent'>;
  ui: UiPush;
  /** RAHATBACK_PUBLIC_URL, or undefined to use the address the caller reached us at. */
  publicUrl: string | undefined;
  now?: () => Date;
}

export const toAgent = (row: AgentWithStatus): Agent => ({
  id: row.id,
  name: row.name,
  online: row.online,
  lastSeenAt: row.last_seen_at,
  hostname: row.hostname,
  agentVersion: row.agent_version,
  tools: StoredTools.parse(JSON.parse(row.tools_json)),
  isEmbedded: row.is_embedded === 1,
  createdAt: row.created_at,
});

export function createAgentsService({
  repo,
  link,
  ui,
  publicUrl,
  now = () => new Date(),
}: AgentsServiceDeps) {
  return {
    /** `requestOrigin` (e.g. http://192.168.1.5:8080) serves when no public URL is configured. */
    async createEnrollmentToken(
      ownerId: string,
      body: CreateEnrollmentTokenBody,
      requestOrigin: string,
    ): Promise<EnrollmentToken> {
      const token = newEnrollmentToken();
      const at = now();
      const expiresAt = new Date(at.getTime() + ENROLLMENT_TTL_MS).toISOString();
      await repo.insertEnrollmentToken({
        id: crypto.randomUUID(),
        token_hash: hashToken(token),
        owner_id: ownerId,
        name: body.name,
        expires_at: expiresAt,
        used_at: null,
        agent_id: null,
        created_at: at.toISOString(),
      });
      return {
        token,
        expiresAt,
        command: `npx rahatback-agent enroll --server ${publicUrl ?? requestOrigin} --token ${token}`,
      };
    },

    /** Trades a one-time token for a credential; the token is consumed atomically. */
    async enroll(body: EnrollBody): Promise<EnrollResponse> {
      const at = now().toISOString();
      const token = await repo.consumeEnrollmentToken(hashToken(body.token), at);
      if (token === undefined)
        throw new AppError(
          'ENROLLMENT_TOKEN_INVALID',
          'this enrollment token is unknown, used already or expired: create a new one on the Agents page',
        );
      const credential = newSecretToken();
      const agentId = crypto.randomUUID();
      await repo.insertAgent({
        id: agentId,
        owner_id: token.owner_id,
        name: token.name,
        credential_hash: hashToken(credential),
        hostname: body.hostname,
        agent_version: body.agentVersion,
        tools_json: '[]',
        last_seen_at: null,
        revoked_at: null,
        is_embedded: 0,
        created_at: at,
      });
      await repo.linkEnrollmentToken(token.id, agentId);
      return { agentId, credential };
    },

    async list(ownerId: string): Promise<Agent[]> {
      return (await repo.listAgents(ownerId, freshSince(now()))).map(toAgent);
    },

    async get(ownerId: string, id: string): Promise<Agent> {
      const row = await repo.findAgent(ownerId, id, freshSince(now()));
      if (row === undefined) throw notFound(`agent ${id}`);
      return toAgent(row);
    },

    /** The credential stops working at once and every open socket of the agent is closed. */
    async revoke(ownerId: string, id: string): Promise<void> {
      const at = now().toISOString();
      if (!(await repo.revoke(ownerId, id, at))) throw notFound(`agent ${id}`);
      link.disconnectAgent(id);
      ui.pushToUser(ownerId, 'agent:status', {
        v: PROTOCOL_VERSION,
        agentId: id,
        online: false,
        lastSeenAt: at,
      });
    },
  };
}

export type AgentsService = ReturnType<typeof createAgentsService>;
