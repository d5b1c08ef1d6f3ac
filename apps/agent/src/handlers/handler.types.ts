import type {
  BackupRequest,
  BackupResult,
  DatabaseEngine,
  RestoreRequest,
  RestoreResult,
  StorageTarget,
  TaskProgress,
} from '@rahatback/protocol';
import type { Connector } from '../connectors/connector.types.js';
import type { AgentLogger } from '../logger.js';
import type { StorageDriver } from '../storage/storage.types.js';
import type { ResultOutbox } from '../transport/result-outbox.js';
import type { TaskRegistry } from './task-registry.js';

export interface RunOptions {
  signal: AbortSignal;
  onProgress: (progress: TaskProgress) => void;
}

/** Runs one backup to the end; resolves with its result, failed or not, and never throws on purpose. */
export type BackupRunner = (request: BackupRequest, options: RunOptions) => Promise<BackupResult>;
export type RestoreRunner = (
  request: RestoreRequest,
  options: RunOptions,
) => Promise<RestoreResult>;

/** What the command handlers need from the rest of the agent; tests pass fakes of each. */
export interface HandlerDeps {
  logger: AgentLogger;
  connectorFor: (engine: DatabaseEngine) => Pick<Connector, 'testConnection'>;
  /** Async so that the drivers (and their SDKs) load only when a storage command comes. */
  storageDriverFor: (target: StorageTarget) => Promise<StorageDriver>;
  tasks: TaskRegistry;
  outbox: ResultOutbox;
  reportProgress: (progress: TaskProgress) => void;
  /** The server this agent is enrolled with, for uploads over HTTP (downloads). */
  server: { url: string; credential: string };
  /** Unset while this build of the agent has no backup engine: the command is then declined. */
  runBackup?: BackupRunner | undefined;
  runRestore?: RestoreRunner | undefined;
}
