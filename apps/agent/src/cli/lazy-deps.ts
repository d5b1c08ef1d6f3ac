import type {
  DatabaseEngine,
  StorageConfig,
  StorageKind,
  StorageTarget,
} from '@rahatback/protocol';
import type { Connector } from '../connectors/connector.types.js';
import type { PipelineDeps } from '../pipeline/deps.js';
import type { StorageDriver } from '../storage/storage.types.js';

// The registries import every engine and every SDK at once: about 40 MB and half a second
// before a CLI run does anything. A command needs one connector and one or two drivers, so
// it loads only those. Typed over the protocol's kinds, so a new kind fails to compile here.

type ConfigOf<K extends StorageKind> = Extract<StorageConfig, { kind: K }>;
type DriverLoader<K extends StorageKind> = () => Promise<
  (config: ConfigOf<K>, target: StorageTarget) => StorageDriver
>;

const driverLoaders: { [K in StorageKind]: DriverLoader<K> } = {
  local: async () => {
    const { createLocalDriver } = await import('../storage/local/local.driver.js');
    return (config) => createLocalDriver(config);
  },
  s3: async () => {
    const { createS3Driver } = await import('../storage/s3/s3.driver.js');
    return (config, target) => createS3Driver(config, target.secrets);
  },
  sftp: async () => {
    const { createSftpDriver } = await import('../storage/sftp/sftp.driver.js');
    return (config, target) => createSftpDriver(config, target.secrets);
  },
};

const connectorLoaders: Record<DatabaseEngine, () => Promise<Connector>> = {
  postgresql: async () =>
    (await import('../connectors/postgres/postgres.connector.js')).createPostgresConnector(),
  mysql: async () =>
    (await import('../connectors/mysql/mysql.connector.js')).createMysqlConnector('mysql'),
  mariadb: async () =>
    (await import('../connectors/mysql/mysql.connector.js')).createMysqlConnector('mariadb'),
  sqlite: async () =>
    (await import('../connectors/sqlite/sqlite.connector.js')).createSqliteConnector(),
};

async function loadDriverFactory(kind: StorageKind) {
  const make = await (driverLoaders[kind] as DriverLoader<StorageKind>)();
  return (target: StorageTarget) => make(target.config, target);
}

/** The connector and storage drivers for one CLI run, loaded on demand. */
export async function loadPipelineDeps(
  engine: DatabaseEngine,
  targets: StorageTarget[],
): Promise<Pick<PipelineDeps, 'connectors' | 'storage'>> {
  const connector = await connectorLoaders[engine]();
  const kinds = [...new Set(targets.map((t) => t.config.kind))];
  const factories = new Map(
    await Promise.all(kinds.map(async (k) => [k, await loadDriverFactory(k)] as const)),
  );
  return {
    connectors: () => connector,
    storage: (target) => {
      const factory = factories.get(target.config.kind);
      if (factory === undefined) throw new Error(`no driver loaded for ${target.config.kind}`);
      return factory(target);
    },
  };
}
