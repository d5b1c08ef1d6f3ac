import type { Kysely } from 'kysely';
import type { AgentRow, DB } from '../../db/tables.js';

export type AgentWithStatus = AgentRow & { online: boolean };

/** Agents, their enrollment tokens and their live connections. Kysely only, scoped by owner. */
export function createAgentsRepository(db: Kysely<DB>) {
  const withStatus = (freshSince: string) =>
    db
      .selectFrom('agents')
      .selectAll('agents')
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom('agent_connections')
              .select('agent_connections.socket_id')
              .whereRef('agent_connections.agent_id', '=', 'agents.id')
              .where('agent_connections.heartbeat_at', '>', freshSince),
          )
          .as('online'),
      )
      .where('agents.revoked_at', 'is', null);
  const normalize = (row: AgentRow & { online: unknown }): AgentWithStatus => ({
    ...row,
    online: row.online === true || row.online === 1,
  });

  return {
    async insertEnrollmentToken(row: DB['enrollment_tokens']): Promise<void> {
      await db.insertInto('enrollment_tokens').values(row).execute();
    },

    /** Marks the token used in the same statement that checks it, so two agents cannot both win. */
    consumeEnrollmentToken: (tokenHash: string, now: string) =>
      db
        .updateTable('enrollment_tokens')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning(['id', 'owner_id', 'name'])
        .executeTakeFirst(),

    async linkEnrollmentToken(tokenId: string, agentId: string): Promise<void> {
      await db
        .updateTable('enrollment_tokens')
        .set({ agent_id: agentId })
        .where('id', '=', tokenId)
        .execute();
    },

    async insertAgent(row: AgentRow): Promise<void> {
      await db.insertInto('agents').values(row).execute();
    },

    async listAgents(ownerId: string, freshSince: string): Promise<AgentWithStatus[]> {
      const rows = await withStatus(freshSince)
        .where('agents.owner_id', '=', ownerId)
        .orderBy('agents.created_at')
        .execute();
      return rows.map(normalize);
    },

    async findAgent(
      ownerId: string,
      id: string,
      freshSince: string,
    ): Promise<AgentWithStatus | undefined> {
      const row = await withStatus(freshSince)
        .where('agents.owner_id', '=', ownerId)
        .where('agents.id', '=', id)
        .executeTakeFirst();
      return row === undefined ? undefined : normalize(row);
    },

    findByCredentialHash: (credentialHash: string) =>
      db
        .selectFrom('agents')
        .selectAll()
        .where('credential_hash', '=', credentialHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst(),

    findEmbeddedAgent: (ownerId: string) =>
      db
        .selectFrom('agents')
        .selectAll()
        .where('owner_id', '=', ownerId)
        .where('is_embedded', '=', 1)
        .where('revoked_at', 'is', null)
        .executeTakeFirst(),

    async replaceCredential(agentId: string, credentialHash: string): Promise<void> {
      await db
        .updateTable('agents')
        .set({ credential_hash: credentialHash })
        .where('id', '=', agentId)
        .execute();
    },

    async revoke(ownerId: string, id: string, now: string): Promise<boolean> {
      const result = await db
        .updateTable('agents')
        .set({ revoked_at: now })
        .where('owner_id', '=', ownerId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      await db.deleteFrom('agent_connections').where('agent_id', '=', id).execute();
      return result.numUpdatedRows > 0n;
    },

    async recordConnection(
      conn: DB['agent_connections'],
      info: { hostname: string; agentVersion: string; toolsJson: string },
    ): Promise<void> {
      await db.insertInto('agent_connections').values(conn).execute();
      await db
        .updateTable('agents')
        .set({
          hostname: info.hostname,
          agent_version: info.agentVersion,
          tools_json: info.toolsJson,
          last_seen_at: conn.connected_at,
        })
        .where('id', '=', conn.agent_id)
        .execute();
    },

    async removeConnection(socketId: string, agentId: string, now: string): Promise<void> {
      await db.deleteFrom('agent_connections').where('socket_id', '=', socketId).execute();
      await db.updateTable('agents').set({ last_seen_at: now }).where('id', '=', agentId).execute();
    },

    /** Refreshes every connection this server holds; a replica that died stops refreshing. */
    async heartbeat(serverId: string, now: string): Promise<void> {
      await db
        .updateTable('agent_connections')
        .set({ heartbeat_at: now })
        .where('server_id', '=', serverId)
        .execute();
      await db
        .updateTable('agents')
        .set({ last_seen_at: now })
        .where('id', 'in', (eb) =>
          eb.selectFrom('agent_connections').select('agent_id').where('server_id', '=', serverId),
        )
        .execute();
    },

    async removeConnectionsOfServer(serverId: string): Promise<void> {
      await db.deleteFrom('agent_connections').where('server_id', '=', serverId).execute();
    },

    async isOnline(agentId: string, freshSince: string): Promise<boolean> {
      const row = await db
        .selectFrom('agent_connections')
        .select('socket_id')
        .where('agent_id', '=', agentId)
        .where('heartbeat_at', '>', freshSince)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    lastSeen: (agentId: string) =>
      db
        .selectFrom('agents')
        .select(['last_seen_at', 'owner_id'])
        .where('id', '=', agentId)
        .executeTakeFirst(),
  };
}

export type AgentsRepository = ReturnType<typeof createAgentsRepository>;
