import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupJob, BackupRun, HistoryPage, Restore } from '@rahatback/protocol';
import {
  addPostgresDatabase,
  apiClient,
  createHardToCompressDatabase,
  expectCreated,
  pgQuery,
  registerUser,
  runToEnd as runBackup,
  startAgent,
  startServer,
  uniqueSuffix,
  type ApiClient,
  type RunningAgent,
  type TestServer,
} from '../harness/index.js';
import { createBucket, removeBucket, sharedS3, startS3, type S3Service } from '../services.js';

// Backup → mail and webhook → verification → restore into another database → compare, through
// the real server, a real agent process, PostgreSQL, an S3 server, an SMTP server and an HTTP receiver.
const suffix = uniqueSuffix();
const sourceDb = `rb_rn_src_${suffix}`;
const targetDb = `rb_rn_dst_${suffix}`;
const bigDb = `rb_rn_big_${suffix}`;
const passphrase = `Canary-restore-passphrase-${suffix}`;

let server: TestServer;
let agent: RunningAgent;
let api: ApiClient;
let adminToken: string;
let s3: S3Service;
let bucket: string;
let folder: string;
let smtp: SMTPServer;
let smtpPort: number;
let receiver: Server;
let receiverUrl: string;
const mails: string[] = [];
const webhooks: unknown[] = [];

/** Row count and an md5 over every row in key order, per table: equal data gives equal digests. */
async function fingerprint(database: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of ['items', 'notes']) {
    const [row] = await pgQuery(
      `SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t.id)), '') AS f FROM ${table} t`,
      database,
    );
    result[table] = String(row?.f);
  }
  return result;
}

async function startSmtp(): Promise<void> {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  smtp.on('error', () => undefined);
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
}

async function startReceiver(): Promise<void> {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      webhooks.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
}

const history = async (id: string) =>
  (await api.get<BackupRun>(`/api/v1/backups/history/${id}`)).body;

const addDatabase = (name: string, database: string, client = api, agentId = agent.agentId) =>
  addPostgresDatabase(client, agentId, name, database);

const runToEnd = (jobId: string) => runBackup(api, jobId);

beforeAll(async () => {
  await pgQuery(`CREATE DATABASE ${sourceDb}`);
  await pgQuery(`CREATE DATABASE ${targetDb}`);
  await pgQuery(
    `CREATE TABLE items (id serial PRIMARY KEY, name text, price numeric);
     INSERT INTO items (name, price) SELECT 'item ' || g, g * 1.25 FROM generate_series(1, 2500) g;
     CREATE TABLE notes (id serial PRIMARY KEY, body text);
     INSERT INTO notes (body) SELECT md5(g::text) FROM generate_series(1, 300) g;`,
    sourceDb,
  );
  await createHardToCompressDatabase(bigDb);
  folder = await mkdtemp(join(tmpdir(), 'rb-restore-notify-'));
  s3 = await sharedS3();
  bucket = await createBucket(s3, 'restore');
  await Promise.all([startSmtp(), startReceiver()]);
  server = await startServer({
    env: {
      RAHATBACK_SCHEDULER: 'false',
      RAHATBACK_RUN_SWEEP_INTERVAL_MS: '250',
      RAHATBACK_AGENT_GRACE_SECONDS: '2',
    },
  });
  // The first account is the instance admin: it may set up mail.
  const admin = await registerUser(server.url);
  api = apiClient(server.url, admin.token);
  adminToken = admin.token;
  const smtpPut = await fetch(`${server.url}/api/v1/settings/smtp`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ host: '127.0.0.1', port: smtpPort, from: 'RahatBack <rb@example.com>' }),
  });
  expect(smtpPut.status, await smtpPut.text()).toBe(200);
  agent = await startAgent(server.url, admin.token);
}, 240_000);

