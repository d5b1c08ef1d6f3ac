import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupJob, BackupRun } from '@rahatback/protocol';
import {
  apiClient,
  createHardToCompressDatabase,
  expectCreated,
  holdTableLock,
  pgAdmin,
  registerUser,
  startAgent,
  startSession,
  uniqueSuffix,
  type ApiClient,
  type RunningAgent,
  type Session,
  type TestServer,
} from '../harness/index.js';

// "Run now" from the API to a file in a storage folder, through the real agent process.
const suffix = uniqueSuffix();
const sourceDb = `rb_run_${suffix}`;
const bigDb = `rb_run_big_${suffix}`;
const passphrase = `Canary-passphrase-${suffix}`;

let session: Session;
let server: TestServer;
let agent: RunningAgent;
let api: ApiClient;
let folder: string;

beforeAll(async () => {
  await pgAdmin(`CREATE DATABASE ${sourceDb}`);
  await pgAdmin(
    "CREATE TABLE items (id serial PRIMARY KEY, name text); INSERT INTO items (name) SELECT 'item ' || g FROM generate_series(1, 1000) g;",
    sourceDb,
  );
  await createHardToCompressDatabase(bigDb);
  folder = await mkdtemp(join(tmpdir(), 'rahatback-run-'));
  session = await startSession();
  ({ server, agent, api } = session);
});

afterAll(async () => {
  await session?.stop();
  await rm(folder, { recursive: true, force: true });
  await pgAdmin(`DROP DATABASE IF EXISTS ${sourceDb} WITH (FORCE)`);
  await pgAdmin(`DROP DATABASE IF EXISTS ${bigDb} WITH (FORCE)`);
});

/** A manual job backing up `database` into its own sub-folder of `folder`. */
async function createJob(
  databaseName: string,
  subFolder: string,
  agentId: string,
): Promise<BackupJob> {
  const path = join(folder, subFolder);
  await mkdir(path);
  const database = await expectCreated<{ id: string }>(api, '/api/v1/databases', {
    name: databaseName,
    engine: 'postgresql',
    host: '127.0.0.1',
    port: 5432,
    username: 'postgres',
    database: databaseName,
    agentId,
  });
  const storage = await expectCreated<{ id: string }>(api, '/api/v1/storages', {
    name: subFolder,
    agentId,
    config: { kind: 'local', path },
  });
  return expectCreated<BackupJob>(api, '/api/v1/backups/jobs', {
    name: subFolder,
    databaseId: database.id,
    storageIds: [storage.id],
    schedule: { kind: 'manual' },
    compression: { algorithm: 'zstd', level: 19 },
    encryption: { enabled: true, passphrase },
  });
}

/** Every file (not folder) below `path`: an empty label folder is no backup. */
async function filesUnder(path: string): Promise<string[]> {
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

const lastRunOf = async (jobId: string) =>
  (await api.get<BackupJob>(`/api/v1/backups/jobs/${jobId}`)).body.lastRun;

describe('a backup run through the server and a real agent', () => {
  it('stores an encrypted backup in the folder and records the run as successful', async () => {
    const database = await expectCreated<{ id: string }>(api, '/api/v1/databases', {
      name: 'source',
      engine: 'postgresql',
      host: '127.0.0.1',
      port: 5432,
      username: 'postgres',
      database: sourceDb,
      agentId: agent.agentId,
    });
    const storage = await expectCreated<{ id: string }>(api, '/api/v1/storages', {
      name: 'folder',
      agentId: agent.agentId,
      config: { kind: 'local', path: folder },
    });
    const job = await expectCreated<BackupJob>(api, '/api/v1/backups/jobs', {
      name: 'nightly',
      databaseId: database.id,
      storageIds: [storage.id],
      schedule: { kind: 'manual' },
      compression: { algorithm: 'gzip' },
      encryption: { enabled: true, passphrase },
    });
    const run = await expectCreated<BackupRun>(api, `/api/v1/backups/jobs/${job.id}/run`, {});

    const lastRun = async () =>
      (await api.get<BackupJob>(`/api/v1/backups/jobs/${job.id}`)).body.lastRun;
    await expect.poll(async () => (await lastRun())?.status, { timeout: 30_000 }).toBe('success');
    expect((await lastRun())?.id).toBe(run.id);

    const files = (await readdir(folder, { recursive: true })).map(String);
    expect(files.some((f) => f.endsWith('.dump.gz.rbk'))).toBe(true);
    expect(files.some((f) => f.endsWith('.rbk.meta.json'))).toBe(true);
    expect(await readFile(agent.logPath, 'utf8')).not.toContain(passphrase);
    expect(await readFile(server.logPath, 'utf8')).not.toContain(passphrase);
  });

  it('cancels a running backup from the API: the agent stops it and leaves no file', async () => {
    const job = await createJob(bigDb, 'cancelled', agent.agentId);
    // pg_dump waits for this lock, so the backup is still running when the cancel comes.
    const release = await holdTableLock(bigDb, 'blobs');
    try {
      const run = await expectCreated<BackupRun>(api, `/api/v1/backups/jobs/${job.id}/run`, {});
      await expect
        .poll(async () => (await lastRunOf(job.id))?.status, { timeout: 10_000 })
        .toBe('running');
      const cancel = await api.post(`/api/v1/backups/history/${run.id}/cancel`);
      expect(cancel.status, cancel.text).toBe(200);
      await expect
        .poll(async () => (await lastRunOf(job.id))?.status, { timeout: 20_000 })
        .toBe('cancelled');
    } finally {
      await release();
    }
    expect(await filesUnder(join(folder, 'cancelled'))).toEqual([]);
  });

  it('on SIGTERM the agent ends its running backup, reports it and exits 0', async () => {
    const token = (await registerUser(server.url)).token;
    api = apiClient(server.url, token);
    const stopping = await startAgent(server.url, token);
    const job = await createJob(bigDb, 'stopped', stopping.agentId);
    const release = await holdTableLock(bigDb, 'blobs');
    try {
      await expectCreated<BackupRun>(api, `/api/v1/backups/jobs/${job.id}/run`, {});
      await expect
        .poll(async () => (await lastRunOf(job.id))?.status, { timeout: 10_000 })
        .toBe('running');
      expect(await stopping.stop()).toBe(0);
    } finally {
      await release();
    }
    // The result was delivered before exit: the run is final at once, not swept later.
    expect((await lastRunOf(job.id))?.status).toMatch(/^(cancelled|failed)$/);
    expect(await filesUnder(join(folder, 'stopped'))).toEqual([]);
  });
});
