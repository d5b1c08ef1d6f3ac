import { join } from 'node:path';
import { pino } from 'pino';
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
