import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { ClientTool } from './engine.js';

export const Agent = z.object({
  id: Id,
  name: z.string(),
  online: z.boolean(),
  lastSeenAt: Timestamp.nullable(),
  hostname: z.string().nullable(),
  agentVersion: z.string().nullable(),
  tools: z.array(ClientTool),
  isEmbedded: z.boolean(),
  createdAt: Timestamp,
});
export type Agent = z.infer<typeof Agent>;

export const AgentList = z.object({ items: z.array(Agent) });
export type AgentList = z.infer<typeof AgentList>;

export const CreateEnrollmentTokenBody = z.object({
  /** A name for the agent that will enroll with this token. */
  name: z.string().trim().min(1).max(100).default('agent'),
});
export type CreateEnrollmentTokenBody = z.infer<typeof CreateEnrollmentTokenBody>;

export const EnrollmentToken = z.object({
  token: z.string(),
  expiresAt: Timestamp,
  /** The exact command to run on the agent's host. */
  command: z.string(),
});
export type EnrollmentToken = z.infer<typeof EnrollmentToken>;

/** POST /api/v1/agents/enroll: the agent trades the one-time token for its credential. */
export const EnrollBody = z.object({
  token: z.string().min(16).max(200),
  hostname: z.string().max(255),
  agentVersion: z.string().max(50),
});
export type EnrollBody = z.infer<typeof EnrollBody>;

export const EnrollResponse = z.object({
  agentId: Id,
  /** 256 random bits, base64url; the server keeps only its hash. */
  credential: z.string(),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;

/**
 * The agent's config file (JSON, mode 0600), written by `rahatback-agent enroll` — or by
 * the server for its embedded agent. Default location `~/.config/rahatback/agent.json`,
 * overridden by `--config` or `RAHATBACK_AGENT_CONFIG`.
 */
export const AgentConfigFile = z.object({
  serverUrl: z.string().url(),
  agentId: Id,
  credential: z.string().min(20),
  /** Overrides where PostgreSQL client binaries are looked for. */
  pgBinDir: z.string().optional(),
  /** The host name the agent reports (`enroll --name`); unset = the machine's own. */
  hostname: z.string().min(1).max(255).optional(),
});
export type AgentConfigFile = z.infer<typeof AgentConfigFile>;
