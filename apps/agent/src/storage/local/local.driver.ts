import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { LocalStorageConfig } from '@rahatback/protocol';
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
import type { PutOptions, StorageDriver, StoredObject } from '../storage.types.js';
import { folderMissing, localError } from './local.errors.js';

/** Backups hold a whole database: readable by the agent's user only. */
const FILE_MODE = 0o600;

/**
 * A folder on the agent's host. The folder itself must exist; sub-folders of keys are
 * created as needed. A file is written as `<key>.partial-<random>`, flushed to disk and
 * renamed only when complete, so a crash or a failure never leaves a file under its key.
 */
export function createLocalDriver(config: LocalStorageConfig): StorageDriver {
  const folder = config.path;
  const pathOf = (key: string) => join(folder, key);

  const driver: StorageDriver = {
    kind: 'local',

    async put(key: string, body: Readable, options: PutOptions = {}) {
      assertSafeKey(key);
      await assertFolderExists(folder);
      const target = pathOf(key);
      const partial = partialName(target);
      const counter = new ByteCounter();
      try {
        await mkdir(dirname(target), { recursive: true });
        // `flush` fsyncs before close: the rename below must not publish unwritten data.
        const file = createWriteStream(partial, { flags: 'wx', mode: FILE_MODE, flush: true });
        await pipeline(body, counter, file, { signal: options.signal });
        await rename(partial, target);
        await syncFolder(dirname(target));
        return { size: counter.bytes };
      } catch (error) {
        await unlink(partial).catch(() => undefined);
        if (isAbortError(error, options.signal)) throw cancelled(error);
        throw localError(error, folder, key);
      }
    },

    async get(key: string, options: { signal?: AbortSignal } = {}) {
      assertSafeKey(key);
      await assertFolderExists(folder);
      try {
        const handle = await open(pathOf(key), 'r');
        return handle.createReadStream({ signal: options.signal });
      } catch (error) {
        throw localError(error, folder, key);
      }
    },

    async delete(key: string) {
      assertSafeKey(key);
      await assertFolderExists(folder);
      try {
        await unlink(pathOf(key));
      } catch (error) {
        // Deleting what is already gone is success: retention may retry.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
          throw localError(error, folder, key);
      }
    },

    async list(prefix: string) {
      assertSafePrefix(prefix);
      await assertFolderExists(folder);
      try {
        return await listFiles(folder, prefix);
      } catch (error) {
        throw localError(error, folder, prefix);
      }
    },

    test: () => probeStorage(driver),
    close: () => Promise.resolve(),
  };
  return driver;
}

async function assertFolderExists(folder: string): Promise<void> {
  const info = await stat(folder).catch((error: unknown) => {
    throw folderMissing(folder, error);
  });
  if (!info.isDirectory()) throw folderMissing(folder);
}

async function listFiles(folder: string, prefix: string): Promise<StoredObject[]> {
  const start = join(folder, prefixFolder(prefix));
  const entries = await readdir(start, { withFileTypes: true, recursive: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return [];
      throw error;
    },
  );
  const objects: StoredObject[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const key = relative(folder, join(entry.parentPath, entry.name));
    if (!key.startsWith(prefix) || isPartialName(key)) continue;
    const info = await stat(join(folder, key)).catch(() => undefined);
    if (info) objects.push({ key, size: info.size, lastModified: info.mtime });
  }
  return objects.sort((a, b) => a.key.localeCompare(b.key));
}

/** Makes a rename durable: the folder's entry is on disk, not only in the page cache. */
async function syncFolder(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
