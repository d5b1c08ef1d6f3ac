import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateStore, openStore, type Store } from '../src/db/store.js';
import type { AgentRow, UserRow } from '../src/db/tables.js';
import { createAgentsRepository } from '../src/modules/agents/agents.repository.js';
import { createAuthRepository } from '../src/modules/auth/auth.repository.js';
import { createDatabasesRepository } from '../src/modules/databases/databases.repository.js';
import { createPgDatabase, makeTempDir } from './helpers.js';

const silent = pino({ level: 'silent' });

const dialects = [
  {
    name: 'SQLite',
    open() {
      const temp = makeTempDir();
      const store = openStore({
        databaseUrl: undefined,
        sqlitePath: join(temp.dir, 'rb.db'),
        logger: silent,
      });
      return Promise.resolve({ store, cleanup: async () => (await store.close(), temp.remove()) });
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const pg = await createPgDatabase();
      const store = openStore({ databaseUrl: pg.url, sqlitePath: '', logger: silent });
      return { store, cleanup: async () => (await store.close(), await pg.drop()) };
    },
  },
];

const iso = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString();

const user = (email: string): UserRow => ({
  id: crypto.randomUUID(),
  email,
  name: email,
  password_hash: 'x',
  is_admin: 0,
  created_at: iso(),
});

const agent = (ownerId: string): AgentRow => ({
  id: crypto.randomUUID(),
  owner_id: ownerId,
  name: 'a',
  credential_hash: crypto.randomUUID(),
  hostname: null,
  agent_version: null,
  tools_json: '[]',
  last_seen_at: null,
  revoked_at: null,
  is_embedded: 0,
  created_at: iso(),
});

describe.each(dialects)('metadata store on $name', (dialect) => {
  let store: Store;
  let cleanup: () => Promise<unknown>;

  beforeAll(async () => {
    ({ store, cleanup } = await dialect.open());
    await migrateStore(store);
  });
  afterAll(() => cleanup());

  it('creates every table, and running the migrations again changes nothing', async () => {
    await migrateStore(store);
    const tables = (await store.db.introspection.getTables()).map((t) => t.name);
    for (const name of [
      'users',
      'sessions',
      'login_attempts',
      'agents',
      'agent_connections',
      'enrollment_tokens',
      'databases',
      'meta',
    ])
      expect(tables).toContain(name);
    expect(tables.includes('socket_io_attachments')).toBe(store.dialect === 'postgres');
  });

  it('gives an enrollment token to exactly one of two concurrent agents, and never after expiry', async () => {
    const auth = createAuthRepository(store.db);
    const agents = createAgentsRepository(store.db);
    const owner = user(`enroll-${crypto.randomUUID()}@example.com`);
    await auth.insertUser(owner);
    const token = (hash: string, expiresAt: string) => ({
      id: crypto.randomUUID(),
      token_hash: hash,
      owner_id: owner.id,
      name: 'n',
      expires_at: expiresAt,
      used_at: null,
      agent_id: null,
      created_at: iso(),
    });
    await agents.insertEnrollmentToken(token('live', iso(3600_000)));
    await agents.insertEnrollmentToken(token('expired', iso(-1)));
    const now = iso();
    const wins = await Promise.all([
      agents.consumeEnrollmentToken('live', now),
      agents.consumeEnrollmentToken('live', now),
    ]);
    expect(wins.filter((w) => w !== undefined)).toHaveLength(1);
    expect(await agents.consumeEnrollmentToken('expired', now)).toBeUndefined();
  });

  it('reads a timestamp back exactly as written, so compare-and-set on it works', async () => {
    const auth = createAuthRepository(store.db);
    const owner = user(`time-${crypto.randomUUID()}@example.com`);
    await auth.insertUser(owner);
    const read = await auth.findUserById(owner.id);
    expect(read?.created_at).toBe(owner.created_at);
    const swapped = await store.db
      .updateTable('users')
      .set({ name: 'changed' })
      .where('id', '=', owner.id)
      .where('created_at', '=', read?.created_at ?? '')
      .executeTakeFirst();
    expect(swapped.numUpdatedRows).toBe(1n);
  });

  it('derives online from fresh connection rows, and a restart clears its own rows', async () => {
    const auth = createAuthRepository(store.db);
    const agents = createAgentsRepository(store.db);
    const owner = user(`presence-${crypto.randomUUID()}@example.com`);
    await auth.insertUser(owner);
    const a = agent(owner.id);
    await agents.insertAgent(a);
    const at = iso();
    await agents.recordConnection(
      {
        socket_id: `s-${a.id}`,
        agent_id: a.id,
        server_id: 'replica-1',
        connected_at: at,
        heartbeat_at: at,
      },
      { hostname: 'h1', agentVersion: '1.0.0', toolsJson: '[]' },
    );
    expect(await agents.isOnline(a.id, iso(-45_000))).toBe(true);
    expect(await agents.isOnline(a.id, iso(1000))).toBe(false);
    const [listed] = await agents.listAgents(owner.id, iso(-45_000));
    expect(listed).toMatchObject({
      id: a.id,
      online: true,
      hostname: 'h1',
      agent_version: '1.0.0',
    });
    await agents.removeConnectionsOfServer('replica-1');
    expect(await agents.isOnline(a.id, iso(-45_000))).toBe(false);
  });

  it('scopes databases and agents to their owner', async () => {
    const auth = createAuthRepository(store.db);
    const agents = createAgentsRepository(store.db);
    const databases = createDatabasesRepository(store.db);
    const alice = user(`alice-${crypto.randomUUID()}@example.com`);
    const bob = user(`bob-${crypto.randomUUID()}@example.com`);
    await auth.insertUser(alice);
    await auth.insertUser(bob);
    const a = agent(alice.id);
    await agents.insertAgent(a);
    const id = crypto.randomUUID();
    await databases.insert({
      id,
      owner_id: alice.id,
      agent_id: a.id,
      name: 'db',
      engine: 'postgresql',
      host: 'h',
      port: 5432,
      username: 'u',
      database_name: 'd',
      sealed_password: null,
      options_json: '{}',
      created_at: iso(),
      updated_at: iso(),
    });
    expect(await databases.find(bob.id, id)).toBeUndefined();
    expect(await databases.list(bob.id)).toEqual([]);
    expect(await databases.update(bob.id, id, { name: 'x' })).toBe(false);
    expect(await databases.remove(bob.id, id)).toBe(false);
    expect(await databases.findOwnAgent(bob.id, a.id)).toBeUndefined();
    expect(await agents.revoke(bob.id, a.id, iso())).toBe(false);
    expect((await databases.find(alice.id, id))?.name).toBe('db');
  });

  it('lets exactly one of several simultaneous registrations claim the first account', async () => {
    const auth = createAuthRepository(store.db);
    const claims = await Promise.all(
      Array.from({ length: 5 }, () => auth.claimFirstAccount(crypto.randomUUID())),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('counts failed logins per key inside the window', async () => {
    const auth = createAuthRepository(store.db);
    const key = `ip:${crypto.randomUUID()}`;
    await auth.recordFailedLogin([key], iso(-20 * 60_000));
    await auth.recordFailedLogin([key], iso(-60_000));
    await auth.recordFailedLogin([key], iso());
    const { count, oldest } = await auth.failedLoginsSince(key, iso(-15 * 60_000));
    expect(count).toBe(2);
    expect(oldest).not.toBeNull();
    await auth.clearFailedLogins(key);
    expect((await auth.failedLoginsSince(key, iso(-15 * 60_000))).count).toBe(0);
  });
});
