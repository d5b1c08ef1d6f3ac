import { posix } from 'node:path';
import { addAbortSignal } from 'node:stream';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type SftpClient from 'ssh2-sftp-client';
import type { SftpStorageConfig, StorageSecrets } from '@rahatback/protocol';
import {
  assertSafeKey,
  assertSafePrefix,
  isPartialName,
  partialName,
  prefixFolder,
} from '../keys.js';
import { ByteCounter } from '../../pipeline/stages/count.js';
import { probeStorage } from '../probe.js';
import { cancelled, isAbortError } from '../storage-errors.js';
import type { StorageError } from '../storage-errors.js';
import type { PutOptions, StorageDriver, StoredObject } from '../storage.types.js';
import { SftpSession } from './sftp.connect.js';
import { sftpDiskFull, sftpError, sftpFolderMissing } from './sftp.errors.js';

const FILE_MODE = 0o600;
/** Below this, a write that failed for no stated reason failed for lack of space. */
const NEARLY_FULL_BYTES = 1024 * 1024;

/**
 * A folder on an SFTP server. The folder must exist; sub-folders of keys are created as
 * needed. A file is written as `<key>.partial-<random>` and renamed over its key only once
 * complete (posix-rename when the server offers it); on failure the partial file is removed.
 */
export function createSftpDriver(
  config: SftpStorageConfig,
  secrets: StorageSecrets,
): StorageDriver {
  const session = new SftpSession(config, secrets);
  const folder = posix.normalize(config.path);
  const pathOf = (key: string) => posix.join(folder, key);
  const fail = (error: unknown, path?: string, signal?: AbortSignal) =>
    isAbortError(error, signal) ? cancelled(error) : sftpError(error, { config, secrets, path });

  async function diskFullOr(failure: StorageError): Promise<StorageError> {
    if (failure.code !== 'STORAGE_FAILED') return failure;
    const free = await session.freeBytes(folder);
    return free !== undefined && free < NEARLY_FULL_BYTES ? sftpDiskFull(config, failure) : failure;
  }

  /** A connected client, once the destination folder is known to exist. */
  async function ready(): Promise<SftpClient> {
    const client = await session.open();
    const type = await client.exists(folder).catch((error: unknown) => {
      throw fail(error, folder);
    });
    if (type !== 'd') throw sftpFolderMissing(config);
    return client;
  }

  const driver: StorageDriver = {
    kind: 'sftp',

    async put(key: string, body: Readable, options: PutOptions = {}) {
      assertSafeKey(key);
      const client = await ready();
      const target = pathOf(key);
      const partial = partialName(target);
      const counter = new ByteCounter();
      try {
        await client.mkdir(posix.dirname(target), true);
        const remote = client.createWriteStream(partial, { flags: 'w', mode: FILE_MODE });
        await pipeline(body, counter, remote, { signal: options.signal });
        await renameOver(client, partial, target);
        return { size: counter.bytes };
      } catch (error) {
        // Ask for free space before the partial file is removed and frees it again.
        const failure = await diskFullOr(fail(error, key, options.signal));
        await client.delete(partial, true).catch(() => undefined);
        throw failure;
      }
    },

    async get(key: string, options: { signal?: AbortSignal } = {}) {
      assertSafeKey(key);
      const client = await ready();
      try {
        // The stream reports a missing file only once read; ask first for a clear error.
        await client.stat(pathOf(key));
        const stream = client.createReadStream(pathOf(key)) as unknown as Readable;
        return options.signal ? addAbortSignal(options.signal, stream) : stream;
      } catch (error) {
        throw fail(error, key, options.signal);
      }
    },

    async delete(key: string) {
      assertSafeKey(key);
      const client = await ready();
      try {
        await client.delete(pathOf(key), true);
      } catch (error) {
        throw fail(error, key);
      }
    },

    async list(prefix: string) {
      assertSafePrefix(prefix);
      const client = await ready();
      try {
        const found = await walk(client, folder, prefixFolder(prefix));
        return found
          .filter((o) => o.key.startsWith(prefix) && !isPartialName(o.key))
          .sort((a, b) => a.key.localeCompare(b.key));
      } catch (error) {
        throw fail(error, prefix);
      }
    },

    test: () => probeStorage(driver),
    close: () => session.close(),
  };
  return driver;
}

/** Replaces `target` atomically where the server supports it (OpenSSH does). */
async function renameOver(client: SftpClient, from: string, target: string): Promise<void> {
  try {
    await client.posixRename(from, target);
  } catch (error) {
    if (!/not supported|extension/i.test((error as Error).message)) throw error;
    // Plain SFTP rename refuses an existing target: remove it first.
    await client.delete(target, true);
    await client.rename(from, target);
  }
}

async function walk(
  client: SftpClient,
  root: string,
  relativeDir: string,
): Promise<StoredObject[]> {
  const dir = posix.join(root, relativeDir);
  if ((await client.exists(dir)) !== 'd') return [];
  const objects: StoredObject[] = [];
  for (const entry of await client.list(dir)) {
    const key = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
    if (entry.type === 'd') objects.push(...(await walk(client, root, key)));
    else if (entry.type === '-') {
      objects.push({ key, size: entry.size, lastModified: new Date(entry.modifyTime) });
    }
  }
  return objects;
}
