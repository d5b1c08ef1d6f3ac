import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupJob, Database } from '@rahatback/protocol';
import {
  addPostgresDatabase,
  apiClient,
  expectCreated,
  pgAdmin,
  registerUser,
  runToEnd as runBackup,
  startSession,
  uniqueSuffix,
  type ApiClient,
  type RunningAgent,
  type Session,
  type TestServer,
} from '../harness/index.js';

// The Databases list's last backup through the real server (on each metadata store) and a
// real agent process backing up a real PostgreSQL database into a local folder.
describe.each(['sqlite', 'postgres'] as const)('the last backup of a database on %s', (store) => {
  const suffix = uniqueSuffix();
  const sourceDb = `rb_lastbk_${suffix}`;
  let session: Session;
  let server: TestServer;
  let agent: RunningAgent;
  let api: ApiClient;
  let folder: string;
  let shop: Database;
  let gone: Database;
  let nightly: BackupJob;
  let hourly: BackupJob;
  let broken: BackupJob;

  const runToEnd = (jobId: string) => runBackup(api, jobId);

  async function listed(client = api): Promise<Map<string, Database>> {
    const response = await client.get<{ items: Database[] }>('/api/v1/databases');
    expect(response.status, response.text).toBe(200);
    return new Map(response.body.items.map((database) => [database.name, database]));
  }

  const addDatabase = (name: string, database: string) =>
    addPostgresDatabase<Database>(api, agent.agentId, name, database);

  beforeAll(async () => {
    await pgAdmin(`CREATE DATABASE ${sourceDb}`);
    await pgAdmin("CREATE TABLE notes (id serial PRIMARY KEY, body text DEFAULT 'x')", sourceDb);
    folder = await mkdtemp(join(tmpdir(), 'rb-last-backup-'));
    session = await startSession({ store, env: { RAHATBACK_SCHEDULER: 'false' } });
    ({ server, agent, api } = session);
    shop = await addDatabase('shop', sourceDb);
    gone = await addDatabase('gone', `rb_lastbk_missing_${suffix}`);
    await addDatabase('idle', sourceDb);
    const storage = await expectCreated<{ id: string }>(api, '/api/v1/storages', {
      name: 'folder',
      agentId: agent.agentId,
      config: { kind: 'local', path: folder },
    });
    const job = (name: string, databaseId: string) =>
      expectCreated<BackupJob>(api, '/api/v1/backups/jobs', {
        name,
        databaseId,
        storageIds: [storage.id],
        schedule: { kind: 'manual' },
        compression: { algorithm: 'gzip' },
      });
    nightly = await job('nightly', shop.id);
    hourly = await job('hourly', shop.id);
    broken = await job('broken', gone.id);
  }, 240_000);

  afterAll(async () => {
    await session?.stop();
    if (folder !== undefined) await rm(folder, { recursive: true, force: true });
    await pgAdmin(`DROP DATABASE IF EXISTS ${sourceDb} WITH (FORCE)`);
  }, 60_000);

  it('lists every database as never backed up before any run', async () => {
    const databases = await listed();
    expect([...databases.values()].map((d) => [d.name, d.lastBackup])).toEqual([
      ['shop', null],
      ['gone', null],
      ['idle', null],
    ]);
    expect(shop.lastBackup).toBeNull();
  });

  it("shows the newest run of any of the database's jobs, and only on that database", async () => {
    const first = await runToEnd(nightly.id);
    expect(first.status).toBe('success');
    let databases = await listed();
    expect(databases.get('shop')?.lastBackup).toMatchObject({
      id: first.id,
      status: 'success',
      trigger: 'manual',
      startedAt: first.startedAt,
      error: null,
    });
    expect(databases.get('idle')?.lastBackup).toBeNull();
    expect(databases.get('gone')?.lastBackup).toBeNull();

    const second = await runToEnd(hourly.id);
    databases = await listed();
    expect(databases.get('shop')?.lastBackup?.id).toBe(second.id);
    const one = await api.get<Database>(`/api/v1/databases/${shop.id}`);
    expect(one.body.lastBackup?.id).toBe(second.id);
  });

  it('shows a failed last backup with the reason', async () => {
    const failed = await runToEnd(broken.id);
    expect(failed.status).toBe('failed');
    const lastBackup = (await listed()).get('gone')?.lastBackup;
    expect(lastBackup).toMatchObject({ id: failed.id, status: 'failed' });
    expect(lastBackup?.error?.message).toContain(`rb_lastbk_missing_${suffix}`);
    expect((await listed()).get('shop')?.lastBackup?.status).toBe('success');
  });

  it('keeps the backup of a deleted job, whose file and history stay', async () => {
    const before = (await listed()).get('shop')?.lastBackup;
    expect((await api.delete(`/api/v1/backups/jobs/${hourly.id}`)).status).toBe(200);
    expect((await listed()).get('shop')?.lastBackup).toEqual(before);
  });

  it('shows another account neither the databases nor their backups', async () => {
    const stranger = apiClient(server.url, (await registerUser(server.url)).token);
    expect((await listed(stranger)).size).toBe(0);
    const peek = await stranger.get(`/api/v1/databases/${shop.id}`);
    expect(peek.status).toBe(404);
  });
});
