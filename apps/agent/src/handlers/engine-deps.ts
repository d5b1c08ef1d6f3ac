import type { DatabaseEngine, StorageTarget } from '@rahatback/protocol';
import { createConnectors } from '../connectors/registry.js';
import type { AgentLogger } from '../logger.js';
import type { StorageDriver, StorageDriverFactory } from '../storage/storage.types.js';
import type { HandlerDeps } from './handler.types.js';

type EngineDeps = Pick<
  HandlerDeps,
  'connectorFor' | 'storageDriverFor' | 'runBackup' | 'runRestore'
>;

/**
 * The real connectors, storage drivers and pipeline runners behind the handlers. The storage
 * drivers and runners are imported on first use: the agent starts fast and answers connection
 * tests without loading cloud SDKs and the backup engine.
 */
export function createEngineDeps(options: {
  pgBinDir: string | undefined;
  logger: AgentLogger;
}): EngineDeps {
  const connectors = createConnectors({ pgBinDir: options.pgBinDir });
  const pipelineDeps = {
    connectors: (engine: DatabaseEngine) => connectors[engine],
    storage: createStorageDriverOnceLoaded,
    logger: options.logger,
  };
  return {
    connectorFor: (engine) => connectors[engine],
    storageDriverFor: async (target) => (await loadStorageRegistry())(target),
    runBackup: async (request, { signal, onProgress }) => {
      const { runBackup } = await import('../pipeline/backup-runner.js');
      await loadStorageRegistry();
      return runBackup(request, { ...pipelineDeps, signal, onProgress });
    },
    runRestore: async (request, { signal, onProgress }) => {
      const { runRestore } = await import('../pipeline/restore-runner.js');
      await loadStorageRegistry();
      return runRestore(request, { ...pipelineDeps, signal, onProgress });
    },
  };
}

// The pipeline's storage factory is synchronous; runners call it only after the registry loaded.
let storageFactory: StorageDriverFactory | undefined;

async function loadStorageRegistry(): Promise<StorageDriverFactory> {
  storageFactory ??= (await import('../storage/registry.js')).createStorageDriver;
  return storageFactory;
}

function createStorageDriverOnceLoaded(target: StorageTarget): StorageDriver {
  if (storageFactory === undefined) throw new Error('the storage drivers are not loaded yet');
  return storageFactory(target);
}