afterAll(async () => {
  await agent?.stop();
  await server?.stop();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  if (bucket !== undefined) await removeBucket(s3, bucket);
  await rm(folder, { recursive: true, force: true });
  await pgQuery(`DROP DATABASE IF EXISTS ${sourceDb} WITH (FORCE)`);
  await pgQuery(`DROP DATABASE IF EXISTS ${targetDb} WITH (FORCE)`);
  await pgQuery(`DROP DATABASE IF EXISTS ${bigDb} WITH (FORCE)`);
}, 60_000);

describe('restore, verification and notifications end to end', () => {
  let job: BackupJob;
  let run: BackupRun;
  let targetId: string;

  it('runs an encrypted job to S3 and a folder, mails the success and posts the webhook', async () => {
    const source = await addDatabase('source', sourceDb);
    targetId = (await addDatabase('target', targetDb)).id;
    await mkdir(join(folder, 'copies'));
    const onS3 = await expectCreated<{ id: string }>(api, '/api/v1/storages', {
      name: 's3',
      agentId: agent.agentId,
      config: {
        kind: 's3',
        endpoint: s3.endpoint,
        region: s3.region,
        bucket,
        prefix: 'db',
        forcePathStyle: true,
      },
      secrets: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    });
    const onFolder = await expectCreated<{ id: string }>(api, '/api/v1/storages', {
      name: 'folder',
      agentId: agent.agentId,
      config: { kind: 'local', path: join(folder, 'copies') },
    });
    job = await expectCreated<BackupJob>(api, '/api/v1/backups/jobs', {
      name: `restore-notify-${suffix}`,
      databaseId: source.id,
      storageIds: [onS3.id, onFolder.id],
      schedule: { kind: 'manual' },
      compression: { algorithm: 'zstd' },
      encryption: { enabled: true, passphrase },
      notifications: {
        onSuccess: true,
        onFailure: true,
        email: { enabled: true, to: ['ops@example.com'] },
        webhooks: [{ url: receiverUrl, format: 'json' }],
      },
      verification: { enabled: true },
    });

    run = await runToEnd(job.id);
    expect(run.status, JSON.stringify(run.error)).toBe('success');
    expect(run.destinations.map((d) => d.sha256)).toEqual([run.sha256, run.sha256]);
    await expect.poll(() => mails.length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(mails[0]).toContain(job.name);
    await expect.poll(() => webhooks.length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(JSON.stringify(webhooks[0])).toContain('success');
  });

  it('sends a test email with the saved SMTP settings', async () => {
    const before = mails.length;
    const sent = await api.post('/api/v1/settings/smtp/test', { to: 'admin@example.com' });
    expect(sent.status, sent.text).toBe(200);
    // The verification restore's own mail may arrive meanwhile: look for the test mail itself.
    await expect
      .poll(() => mails.slice(before).some((m) => m.includes('admin@example.com')), {
        timeout: 20_000,
      })
      .toBe(true);
  });

  it('lists the run in history with filters', async () => {
    const page = (await api.get<HistoryPage>(`/api/v1/backups/history?jobId=${job.id}`)).body;
    expect(page.items.map((r) => r.id)).toEqual([run.id]);
    const failed = await api.get<HistoryPage>(
      `/api/v1/backups/history?jobId=${job.id}&status=failed`,
    );
    expect(failed.body.total).toBe(0);
  });

  it('verifies the backup in a scratch database and records the row count of each table', async () => {
    await expect
      .poll(async () => (await history(run.id)).verification?.status, { timeout: 60_000 })
      .toBe('success');
    const counts = (await history(run.id)).verification?.tableCounts ?? [];
    expect(counts.find((c) => c.table.endsWith('items'))?.rows).toBe(2500);
    expect(counts.find((c) => c.table.endsWith('notes'))?.rows).toBe(300);
  });

  it('restores into a second database with the same data and marks the backup restored', async () => {
    const restore = await expectCreated<Restore>(api, `/api/v1/backups/history/${run.id}/restore`, {
      targetDatabaseId: targetId,
    });
    await expect
      .poll(async () => (await api.get<Restore>(`/api/v1/restores/${restore.id}`)).body.status, {
        timeout: 60_000,
      })
      .not.toBe('running');
    const done = (await api.get<Restore>(`/api/v1/restores/${restore.id}`)).body;
    expect(done.status, JSON.stringify(done.error)).toBe('success');
    expect(done.checksumVerified).toBe(true);
    expect(await fingerprint(targetDb)).toEqual(await fingerprint(sourceDb));
    const restored = await history(run.id);
    expect(restored.lastRestoreStatus).toBe('success');
    expect(restored.lastRestoredAt).not.toBeNull();
    const list = (await api.get<{ items: Restore[] }>(`/api/v1/restores?backupRunId=${run.id}`))
      .body;
    expect(list.items.map((r) => r.mode).sort()).toEqual(['restore', 'verify']);
  });

  it('gives a short-lived link to the S3 copy and a one-time link to the folder copy', async () => {
    const [onS3, onFolder] = run.destinations;
    const link = await api.get<{ url: string }>(`/api/v1/backups/history/${run.id}/download`);
    expect(link.status, link.text).toBe(200);
    const file = await fetch(link.body.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('attachment; filename=');
    expect((await file.arrayBuffer()).byteLength).toBe(onS3?.storedSize);
    const local = await api.get(
      `/api/v1/backups/history/${run.id}/download?storageId=${onFolder?.storageId}`,
    );
    expect(local.status, local.text).toBe(200);
    const copy = await fetch(`${server.url}${(local.body as { url: string }).url}`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect((await copy.arrayBuffer()).byteLength).toBe(onFolder?.storedSize);
  });

  it("hides each account's backups and restores from another, and refuses a restore across accounts", async () => {
    const other = apiClient(server.url, (await registerUser(server.url)).token);
    expect((await other.get(`/api/v1/backups/history/${run.id}`)).status).toBe(404);
    expect((await other.get<HistoryPage>('/api/v1/backups/history')).body.total).toBe(0);
    expect((await other.get(`/api/v1/backups/history/${run.id}/download`)).status).toBe(404);
    const restores = (await api.get<{ items: Restore[] }>('/api/v1/restores')).body.items;
    expect((await other.get(`/api/v1/restores/${restores[0]?.id}`)).status).toBe(404);
    expect(
      (
        await other.post(`/api/v1/backups/history/${run.id}/restore`, {
          targetDatabaseId: targetId,
        })
      ).status,
    ).toBe(404);
    // The owner of the backup cannot aim it at a database of another account either.
    const stranger = await registerUser(server.url);
    const otherAgent = await startAgent(server.url, stranger.token);
    try {
      const foreign = await addDatabase(
        'foreign',
        targetDb,
        apiClient(server.url, stranger.token),
        otherAgent.agentId,
      );
      const refused = await api.post(`/api/v1/backups/history/${run.id}/restore`, {
        targetDatabaseId: foreign.id,
      });
      expect(refused.status).toBe(404);
    } finally {
      await otherAgent.stop();
    }
  }, 60_000);

  it('keeps the last good backup when the last three runs failed', async () => {
    const path = join(folder, 'retention');
    await mkdir(path);
    const database = await addDatabase('retained', sourceDb);
    const storage = await expectCreated<{ id: string }>(api, '/api/v1/storages', {
      name: 'retention',
      agentId: agent.agentId,
      config: { kind: 'local', path },
    });
    const kept = await expectCreated<BackupJob>(api, '/api/v1/backups/jobs', {
      name: `retention-${suffix}`,
      databaseId: database.id,
      storageIds: [storage.id],
      schedule: { kind: 'manual' },
      compression: { algorithm: 'gzip' },
      retention: { keepLast: 1 },
    });
    const first = await runToEnd(kept.id);
    const second = await runToEnd(kept.id);
    expect([first.status, second.status]).toEqual(['success', 'success']);
    const backupsIn = async () =>
      (await readdir(path, { recursive: true })).map(String).filter((f) => f.endsWith('.gz'));
    // keepLast 1: the first backup goes, with its sidecar.
    await expect.poll(backupsIn, { timeout: 20_000 }).toHaveLength(1);
    const remaining = await backupsIn();
    expect(second.destinations[0]?.objectKey).toContain(remaining[0]);
    // The agent removes the file before the server records it: wait for the record too.
    await expect
      .poll(async () => (await history(first.id)).destinations[0]?.deletedAt ?? null, {
        timeout: 20_000,
      })
      .not.toBeNull();
    expect((await history(second.id)).destinations[0]?.deletedAt).toBeNull();

    const broken = await api.patch(`/api/v1/databases/${database.id}`, {
      database: `rb_missing_${suffix}`,
    });
    expect(broken.status, broken.text).toBe(200);
    for (let i = 0; i < 3; i++) expect((await runToEnd(kept.id)).status).toBe('failed');
    expect(await backupsIn()).toEqual(remaining);
  }, 180_000);

  it('fails a run whose storage is stopped, with the cause, and mails the failure', async () => {
    const private3 = await startS3();
    const privateBucket = await createBucket(private3, 'stopped');
    const storage = await expectCreated<{ id: string }>(api, '/api/v1/storages', {
      name: 'stopped-s3',
      agentId: agent.agentId,
      config: {
        kind: 's3',
        endpoint: private3.endpoint,
        region: private3.region,
        bucket: privateBucket,
        forcePathStyle: true,
      },
      secrets: { accessKeyId: private3.accessKeyId, secretAccessKey: private3.secretAccessKey },
    });
    await private3.stop();
    const database = await addDatabase('stopped', sourceDb);
    const failing = await expectCreated<BackupJob>(api, '/api/v1/backups/jobs', {
      name: `stopped-storage-${suffix}`,
      databaseId: database.id,
      storageIds: [storage.id],
      schedule: { kind: 'manual' },
      compression: { algorithm: 'gzip' },
      notifications: { onFailure: true, email: { enabled: true, to: ['ops@example.com'] } },
    });
    const before = mails.length;
    const failed = await runToEnd(failing.id);
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toMatch(/STORAGE_/);
    await expect.poll(() => mails.length, { timeout: 30_000 }).toBeGreaterThan(before);
    expect(mails.at(-1)).toContain(failing.name);
  }, 180_000);

  it('reconciles a run that was going when the server restarted', async () => {
    const path = join(folder, 'restart');
    await mkdir(path);
    const database = await addDatabase('big', bigDb);
    const storage = await expectCreated<{ id: string }>(api, '/api/v1/storages', {
      name: 'restart',
      agentId: agent.agentId,
      config: { kind: 'local', path },
    });
    const slow = await expectCreated<BackupJob>(api, '/api/v1/backups/jobs', {
      name: `restart-${suffix}`,
      databaseId: database.id,
      storageIds: [storage.id],
      schedule: { kind: 'manual' },
      compression: { algorithm: 'zstd', level: 19 },
    });
    const started = await expectCreated<BackupRun>(api, `/api/v1/backups/jobs/${slow.id}/run`, {});
    expect(started.status).toBe('running');
    await server.restart();
    await expect
      .poll(async () => (await history(started.id)).status, { timeout: 120_000, interval: 500 })
      .not.toMatch(/queued|running/);
    const ended = await history(started.id);
    // The agent kept working and delivers its result to the new server, or the run is failed
    // with the restart as its cause; either way it does not stay running.
    if (ended.status === 'failed') expect(ended.error?.code).toBe('SERVER_RESTARTED');
    else expect(ended.status).toBe('success');
  }, 180_000);
});
