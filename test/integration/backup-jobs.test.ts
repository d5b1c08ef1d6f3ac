import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListMultipartUploadsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { BackupJob, BackupRun } from '@rahatback/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHardToCompressDatabase,
  expectCreated,
  holdTableLock,
  pgAdmin,
  repoRoot,
  startSession,
  uniqueSuffix,
  waitForAgentOnline,
  type ApiClient,
  type RegisteredUser,
  type RunningAgent,
  type TestServer,
} from '../harness/index.js';
import {
  createBucket,
  removeBucket,
  s3TestClient,
  sharedS3,
  sharedSftp,
  type S3Service,
  type SftpService,
} from '../services.js';

// A job with two destinations (S3 and SFTP) and encryption, through the real server and agent.
const suffix = uniqueSuffix();
const sourceDb = `rb_jobs_${suffix}`;
const bigDb = `rb_jobs_big_${suffix}`;
const passphrase = `Canary-jobs-passphrase-${suffix}`;

let server: TestServer;
let user: RegisteredUser;
let api: ApiClient;
let agent: RunningAgent;
let restarted: ChildProcess | undefined;
let s3: S3Service;
let sftp: SftpService;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  await pgAdmin(`CREATE DATABASE ${sourceDb}`);
  await pgAdmin(
    "CREATE TABLE orders (id serial PRIMARY KEY, item text); INSERT INTO orders (item) SELECT 'order ' || g FROM generate_series(1, 2000) g;",
    sourceDb,
  );
  await createHardToCompressDatabase(bigDb);
  [s3, sftp] = await Promise.all([sharedS3(), sharedSftp()]);
  ({ server, user, api, agent } = await startSession({
    store: 'postgres',
    env: {
      RAHATBACK_SCHEDULER: 'false',
      RAHATBACK_RUN_SWEEP_INTERVAL_MS: '250',
      RAHATBACK_AGENT_GRACE_SECONDS: '2',
    },
  }));
}, 240_000);

afterAll(async () => {
  restarted?.kill('SIGKILL');
  await agent?.kill();
  await server?.stop();
  for (const cleanup of cleanups) await cleanup();
  await pgAdmin(`DROP DATABASE IF EXISTS ${sourceDb} WITH (FORCE)`);
  await pgAdmin(`DROP DATABASE IF EXISTS ${bigDb} WITH (FORCE)`);
});

