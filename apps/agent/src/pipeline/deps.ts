import type { DatabaseEngine, TaskProgress } from '@rahatback/protocol';
import type { Connector } from '../connectors/connector.types.js';
import type { StorageDriverFactory } from '../storage/storage.types.js';

/** The few logger methods the runners use; a pino logger fits. */
export interface PipelineLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/** What a runner needs from the rest of the agent, injected so tests can pass fakes. */
export interface PipelineDeps {
  /** Usually `getConnector` from connectors/registry.ts. */
  connectors: (engine: DatabaseEngine) => Connector;
  /** Usually `createStorageDriver` from storage/registry.ts. */
  storage: StorageDriverFactory;
  onProgress?: (progress: TaskProgress) => void;
  /** Aborting it cancels the run: the child is killed and no object is left. */
  signal?: AbortSignal;
  logger?: PipelineLogger;
}

export const silentLogger: PipelineLogger = { info: () => undefined, warn: () => undefined };

/** The stderr lines an EngineError carries, if the error is one. */
export function logTailOf(error: unknown): string[] {
  if (typeof error !== 'object' || error === null || !('logTail' in error)) return [];
  const tail = error.logTail;
  return Array.isArray(tail)
    ? tail.filter((l): l is string => typeof l === 'string').slice(-50)
    : [];
}
