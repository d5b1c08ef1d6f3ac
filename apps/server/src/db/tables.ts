import type { Generated, Insertable, Selectable } from 'kysely';
import type { BackupsTables } from './backups.tables.js';

/*
 * The metadata store's tables. Both dialects store the same shapes: ids are random UUIDs
 * (text), times are ISO-8601 UTC strings with millisecond precision (so a value read back
 * compares equal to the one written), booleans are 0/1 integers, JSON is text.
 */

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  is_admin: number;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface LoginAttemptsTable {
  id: string;
  /** `ip:<address>` or `email:<address>`. */
  key: string;
  attempted_at: string;
}

export interface AgentsTable {
  id: string;
  owner_id: string;
  name: string;
  credential_hash: string;
  hostname: string | null;
  agent_version: string | null;
  tools_json: string;
  last_seen_at: string | null;
  revoked_at: string | null;
  is_embedded: number;
  created_at: string;
}

/** One row per open agent socket, on whichever replica holds it. */
export interface AgentConnectionsTable {
  socket_id: string;
  agent_id: string;
  server_id: string;
  connected_at: string;
  heartbeat_at: string;
}

export interface EnrollmentTokensTable {
  id: string;
  token_hash: string;
  owner_id: string;
  name: string;
  expires_at: string;
  used_at: string | null;
  agent_id: string | null;
  created_at: string;
}

export interface DatabasesTable {
  id: string;
  owner_id: string;
  agent_id: string;
  name: string;
  engine: string;
  host: string;
  port: number | null;
  username: string;
  database_name: string;
  sealed_password: string | null;
  options_json: string;
  created_at: string;
  updated_at: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

/** Used by @socket.io/postgres-adapter for payloads over ~8 kB; PostgreSQL only. */
export interface SocketIoAttachmentsTable {
  id: Generated<string>;
  created_at: Generated<Date>;
  payload: Buffer | null;
}

export interface DB extends BackupsTables {
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  agents: AgentsTable;
  agent_connections: AgentConnectionsTable;
  enrollment_tokens: EnrollmentTokensTable;
  databases: DatabasesTable;
  meta: MetaTable;
  socket_io_attachments: SocketIoAttachmentsTable;
}

export type UserRow = Selectable<UsersTable>;
export type AgentRow = Selectable<AgentsTable>;
export type DatabaseRow = Selectable<DatabasesTable>;
export type NewDatabaseRow = Insertable<DatabasesTable>;
