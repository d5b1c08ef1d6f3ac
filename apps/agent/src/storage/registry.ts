import type {
  StorageConfig,
  StorageKind,
  StorageSecrets,
  StorageTarget,
} from '@rahatback/protocol';
import { createLocalDriver } from './local/local.driver.js';
import { createS3Driver } from './s3/s3.driver.js';
import { createSftpDriver } from './sftp/sftp.driver.js';
import type { StorageDriver } from './storage.types.js';

type ConfigOf<K extends StorageKind> = Extract<StorageConfig, { kind: K }>;
type DriverFactoryOf<K extends StorageKind> = (
  config: ConfigOf<K>,
  secrets: StorageSecrets,
) => StorageDriver;

/** One factory per kind of the protocol: a kind added there fails to compile until it has a driver. */
const factories: { [K in StorageKind]: DriverFactoryOf<K> } = {
  local: createLocalDriver,
  s3: createS3Driver,
  sftp: createSftpDriver,
};

/** The driver for a destination. Nothing is contacted until the first call. */
export function createStorageDriver(target: StorageTarget): StorageDriver {
  return createFor(target.config, target.secrets);
}

function createFor<K extends StorageKind>(config: ConfigOf<K>, secrets: StorageSecrets) {
  const factory = factories[config.kind] as DriverFactoryOf<K>;
  return factory(config, secrets);
}
