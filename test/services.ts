/**
 * The real servers that tests run against, started by the project's own scripts in
 * scripts/test-services/: an S3-compatible server (Ceph radosgw) and an SFTP server
 * (OpenSSH sshd). Each instance lives in its own temporary folder on free ports, so that
 * test files running in parallel never share state they did not ask to share.
 *
 * One S3 and one SFTP instance are shared by the whole run (see global-setup.ts); tests reach
 * them with `sharedS3()` / `sharedSftp()`. A test that stops or breaks a server starts its
 * own with `startS3()` / `startSftp()`.
 */
import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const scriptsDir = fileURLToPath(new URL('../scripts/test-services/', import.meta.url));
export const S3_SCRIPT = join(scriptsDir, 's3-radosgw.sh');
export const SFTP_SCRIPT = join(scriptsDir, 'sftp-sshd.sh');

/** How to reach an S3-compatible server (path-style addressing). */
export interface S3Service {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  port: number;
  monitorPort: number;
  /** The instance's folder: config, logs, pid files. */
  dir: string;
}

/** How to reach an SFTP server; the user may log in with a key or, when it has one, a password. */
export interface SftpService {
  host: string;
  port: number;
  username: string;
  /** An unencrypted OpenSSH private key accepted by the server. */
  privateKey: string;
  /** A passphrase-protected private key accepted by the server, and its passphrase. */
  protectedPrivateKey: string;
  passphrase: string;
  /** The server's host key fingerprint, base64 as `ssh-keygen -lf` prints after "SHA256:". */
  hostKeySha256: string;
  dir: string;
}

