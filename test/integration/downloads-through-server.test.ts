import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { get, type IncomingMessage } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BackupJob, BackupRun, DownloadLink } from '@rahatback/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPostgresDatabase,
  apiClient,
  createHardToCompressDatabase,
  expectCreated,
  pgQuery,
  registerUser,
  runAgentCli,
  runToEnd as runBackup,
  startSession,
  uniqueSuffix,
  type ApiClient,
  type RegisteredUser,
  type RunningAgent,
  type Session,
  type TestServer,
} from '../harness/index.js';
import { sharedSftp, type SftpService } from '../services.js';

// Local-folder and SFTP copies reach the browser through the server: the agent uploads the
// file as the browser downloads it. Real server, agent process, PostgreSQL and sshd.
const suffix = uniqueSuffix();
const sourceDb = `rb_dl_src_${suffix}`;
const targetDb = `rb_dl_dst_${suffix}`;
const bigDb = `rb_dl_big_${suffix}`;
const passphrase = `Canary-download-passphrase-${suffix}`;
const MAGIC = Buffer.from('RBK1\r\n\x1a\n', 'latin1');

let session: Session;
let server: TestServer;
let user: RegisteredUser;
let api: ApiClient;
let agent: RunningAgent;
let sftp: SftpService;
let folder: string;
let run: BackupRun;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const runToEnd = (jobId: string) => runBackup(api, jobId);

