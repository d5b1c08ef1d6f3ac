import { join } from 'node:path';
import type { Insertable } from 'kysely';
import { pino } from 'pino';
import type { BackupJobsTable } from '../../src/db/backups.tables.js';
import type { AgentsTable, DatabasesTable } from '../../src/db/tables.js';
import { migrateStore, openStore, type Store } from '../../src/db/store.js';
import { createPgDatabase, makeTempDir } from '../helpers.js';

const silent = pino({ level: 'silent' });

export interface OpenedStore {
  store: Store;
  cleanup(): Promise<void>;
}

/** Both dialects of the metadata store, migrated, each in its own temp database. */
export const dialects: { name: string; open(): Promise<OpenedStore> }[] = [
  {
    name: 'SQLite',
    async open() {
      const temp = makeTempDir();
      const store = openStore({
        databaseUrl: undefined,
        sqlitePath: join(temp.dir, 'rb.db'),
        logger: silent,
      });
      await migrateStore(store);
      return { store, cleanup: async () => (await store.close(), temp.remove()) };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const pg = await createPgDatabase();
      const store = openStore({ databaseUrl: pg.url, sqlitePath: '', logger: silent });
      await migrateStore(store);
      return { store, cleanup: async () => (await store.close(), await pg.drop()) };
    },
  },
];

/** A user row to own what a test inserts directly into the store. */
export async function insertOwner(store: Store, id: string, at: string): Promise<void> {
  await store.db
    .insertInto('users')
    .values({
      id,
      email: `${id}@x.test`,
      name: 'o',
      password_hash: 'x',
      is_admin: 0,
      created_at: at,
    })
    .execute();
}

/** An agent row of `ownerId`, seen at `at` unless `patch` says otherwise. */
export async function insertAgent(
  store: Store,
  ids: { id: string; ownerId: string },
  at: string,
  patch: Partial<Insertable<AgentsTable>> = {},
): Promise<void> {
  await store.db
    .insertInto('agents')
    .values({
      id: ids.id,
      owner_id: ids.ownerId,
      name: 'a',
      credential_hash: ids.id,
      hostname: null,
      agent_version: null,
      tools_json: '[]',
      last_seen_at: at,
      revoked_at: null,
      is_embedded: 0,
      created_at: at,
      ...patch,
    })
    .execute();
}

/** A PostgreSQL database row of `ownerId` reached through `agentId`, with no password. */
export async function insertDatabase(
  store: Store,
  ids: { id: string; ownerId: string; agentId: string },
  at: string,
  patch: Partial<Insertable<DatabasesTable>> = {},
): Promise<void> {
  await store.db
    .insertInto('databases')
    .values({
      id: ids.id,
      owner_id: ids.ownerId,
      agent_id: ids.agentId,
      name: 'd',
      engine: 'postgresql',
      host: 'h',
      port: 5432,
      username: 'u',
      database_name: 'd',
      sealed_password: null,
      options_json: '{}',
      created_at: at,
      updated_at: at,
      ...patch,
    })
    .execute();
}

/** A manual, unencrypted zstd job row of `ownerId` for `databaseId`. */
export async function insertJob(
  store: Store,
  ids: { id: string; ownerId: string; databaseId: string },
  at: string,
  patch: Partial<Insertable<BackupJobsTable>> = {},
): Promise<void> {
  await store.db
    .insertInto('backup_jobs')
    .values({
      id: ids.id,
      owner_id: ids.ownerId,
      database_id: ids.databaseId,
      name: 'j',
      schedule_json: '{"kind":"manual"}',
      timezone: null,
      compression: 'zstd',
      compression_level: null,
      encrypted: 0,
      sealed_passphrase: null,
      retention_json: '{}',
      notifications_json: '{}',
      verification_json: '{}',
      enabled: 1,
      timeout_minutes: 60,
      next_run_at: null,
      created_at: at,
      updated_at: at,
      ...patch,
    })
    .execute();
}
