import type {
  StorageConfig,
  StorageKind,
  StorageSecrets,
  StorageTarget,
} from '@rahatback/protocol';
import type { StorageDriver } from './storage.types.js';

type ConfigOf<K extends StorageKind> = Extract<StorageConfig, { kind: K }>;
type DriverFactoryOf<K extends StorageKind> = (
  config: ConfigOf<K>,
  secrets: StorageSecrets,
) => StorageDriver;

/**
 * How to load the factory of each kind of the protocol: a kind added there fails to compile
 * until it has a driver. A driver's module (and its SDK: @aws-sdk/*, ssh2-sftp-client) is
 * imported when a destination of that kind is first used, not when the agent starts.
 */
const loaders: { [K in StorageKind]: () => Promise<DriverFactoryOf<K>> } = {
  local: async () => (await import('./local/local.driver.js')).createLocalDriver,
  s3: async () => (await import('./s3/s3.driver.js')).createS3Driver,
  sftp: async () => (await import('./sftp/sftp.driver.js')).createSftpDriver,
};

/** The driver for a destination. Nothing is imported or contacted until the first call. */
export function createStorageDriver(target: StorageTarget): StorageDriver {
  let loading: Promise<StorageDriver> | undefined;
  const real = (): Promise<StorageDriver> => {
    // A failed import is retried on the next call rather than remembered.
    loading ??= createFor(target.config, target.secrets).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  return {
    kind: target.config.kind,
    put: async (key, body, options) => (await real()).put(key, body, options),
    get: async (key, options) => (await real()).get(key, options),
    delete: async (key) => (await real()).delete(key),
    list: async (prefix) => (await real()).list(prefix),
    test: async () => (await real()).test(),
    // A driver never loaded holds no connection.
    close: async () => (loading === undefined ? undefined : (await loading).close()),
  };
}

async function createFor<K extends StorageKind>(config: ConfigOf<K>, secrets: StorageSecrets) {
  const factory: DriverFactoryOf<K> = await loaders[config.kind]();
  return factory(config, secrets);
}