/** What a page does: ask for the link, then follow it with the same session. */
async function download(runId: string, storageId: string, token = user.token) {
  const link = await apiClient(server.url, token).get<DownloadLink>(
    `/api/v1/backups/history/${runId}/download?storageId=${storageId}`,
  );
  expect(link.status, link.text).toBe(200);
  const file = await fetch(`${server.url}${link.body.url}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { link: link.body, file };
}

async function fingerprint(database: string): Promise<string> {
  const [row] = await pgQuery(
    "SELECT count(*)::text || ':' || md5(string_agg(t::text, ',' ORDER BY t.id)) AS f FROM orders t",
    database,
  );
  return String(row?.f);
}

beforeAll(async () => {
  await pgQuery(`CREATE DATABASE ${sourceDb}`);
  await pgQuery(`CREATE DATABASE ${targetDb}`);
  await pgQuery(
    "CREATE TABLE orders (id serial PRIMARY KEY, item text); INSERT INTO orders (item) SELECT 'order ' || g FROM generate_series(1, 3000) g;",
    sourceDb,
  );
  await createHardToCompressDatabase(bigDb);
  folder = await mkdtemp(join(tmpdir(), 'rb-downloads-'));
  sftp = await sharedSftp();
  session = await startSession({ env: { RAHATBACK_SCHEDULER: 'false' } });
  ({ server, user, api, agent } = session);
}, 240_000);

afterAll(async () => {
  await session?.stop();
  await rm(folder, { recursive: true, force: true });
  for (const db of [sourceDb, targetDb, bigDb])
    await pgQuery(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
}, 60_000);

describe('downloads of local-folder and SFTP copies through the server', () => {
  it('backs up an encrypted database to a folder and to SFTP', async () => {
    await mkdir(join(folder, 'local'));
    await mkdir(join(folder, 'sftp'));
    const database = await addPostgresDatabase(api, agent.agentId, 'source', sourceDb);
    const onFolder = await expectCreated<{ id: string }>(api, '/api/v1/storages', {
      name: 'folder',
      agentId: agent.agentId,
      config: { kind: 'local', path: join(folder, 'local') },
    });
    const onSftp = await expectCreated<{ id: string }>(api, '/api/v1/storages', {
      name: 'sshd',
      agentId: agent.agentId,
      config: {
        kind: 'sftp',
        host: sftp.host,
        port: sftp.port,
        username: sftp.username,
        path: join(folder, 'sftp'),
        hostKeySha256: sftp.hostKeySha256,
      },
      secrets: { privateKey: sftp.privateKey },
    });
    const job = await expectCreated<BackupJob>(api, '/api/v1/backups/jobs', {
      name: `downloads-${suffix}`,
      databaseId: database.id,
      storageIds: [onFolder.id, onSftp.id],
      schedule: { kind: 'manual' },
      compression: { algorithm: 'zstd' },
      encryption: { enabled: true, passphrase },
    });
    run = await runToEnd(job.id);
    expect(run.status, JSON.stringify(run.error)).toBe('success');
    expect(run.destinations.map((d) => d.sha256)).toEqual([run.sha256, run.sha256]);
  });

  it('downloads the folder copy with its name and length, and the file restores the data', async () => {
    const copy = run.destinations[0];
    const { link, file } = await download(run.id, String(copy?.storageId));
    expect(file.status, await file.clone().text()).toBe(200);
    const name = String(copy?.objectKey).split('/').at(-1);
    expect(file.headers.get('content-disposition')).toContain(`filename="${name}"`);
    expect(Number(file.headers.get('content-length'))).toBe(copy?.storedSize);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(sha256(bytes)).toBe(run.sha256);
    expect(bytes.subarray(0, MAGIC.length).equals(MAGIC)).toBe(true);

    // The link is for one download only.
    const again = await fetch(`${server.url}${link.url}`, {
      headers: { authorization: `Bearer ${user.token}` },
    });
    expect(again.status).toBe(404);

    const path = join(folder, String(name));
    const secretFile = join(folder, 'passphrase.txt');
    await writeFile(path, bytes);
    await writeFile(secretFile, passphrase, { mode: 0o600 });
    const restored = await runAgentCli([
      'restore',
      '--from',
      path,
      '--to',
      `postgresql://postgres@127.0.0.1:5432/${targetDb}`,
      '--passphrase-file',
      secretFile,
      '--sha256',
      String(run.sha256),
    ]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(await fingerprint(targetDb)).toBe(await fingerprint(sourceDb));
  }, 60_000);

  it('downloads the SFTP copy, byte for byte the backup', async () => {
    const copy = run.destinations[1];
    const { file } = await download(run.id, String(copy?.storageId));
    expect(file.status, await file.clone().text()).toBe(200);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.length).toBe(copy?.storedSize);
    expect(sha256(bytes)).toBe(run.sha256);

    // Its sidecar, which `rahatback-agent restore` reads for the checksum, comes the same way.
    const meta = await api.get<DownloadLink>(
      `/api/v1/backups/history/${run.id}/download?storageId=${copy?.storageId}&file=meta`,
    );
    const sidecar = await fetch(`${server.url}${meta.body.url}`, {
      headers: { authorization: `Bearer ${user.token}` },
    });
    expect(sidecar.headers.get('content-disposition')).toContain('.meta.json');
    expect(await sidecar.text()).toContain(String(run.sha256));
  });

  it("answers 404 to another account, for the backup and for the owner's link", async () => {
    const other = await registerUser(server.url);
    const otherApi = apiClient(server.url, other.token);
    const refused = await otherApi.get(
      `/api/v1/backups/history/${run.id}/download?storageId=${run.destinations[0]?.storageId}`,
    );
    expect(refused.status).toBe(404);
    const link = await api.get<DownloadLink>(
      `/api/v1/backups/history/${run.id}/download?storageId=${run.destinations[0]?.storageId}`,
    );
    const stolen = await fetch(`${server.url}${link.body.url}`, {
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(stolen.status).toBe(404);
  });

  it('ends the agent upload when the browser goes away', async () => {
    const database = await addPostgresDatabase(api, agent.agentId, 'big', bigDb);
    await mkdir(join(folder, 'big'));
    const storage = await expectCreated<{ id: string }>(api, '/api/v1/storages', {
      name: 'big',
      agentId: agent.agentId,
      config: { kind: 'local', path: join(folder, 'big') },
    });
    const job = await expectCreated<BackupJob>(api, '/api/v1/backups/jobs', {
      name: `downloads-big-${suffix}`,
      databaseId: database.id,
      storageIds: [storage.id],
      schedule: { kind: 'manual' },
      compression: { algorithm: 'none' },
    });
    const big = await runToEnd(job.id);
    expect(big.status, JSON.stringify(big.error)).toBe('success');
    const link = await api.get<DownloadLink>(
      `/api/v1/backups/history/${big.id}/download?storageId=${storage.id}`,
    );
    // A browser that closes the connection after the first bytes.
    const browser = get(`${server.url}${link.body.url}`, {
      headers: { authorization: `Bearer ${user.token}` },
    });
    const response = await new Promise<IncomingMessage>((resolve) =>
      browser.once('response', resolve),
    );
    expect(response.statusCode).toBe(200);
    await once(response, 'data');
    browser.destroy();
    const hasEndedEarly = async () =>
      (await readFile(agent.logPath, 'utf8')).includes('download upload ended early');
    await expect.poll(hasEndedEarly, { timeout: 20_000 }).toBe(true);
  }, 120_000);

  it('says the agent is offline, and how to start it', async () => {
    await agent.stop();
    const response = await api.get<{ code: string; message: string }>(
      `/api/v1/backups/history/${run.id}/download?storageId=${run.destinations[0]?.storageId}`,
    );
    expect(response.status).toBe(503);
    expect(response.body.code).toBe('AGENT_OFFLINE');
    expect(response.body.message).toContain(agent.name);
    expect(response.body.message).toContain('rahatback-agent run');
  });
});
