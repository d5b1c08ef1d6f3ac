import type { ToolEnvironment } from '../connectors/child-process.js';
import { createConnectors } from '../connectors/registry.js';
import type { AgentLogger } from '../logger.js';
import { createStorageDriver } from '../storage/registry.js';
import type { HandlerDeps } from './handler.types.js';

type EngineDeps = Pick<
  HandlerDeps,
  'connectorFor' | 'storageDriverFor' | 'runBackup' | 'runRestore'
>;

/**
 * The real connectors, storage drivers and pipeline runners behind the handlers. The
 * registries import an engine or a driver on its first use, and the runners are imported on
 * the first task: the agent starts fast and answers connection tests without loading cloud
 * SDKs and the backup engine.
 */
export function createEngineDeps(options: {
  pgBinDir: string | undefined;
  /** By default, from the agent's environment (config.ts). */
  tools?: ToolEnvironment;
  logger: AgentLogger;
}): EngineDeps {
  const connectors = createConnectors(options);
  const pipelineDeps = {
    connectors: (engine: keyof typeof connectors) => connectors[engine],
    storage: createStorageDriver,
    logger: options.logger,
  };
  return {
    connectorFor: (engine) => connectors[engine],
    storageDriverFor: (target) => Promise.resolve(createStorageDriver(target)),
    runBackup: async (request, { signal, onProgress }) => {
      const { runBackup } = await import('../pipeline/backup-runner.js');
      return runBackup(request, { ...pipelineDeps, signal, onProgress });
    },
    runRestore: async (request, { signal, onProgress }) => {
      const { runRestore } = await import('../pipeline/restore-runner.js');
      return runRestore(request, { ...pipelineDeps, signal, onProgress });
    },
  };
}
