import type { BackupJob, SessionResponse, Storage } from '@rahatback/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  appStores,
  enrollAgent,
  registerAccount,
  startTestApp,
  type TestApp,
} from '../helpers.js';
import {
  DB_PASSWORD,
  PASSPHRASE,
  S3_SECRET,
  createDatabase,
  createJob,
  createLocalStorage,
  createS3Storage,
} from './fixtures.js';

const stores = appStores();

describe.each(stores)('storages and backup jobs API on $name', ({ env }) => {
  let t: TestApp;
  let drop: () => Promise<void>;
  let owner: SessionResponse;
  let stranger: SessionResponse;
  let agentId: string;
  let strangerAgentId: string;
  const bodies: string[] = [];

  beforeAll(async () => {
    const store = await env();
    drop = store.drop;
    t = await startTestApp({ ...store.env, RAHATBACK_SCHEDULER: 'false' });
    owner = await registerAccount(t.app, 'jobs-owner@example.com');
    stranger = await registerAccount(t.app, 'jobs-stranger@example.com');
    agentId = (await enrollAgent(t.app, owner)).agentId;
    strangerAgentId = (await enrollAgent(t.app, stranger)).agentId;
  });
  afterAll(async () => {
    await t.close();
    await drop();
  });

  const call = async (
    session: SessionResponse,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) => {
    const res = await t.app.inject({
      method,
      url,
      headers: bearer(session),
      payload: payload as object,
    });
    bodies.push(res.body);
    return res;
  };

  it('creates a storage with sealed keys and shows which keys are set, never their values', async () => {
    const storage = await createS3Storage(t.app, owner, agentId);
    expect(storage).toMatchObject({
      kind: 's3',
      hasSecrets: true,
      secretFields: ['accessKeyId', 'secretAccessKey'],
    });
    const listed = (await call(owner, 'GET', '/api/v1/storages')).json<{ items: Storage[] }>();
    expect(listed.items.map((s) => s.id)).toContain(storage.id);

    const patched = await call(owner, 'PATCH', `/api/v1/storages/${storage.id}`, {
      name: 'offsite-2',
      secrets: { accessKeyId: '' },
    });
    expect(patched.json<Storage>()).toMatchObject({
      name: 'offsite-2',
      secretFields: ['secretAccessKey'],
    });
  });

  it("refuses a storage on another account's agent", async () => {
    const res = await call(owner, 'POST', '/api/v1/storages', {
      name: 'x',
      agentId: strangerAgentId,
      config: { kind: 'local', path: '/tmp/x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('tests a storage through an offline agent as a result naming the cause', async () => {
    const storage = await createLocalStorage(t.app, owner, agentId);
    const res = await call(owner, 'POST', `/api/v1/storages/${storage.id}/test`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: false, code: 'AGENT_OFFLINE' });
  });

  it("creates a job with its next run in the job's time zone and no passphrase in the answer", async () => {
    const database = await createDatabase(t.app, owner, agentId);
    const s3 = await createS3Storage(t.app, owner, agentId, 's3-for-job');
    const local = await createLocalStorage(t.app, owner, agentId);
    const job = await createJob(t.app, owner, {
      databaseId: database.id,
      storageIds: [s3.id, local.id],
    });
    expect(job).toMatchObject({
      storageIds: [s3.id, local.id],
      encryption: { enabled: true },
      hasPassphrase: true,
      enabled: true,
      lastRun: null,
    });
    // 02:30 in Istanbul (UTC+3 all year) is 23:30 UTC.
    expect(job.nextRunAt).toMatch(/T23:30:00\.000Z$/);
    expect(Date.parse(job.nextRunAt ?? '')).toBeGreaterThan(Date.now());

    const paused = (
      await call(owner, 'PATCH', `/api/v1/backups/jobs/${job.id}`, { enabled: false })
    ).json<BackupJob>();
    expect(paused).toMatchObject({ enabled: false, nextRunAt: null });
    const resumed = (
      await call(owner, 'PATCH', `/api/v1/backups/jobs/${job.id}`, { enabled: true })
    ).json<BackupJob>();
    expect(resumed.nextRunAt).toBe(job.nextRunAt);
    const manual = (
      await call(owner, 'PATCH', `/api/v1/backups/jobs/${job.id}`, { schedule: { kind: 'manual' } })
    ).json<BackupJob>();
    expect(manual.nextRunAt).toBeNull();
  });

  it('changes the passphrase only with the current one', async () => {
    const database = await createDatabase(t.app, owner, agentId);
    const storage = await createLocalStorage(t.app, owner, agentId);
    const job = await createJob(t.app, owner, {
      databaseId: database.id,
      storageIds: [storage.id],
    });
    const url = `/api/v1/backups/jobs/${job.id}`;
    const without = await call(owner, 'PATCH', url, {
      encryption: { enabled: true, passphrase: 'a new passphrase' },
    });
    expect(without.statusCode).toBe(400);
    expect(without.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(without.json<{ message: string }>().message).toContain('current passphrase');
    const wrong = await call(owner, 'PATCH', url, {
      encryption: { enabled: true, passphrase: 'a new passphrase' },
      currentPassphrase: 'not it at all',
    });
    expect(wrong.statusCode).toBe(400);
    const right = await call(owner, 'PATCH', url, {
      encryption: { enabled: true, passphrase: 'a new passphrase' },
      currentPassphrase: PASSPHRASE,
    });
    expect(right.statusCode).toBe(200);
  });

  it("refuses a job on another account's database or storage", async () => {
    const mine = await createDatabase(t.app, owner, agentId);
    const theirs = await createDatabase(t.app, stranger, strangerAgentId);
    const myStorage = await createLocalStorage(t.app, owner, agentId);
    const theirStorage = await createLocalStorage(t.app, stranger, strangerAgentId);
    const onTheirDb = await call(owner, 'POST', '/api/v1/backups/jobs', {
      name: 'x',
      databaseId: theirs.id,
      storageIds: [myStorage.id],
      schedule: { kind: 'manual' },
    });
    expect(onTheirDb.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'databaseId' }],
    });
    const onTheirStorage = await call(owner, 'POST', '/api/v1/backups/jobs', {
      name: 'x',
      databaseId: mine.id,
      storageIds: [myStorage.id, theirStorage.id],
      schedule: { kind: 'manual' },
    });
    expect(onTheirStorage.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'storageIds' }],
    });
  });

  it("answers 404 for another account's storage, job and run", async () => {
    const database = await createDatabase(t.app, owner, agentId);
    const storage = await createLocalStorage(t.app, owner, agentId);
    const job = await createJob(t.app, owner, {
      databaseId: database.id,
      storageIds: [storage.id],
    });
    const run = await call(owner, 'POST', `/api/v1/backups/jobs/${job.id}/run`);
    expect(run.statusCode).toBe(201);
    const runId: string = run.json<{ id: string }>().id;
    for (const [method, url] of [
      ['GET', `/api/v1/storages/${storage.id}`],
      ['PATCH', `/api/v1/storages/${storage.id}`],
      ['DELETE', `/api/v1/storages/${storage.id}`],
      ['POST', `/api/v1/storages/${storage.id}/test`],
      ['GET', `/api/v1/backups/jobs/${job.id}`],
      ['PATCH', `/api/v1/backups/jobs/${job.id}`],
      ['DELETE', `/api/v1/backups/jobs/${job.id}`],
      ['POST', `/api/v1/backups/jobs/${job.id}/run`],
      ['POST', `/api/v1/backups/history/${runId}/cancel`],
    ] as const) {
      const res = await call(
        stranger,
        method,
        url,
        method === 'PATCH' ? { name: 'mine now' } : undefined,
      );
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await call(stranger, 'GET', '/api/v1/backups/jobs')).json()).toEqual({ items: [] });
  });

  it('refuses to delete a storage a job writes to, then deletes both in order', async () => {
    const database = await createDatabase(t.app, owner, agentId);
    const storage = await createLocalStorage(t.app, owner, agentId);
    const job = await createJob(t.app, owner, {
      databaseId: database.id,
      storageIds: [storage.id],
    });
    const refused = await call(owner, 'DELETE', `/api/v1/storages/${storage.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ message: string }>().message).toContain('"nightly"');
    expect((await call(owner, 'DELETE', `/api/v1/backups/jobs/${job.id}`)).statusCode).toBe(200);
    expect((await call(owner, 'DELETE', `/api/v1/storages/${storage.id}`)).statusCode).toBe(200);
  });

  it('keeps the passphrase, storage keys and database password out of answers, logs and the store', async () => {
    const secrets = [PASSPHRASE, S3_SECRET, DB_PASSWORD, 'a new passphrase'];
    const { store } = t.app.container;
    const dump = JSON.stringify([
      await store.db.selectFrom('storages').selectAll().execute(),
      await store.db.selectFrom('backup_jobs').selectAll().execute(),
      await store.db.selectFrom('backup_runs').selectAll().execute(),
    ]);
    for (const secret of secrets) {
      expect(bodies.join('\n')).not.toContain(secret);
      expect(t.logs()).not.toContain(secret);
      expect(dump).not.toContain(secret);
    }
  });
});
