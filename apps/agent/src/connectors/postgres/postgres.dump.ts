import type { DatabaseConnection } from '@rahatback/protocol';
import type { DumpHandle, RestoreHandle, RestoreOptions } from '../connector.types.js';
import { EngineError } from '../engine-error.js';

export function createPostgresDump(
  _conn: DatabaseConnection,
  _options: { signal: AbortSignal; pgBinDir?: string | undefined },
): Promise<DumpHandle> {
  return Promise.reject(new EngineError('DUMP_FAILED', 'PostgreSQL dumps are not available yet'));
}

export function createPostgresRestore(
  _conn: DatabaseConnection,
  _options: RestoreOptions & { pgBinDir?: string | undefined },
): Promise<RestoreHandle> {
  return Promise.reject(
    new EngineError('RESTORE_FAILED', 'PostgreSQL restores are not available yet'),
  );
}