/** A fresh bucket and SFTP folder, and a job writing to both. */
async function jobWithTwoDestinations(databaseName: string, level: number) {
  const bucket = await createBucket(s3, 'jobs');
  const folder = await mkdtemp(join(tmpdir(), 'rb-jobs-sftp-'));
  cleanups.push(
    () => removeBucket(s3, bucket),
    () => rm(folder, { recursive: true, force: true }),
  );
  const database = await expectCreated<{ id: string }>(api, '/api/v1/databases', {
    name: databaseName,
    engine: 'postgresql',
    host: '127.0.0.1',
    port: 5432,
    username: 'postgres',
    database: databaseName,
    agentId: agent.agentId,
  });
  const onS3 = await expectCreated<{ id: string }>(api, '/api/v1/storages', {
    name: 'radosgw',
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
  const onSftp = await expectCreated<{ id: string }>(api, '/api/v1/storages', {
    name: 'sshd',
    agentId: agent.agentId,
    config: {
      kind: 'sftp',
      host: sftp.host,
      port: sftp.port,
      username: sftp.username,
      path: folder,
      hostKeySha256: sftp.hostKeySha256,
    },
    secrets: { privateKey: sftp.privateKey },
  });
  const job = await expectCreated<BackupJob>(api, '/api/v1/backups/jobs', {
    name: `two copies of ${databaseName}`,
    databaseId: database.id,
    storageIds: [onS3.id, onSftp.id],
    schedule: { kind: 'manual' },
    compression: { algorithm: 'zstd', level },
    encryption: { enabled: true, passphrase },
  });
  return { job, bucket, folder };
}

const runOf = (id: string) => server.app.container.services.runs.get(user.userId, id);

async function waitForRun(id: string, isDone: (run: BackupRun) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await runOf(id);
    if (isDone(run)) return run;
    if (Date.now() > deadline) throw new Error(`run ${id} is still ${run.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
const finished = (run: BackupRun) => !['queued', 'running'].includes(run.status);

async function objectsIn(bucket: string) {
  const client = s3TestClient(s3);
  try {
    const objects = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
    const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    return {
      keys: (objects.Contents ?? []).map((o) => o.Key),
      pendingUploads: uploads.Uploads ?? [],
    };
  } finally {
    client.destroy();
  }
}

async function filesUnder(path: string): Promise<string[]> {
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Starts `rahatback-agent run` again with the same credential, as after a host reboot. */
function runAgentAgain(configPath: string, home: string): ChildProcess {
  return spawn(
    process.execPath,
    [
      '--conditions=rahatback-source',
      '--import',
      'tsx',
      join(repoRoot, 'apps/agent/src/main.ts'),
      'run',
      '--config',
      configPath,
    ],
    { cwd: repoRoot, env: { ...process.env, HOME: home }, stdio: 'ignore' },
  );
}

describe('backup jobs through the real server and agent', () => {
  it('backs up an encrypted job to S3 and SFTP with a SHA-256 per destination', async () => {
    const { job, bucket, folder } = await jobWithTwoDestinations(sourceDb, 3);
    const started = await expectCreated<BackupRun>(api, `/api/v1/backups/jobs/${job.id}/run`, {});
    expect(started.status).toBe('running');
    const run = await waitForRun(started.id, finished);
    expect(run, JSON.stringify(run.error)).toMatchObject({
      status: 'success',
      encrypted: true,
      error: null,
    });
    expect(run.destinations).toHaveLength(2);
    for (const destination of run.destinations) {
      expect(destination).toMatchObject({ ok: true, sha256: run.sha256 });
      expect(destination.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    const [onS3, onSftp] = run.destinations;
    // Keys are relative to the destination's prefix; a metadata sidecar sits next to the backup.
    const keys = (await objectsIn(bucket)).keys;
    expect(keys).toContain(`db/${onS3?.objectKey}`);
    expect(keys.every((k) => k?.startsWith(`db/${onS3?.objectKey}`))).toBe(true);
    const files = (await filesUnder(folder)).filter((f) => !f.endsWith('.meta.json'));
    expect(files).toHaveLength(1);
    const bytes = await readFile(files[0] ?? '');
    expect(bytes.toString('latin1')).not.toContain('order 1999');
    expect(files[0]).toContain(onSftp?.objectKey ?? 'missing');
    const view = (await api.get<BackupJob>(`/api/v1/backups/jobs/${job.id}`)).text;
    expect(view).not.toContain(passphrase);
    expect(view).not.toContain(s3.secretAccessKey);
    const logs = (await readFile(server.logPath, 'utf8')) + (await readFile(agent.logPath, 'utf8'));
    for (const secret of [
      passphrase,
      s3.secretAccessKey,
      sftp.privateKey.trim().split('\n')[1] ?? 'k',
    ])
      expect(logs).not.toContain(secret);
  });

  it('tests a storage through the agent: a good S3 key works, a wrong one is named', async () => {
    const bucket = await createBucket(s3, 'probe');
    cleanups.push(() => removeBucket(s3, bucket));
    const config = {
      kind: 's3',
      endpoint: s3.endpoint,
      region: s3.region,
      bucket,
      forcePathStyle: true,
    };
    const storage = await expectCreated<{ id: string }>(api, '/api/v1/storages', {
      name: 'probe',
      agentId: agent.agentId,
      config,
      secrets: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    });
    const good = await api.post(`/api/v1/storages/${storage.id}/test`);
    expect(good.body, good.text).toMatchObject({ ok: true });
    const wrong = await api.post('/api/v1/storages/test', {
      name: 'unsaved',
      agentId: agent.agentId,
      config,
      secrets: { accessKeyId: s3.accessKeyId, secretAccessKey: 'not-the-secret-key' },
    });
    expect(wrong.body, wrong.text).toMatchObject({ ok: false, code: 'STORAGE_AUTH_FAILED' });
    expect((await objectsIn(bucket)).keys).toEqual([]);
  });

  it('cancels a running backup: the run ends cancelled and neither destination keeps an object', async () => {
    const { job, bucket, folder } = await jobWithTwoDestinations(bigDb, 19);
    // pg_dump waits for this lock, so the backup is still running when the cancel comes.
    const release = await holdTableLock(bigDb, 'blobs');
    let run: BackupRun;
    try {
      const started = await expectCreated<BackupRun>(api, `/api/v1/backups/jobs/${job.id}/run`, {});
      await waitForRun(started.id, (r) => r.progress != null || finished(r), 20_000);
      const cancel = await api.post<BackupRun>(`/api/v1/backups/history/${started.id}/cancel`);
      expect(cancel.status, cancel.text).toBe(200);
      run = await waitForRun(started.id, finished);
    } finally {
      await release();
    }
    expect(run).toMatchObject({ status: 'cancelled' });
    expect(await objectsIn(bucket)).toEqual({ keys: [], pendingUploads: [] });
    expect(await filesUnder(folder)).toEqual([]);
  });

  it('fails a run as "agent disconnected" when the agent is killed mid-run, then the next run works', async () => {
    const { job } = await jobWithTwoDestinations(bigDb, 19);
    const home = await mkdtemp(join(tmpdir(), 'rb-agent-again-'));
    cleanups.push(() => rm(home, { recursive: true, force: true }));
    const configCopy = join(home, 'agent.json');
    await copyFile(agent.configPath, configCopy);

    // pg_dump waits for this lock, so the backup is still running when the agent dies.
    const release = await holdTableLock(bigDb, 'blobs');
    let failed: BackupRun;
    try {
      const started = await expectCreated<BackupRun>(api, `/api/v1/backups/jobs/${job.id}/run`, {});
      await waitForRun(started.id, (r) => r.progress != null || finished(r), 20_000);
      await agent.kill();
      failed = await waitForRun(started.id, finished, 30_000);
    } finally {
      await release();
    }
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'AGENT_DISCONNECTED' } });
    expect(failed.error?.message).toMatch(/^the agent disconnected during the backup/);

    restarted = runAgentAgain(configCopy, home);
    await waitForAgentOnline(server.url, user.token, agent.agentId, true);
    const { job: small } = await jobWithTwoDestinations(sourceDb, 3);
    const next = await expectCreated<BackupRun>(api, `/api/v1/backups/jobs/${small.id}/run`, {});
    expect((await waitForRun(next.id, finished)).status).toBe('success');
    const again = await expectCreated<BackupRun>(api, `/api/v1/backups/jobs/${job.id}/run`, {});
    expect(again.status).toBe('running');
    await api.post(`/api/v1/backups/history/${again.id}/cancel`);
    await waitForRun(again.id, finished);
  });
});