export interface Stoppable {
  stop(): Promise<void>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's shared S3 server; it starts on first use (see `sharedS3()`). */
    s3: S3Service;
    sftp: SftpService;
  }
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function runScript(script: string, args: string[], env: Record<string, string> = {}) {
  try {
    return await run(script, args, { env: { ...process.env, ...env }, timeout: 180_000 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`${script} ${args.join(' ')} failed: ${stderr || String(error)}`, {
      cause: error,
    });
  }
}

/** Coordinates for a new S3 instance; nothing is started yet. */
export async function planS3(dir: string): Promise<S3Service> {
  return {
    endpoint: '',
    region: 'us-east-1',
    accessKeyId: 'RAHATBACKTESTKEY',
    secretAccessKey: 'rahatback-test-secret-0123456789',
    port: await freePort(),
    monitorPort: await freePort(),
    dir,
  };
}

const GiB = 1024 * 1024 * 1024;

/**
 * Starts the S3 server described by `service` (about 15 s). Its objects live in RAM, up to
 * `memoryBytes`; a full radosgw does not refuse writes, it hangs them, so tests delete
 * what they store.
 */
export async function launchS3(service: S3Service, memoryBytes = 4 * GiB): Promise<void> {
  await runScript(S3_SCRIPT, ['start', service.dir], {
    RGW_PORT: String(service.port),
    RGW_MON_PORT: String(service.monitorPort),
    RGW_ACCESS_KEY: service.accessKeyId,
    RGW_SECRET_KEY: service.secretAccessKey,
    RGW_MEMORY_BYTES: String(memoryBytes),
  });
}

export async function stopS3(dir: string): Promise<void> {
  await runScript(S3_SCRIPT, ['stop', dir]);
}

export interface S3Instance extends S3Service, Stoppable {
  /** Stops only the S3 gateway: clients get "connection refused", stored data stays. */
  stopGateway(): Promise<void>;
  startGateway(): Promise<void>;
}

/** Starts a private S3 server for one test file; call `stop()` when done. */
export async function startS3(): Promise<S3Instance> {
  const dir = await mkdtemp(join(tmpdir(), 'rahatback-s3-'));
  await claimOwnership(dir);
  const service = withEndpoint(await planS3(dir));
  try {
    // A private instance holds one test file's few objects.
    await launchS3(service, 1 * GiB);
  } catch (error) {
    await stopS3(dir).catch(() => undefined);
    throw error;
  }
  return {
    ...service,
    stopGateway: async () => void (await runScript(S3_SCRIPT, ['gateway-stop', dir])),
    startGateway: async () => void (await runScript(S3_SCRIPT, ['gateway-start', dir])),
    stop: async () => {
      await stopS3(dir);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function withEndpoint(service: S3Service): S3Service {
  return { ...service, endpoint: `http://127.0.0.1:${service.port}` };
}

/**
 * The run's shared S3 server. The first caller starts it (others wait), so a run that needs
 * no S3 never pays its 15 s start; global-setup stops it at the end.
 */
export async function sharedS3(): Promise<S3Service> {
  const { inject } = await import('vitest');
  const service = inject('s3');
  await startOnce(service.dir, () => launchS3(service));
  return service;
}

type StartStatus = { ok: true } | { ok: false; message: string };
const statusFile = (dir: string) => `${dir}.status`;

/** Runs `start` in the first process that asks (a lock folder decides) and waits for it in the others. */
async function startOnce(dir: string, start: () => Promise<void>): Promise<void> {
  let isStarter = true;
  await mkdir(`${dir}.lock`).catch(() => (isStarter = false));
  if (isStarter) {
    let status: StartStatus = { ok: true };
    try {
      await start();
    } catch (error) {
      status = { ok: false, message: (error as Error).message };
    }
    await writeFile(statusFile(dir), JSON.stringify(status));
  }
  const status = await waitForStatus(dir, 180_000);
  if (!status.ok) throw new Error(status.message);
}

async function waitForStatus(dir: string, timeoutMs: number): Promise<StartStatus> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const text = await readFile(statusFile(dir), 'utf8').catch(() => undefined);
    if (text) return JSON.parse(text) as StartStatus;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { ok: false, message: `the shared server in ${dir} did not start within ${timeoutMs} ms` };
}

/** Stops a shared server if a test started it, waiting for a start still under way. */
export async function stopIfStarted(
  dir: string,
  stop: (dir: string) => Promise<void>,
): Promise<void> {
  const wasStarted = await stat(`${dir}.lock`).then(
    () => true,
    () => false,
  );
  if (!wasStarted) return;
  await waitForStatus(dir, 180_000);
  await stop(dir);
}

export function sharedSftp(): Promise<SftpService> {
  return import('vitest').then(({ inject }) => inject('sftp'));
}

export interface SftpInstance extends SftpService, Stoppable {}

/** What can be handed to a test process (no functions). */
export function sftpCoordinates(instance: SftpInstance): SftpService {
  const { host, port, username, privateKey, protectedPrivateKey, passphrase, hostKeySha256, dir } =
    instance;
  return { host, port, username, privateKey, protectedPrivateKey, passphrase, hostKeySha256, dir };
}

/** Starts a private sshd; `readOnly` makes its SFTP subsystem refuse every write. */
export async function startSftp(
  options: { readOnly?: boolean; dir?: string } = {},
): Promise<SftpInstance> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'rahatback-sftp-')));
  await mkdir(dir, { recursive: true });
  await claimOwnership(dir);
  const port = await freePort();
  try {
    await runScript(SFTP_SCRIPT, ['start', dir], {
      SFTP_PORT: String(port),
      SFTP_READ_ONLY: options.readOnly ? '1' : '0',
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const read = (name: string) => readFile(join(dir, name), 'utf8');
  return {
    host: '127.0.0.1',
    port,
    username: userInfo().username,
    privateKey: await read('client_key'),
    protectedPrivateKey: await read('client_key_protected'),
    passphrase: await read('client_key_passphrase'),
    hostKeySha256: (await read('host_key.sha256')).trim(),
    dir,
    stop: async () => {
      await runScript(SFTP_SCRIPT, ['stop', dir]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A raw S3 client for a test server, for checks the driver does not offer (pending uploads). */
export function s3TestClient(service: S3Service): S3Client {
  return new S3Client({
    endpoint: service.endpoint,
    region: service.region,
    forcePathStyle: true,
    credentials: { accessKeyId: service.accessKeyId, secretAccessKey: service.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** Creates a bucket with a unique name; remove it with `removeBucket`. */
export async function createBucket(service: S3Service, prefix = 'test'): Promise<string> {
  const name = `${prefix}-${randomUUID().slice(0, 12)}`.toLowerCase();
  const client = s3TestClient(service);
  try {
    await client.send(new CreateBucketCommand({ Bucket: name }));
  } finally {
    client.destroy();
  }
  return name;
}

/** Empties a bucket (objects and pending multipart uploads) and deletes it. */
export async function removeBucket(service: S3Service, bucket: string): Promise<void> {
  const client = s3TestClient(service);
  try {
    const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    for (const { Key, UploadId } of uploads.Uploads ?? []) {
      await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key, UploadId }));
    }
    const objects = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
    for (const { Key } of objects.Contents ?? []) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key }));
    }
    await client.send(new DeleteBucketCommand({ Bucket: bucket }));
  } finally {
    client.destroy();
  }
}

const OWNER_FILE = 'owner.pid';

/** Records which process owns an instance folder, so that a later run can reap it. */
export async function claimOwnership(dir: string): Promise<void> {
  await writeFile(join(dir, OWNER_FILE), String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Stops the servers of earlier runs that died without their teardown (a killed vitest, a
 * crashed worker): folders of ours in the temp dir whose owner process is gone.
 */
export async function reapAbandonedInstances(): Promise<void> {
  const names = await readdir(tmpdir()).catch(() => [] as string[]);
  const ours = names.filter((n) => /^rahatback-(test-run|s3|sftp)-[A-Za-z0-9]{6}$/.test(n));
  for (const name of ours) {
    const dir = join(tmpdir(), name);
    const owner = Number(await readFile(join(dir, OWNER_FILE), 'utf8').catch(() => 'NaN'));
    if (!Number.isInteger(owner) || isAlive(owner)) continue;
    await stopInstancesIn(dir);
    await rm(dir, { recursive: true, force: true });
  }
}

async function stopInstancesIn(dir: string): Promise<void> {
  const has = (file: string) =>
    stat(join(dir, file)).then(
      () => true,
      () => false,
    );
  if (await has('ceph.conf')) await stopS3(dir).catch(() => undefined);
  if (await has('sshd_config')) await runScript(SFTP_SCRIPT, ['stop', dir]).catch(() => undefined);
  for (const inner of ['s3', 'sftp']) {
    if (await has(inner)) await stopInstancesIn(join(dir, inner));
  }
}
