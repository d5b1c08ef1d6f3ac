import { Readable } from 'node:stream';
import type { BackupRequest } from '@rahatback/protocol';
import type { StorageDriver } from '../storage/storage.types.js';
import type { BackupState } from './backup-runner.js';
import { sidecarKey } from './object-key.js';

/**
 * The small JSON file written next to each backup, after it: enough to know what the file is
 * and to check it (size, SHA-256) without the server's records.
 */
export interface BackupSidecar {
  format: 'rahatback-backup-meta';
  version: 1;
  objectKey: string;
  createdAt: string;
  runId: string;
  jobId?: string;
  label: string;
  engine: string;
  dumpExtension: string;
  rawSize: number;
  storedSize: number;
  sha256: string;
  compression: { algorithm: string; level?: number };
  encrypted: boolean;
  clientToolVersion: string;
  serverVersion: string;
}

export function buildSidecar(
  request: BackupRequest,
  state: BackupState,
  storedSize: number,
): BackupSidecar {
  return {
    format: 'rahatback-backup-meta',
    version: 1,
    objectKey: state.key ?? '',
    createdAt: state.startedAt.toISOString(),
    runId: request.runId,
    ...(request.jobId === undefined ? {} : { jobId: request.jobId }),
    label: request.label,
    engine: request.database.engine,
    dumpExtension: state.dump?.extension ?? '',
    rawSize: state.rawSize,
    storedSize,
    sha256: state.sha256 ?? '',
    compression: { ...request.compression },
    encrypted: request.encryption !== null,
    clientToolVersion: state.dump?.clientToolVersion ?? '',
    serverVersion: state.dump?.serverVersion ?? '',
  };
}

export async function writeSidecar(
  driver: StorageDriver,
  request: BackupRequest,
  state: BackupState,
  index: number,
): Promise<void> {
  const key = state.key ?? '';
  const body = JSON.stringify(buildSidecar(request, state, state.stored[index] ?? 0), null, 2);
  await driver.put(sidecarKey(key), Readable.from([Buffer.from(`${body}\n`)]));
}

/** Reads a backup's sidecar when there is one; a missing or unreadable one is not an error. */
export async function readSidecarSha256(
  driver: StorageDriver,
  key: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  try {
    const stream = await driver.get(sidecarKey(key), { signal });
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || !('sha256' in parsed)) return undefined;
    const sha = parsed.sha256;
    return typeof sha === 'string' && /^[0-9a-f]{64}$/.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}
