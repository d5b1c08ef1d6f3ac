import { z } from 'zod';
import { DatabaseConnection, TestConnectionResult } from './databases.js';
import {
  BackupRequest,
  BackupResult,
  ClientTool,
  DeleteObjectsRequest,
  DeleteObjectsResult,
  RestoreRequest,
  RestoreResult,
  StorageTestResult,
  TaskProgress,
} from './engine.js';
import { Failure } from './errors.js';
import { BackupJob, BackupRun, Restore } from './jobs.js';
import { StorageTarget } from './storages.js';
import { DownloadAccepted, DownloadRequest } from './transfers.js';
import { PROTOCOL_VERSION } from './version.js';

/** Socket.io namespaces: agents on one, browsers on the other. */
export const AGENT_NAMESPACE = '/agent';
export const UI_NAMESPACE = '/ui';

/** Wraps a payload shape with the protocol version every socket message carries. */
const versioned = <S extends z.ZodRawShape>(shape: S) =>
  z.object({ v: z.literal(PROTOCOL_VERSION), ...shape });

/** The `auth` object an agent sends when it opens its socket. */
export const AgentHandshake = versioned({
  credential: z.string().min(20).max(200),
  agentVersion: z.string().max(50),
  hostname: z.string().max(255),
  tools: z.array(ClientTool).max(50),
  /** Tasks still running on the agent: lets a restarted server reconcile them. */
  runningTaskIds: z.array(z.string().max(64)).max(100).default([]),
});
export type AgentHandshake = z.infer<typeof AgentHandshake>;

export const Accepted = versioned({ accepted: z.boolean(), error: Failure.optional() });
export type Accepted = z.infer<typeof Accepted>;

/**
 * Commands the server sends an agent; each is acknowledged with `ack`.
 * A timed-out ack means "unknown", not "not received": the store decides.
 */
export const AgentCommands = {
  'database:test': {
    payload: versioned({ connection: DatabaseConnection }),
    ack: versioned({ result: TestConnectionResult }),
  },
  'storage:test': {
    payload: versioned({ target: StorageTarget }),
    ack: versioned({ result: StorageTestResult }),
  },
  'storage:delete': {
    payload: versioned(DeleteObjectsRequest.shape),
    ack: versioned({ result: DeleteObjectsResult }),
  },
  'backup:execute': { payload: versioned({ request: BackupRequest }), ack: Accepted },
  'restore:execute': { payload: versioned({ request: RestoreRequest }), ack: Accepted },
  'task:cancel': {
    payload: versioned({ taskId: z.string().max(64) }),
    ack: versioned({ found: z.boolean() }),
  },
  'task:list': {
    payload: versioned({}),
    ack: versioned({ running: z.array(z.string().max(64)) }),
  },
  /** Acknowledged once the object is open; the bytes follow over HTTP (transfers.ts). */
  'download:request': {
    payload: versioned({ request: DownloadRequest }),
    ack: versioned(DownloadAccepted.shape),
  },
} as const;
export type AgentCommandName = keyof typeof AgentCommands;
export type AgentCommandPayload<E extends AgentCommandName> = z.infer<
  (typeof AgentCommands)[E]['payload']
>;
export type AgentCommandAck<E extends AgentCommandName> = z.infer<(typeof AgentCommands)[E]['ack']>;

/** Reports an agent sends the server. Results are acknowledged so the agent can retry them. */
export const AgentReports = {
  'task:progress': { payload: versioned({ progress: TaskProgress }), ack: null },
  'backup:result': { payload: versioned({ result: BackupResult }), ack: Accepted },
  'restore:result': { payload: versioned({ result: RestoreResult }), ack: Accepted },
} as const;
export type AgentReportName = keyof typeof AgentReports;
export type AgentReportPayload<E extends AgentReportName> = z.infer<
  (typeof AgentReports)[E]['payload']
>;

/** Typed socket.io maps for the agent namespace (server side: listen = reports, emit = commands). */
export type AgentToServerEvents = {
  [E in AgentReportName]: (
    payload: AgentReportPayload<E>,
    ...ack: (typeof AgentReports)[E]['ack'] extends null
      ? []
      : [(reply: z.infer<NonNullable<(typeof AgentReports)[E]['ack']>>) => void]
  ) => void;
};
export type ServerToAgentEvents = {
  [E in AgentCommandName]: (
    payload: AgentCommandPayload<E>,
    ack: (reply: AgentCommandAck<E>) => void,
  ) => void;
};

/** Events the server pushes to a user's open pages. */
export const UiEvents = {
  'agent:status': versioned({
    agentId: z.string(),
    online: z.boolean(),
    lastSeenAt: z.string().nullable(),
  }),
  'run:created': versioned({ run: BackupRun }),
  'run:progress': versioned({ runId: z.string(), jobId: z.string(), progress: TaskProgress }),
  'run:finished': versioned({ run: BackupRun }),
  /** A finished run changed after the fact: retention deleted its copies, or failed to. */
  'run:updated': versioned({ run: BackupRun }),
  'restore:created': versioned({ restore: Restore }),
  'restore:progress': versioned({ restoreId: z.string(), progress: TaskProgress }),
  'restore:finished': versioned({ restore: Restore }),
  /** A job changed (edited, paused, its next run moved); `job` null = deleted. */
  'job:updated': versioned({ jobId: z.string(), job: BackupJob.nullable() }),
} as const;
export type UiEventName = keyof typeof UiEvents;
export type UiEventPayload<E extends UiEventName> = z.infer<(typeof UiEvents)[E]>;
export type ServerToUiEvents = { [E in UiEventName]: (payload: UiEventPayload<E>) => void };

/** Reasons the server gives when it refuses an agent's socket (the connect_error message). */
export const AgentRefusal = z.enum(['PROTOCOL_MISMATCH', 'AGENT_REVOKED', 'UNAUTHENTICATED']);
export type AgentRefusal = z.infer<typeof AgentRefusal>;
