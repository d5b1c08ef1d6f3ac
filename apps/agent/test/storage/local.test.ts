import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorageDriver } from '../../src/storage/registry.js';
import type { StorageDriver } from '../../src/storage/storage.types.js';
import {
  MiB,
  randomPayload,
  rejectionOf,
  roundTrip,
  stallingStream,
} from './storage-test-helpers.js';

const run = promisify(execFile);
const localDriver = (path: string): StorageDriver =>
  createStorageDriver({ config: { kind: 'local', path }, secrets: {} });

/** Every file under `dir`, partial ones included, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

describe('local storage driver', () => {
  let folder: string;
  let driver: StorageDriver;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'rahatback-local-'));
    driver = localDriver(folder);
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('stores, lists, returns and deletes a multi-MiB stream', async () => {
    const result = await roundTrip(driver, 12 * MiB);
    expect(result.written).toBe(12 * MiB);
    expect(result.listed).toEqual([expect.objectContaining({ key: result.key, size: 12 * MiB })]);
    expect(result.readBack).toBe(result.sha256);
    expect(result.afterDelete).toEqual([]);
    expect(await filesUnder(folder)).toEqual([]);
  });

  it('passes its self-test and leaves no probe behind', async () => {
    const result = await driver.test();
    expect(result).toMatchObject({ ok: true });
    expect(await filesUnder(folder)).toEqual([]);
  });

  it('reports a missing folder as STORAGE_NOT_FOUND', async () => {
    const result = await localDriver(join(folder, 'no-such-folder')).test();
    expect(result).toMatchObject({ ok: false, code: 'STORAGE_NOT_FOUND' });
    expect(result.ok === false && result.message).toContain('no-such-folder');
  });

  it('reports a missing object as OBJECT_NOT_FOUND', async () => {
    const error = await rejectionOf(driver.get('nothing/here.dump'));
    expect(error.code).toBe('OBJECT_NOT_FOUND');
  });

  it('refuses keys that climb out of the folder or are absolute', async () => {
    for (const key of ['../escape.dump', 'a/../../b', '/etc/passwd', 'a//b']) {
      const error = await rejectionOf(driver.put(key, randomPayload(10).stream()));
      expect(error.code, key).toBe('VALIDATION_FAILED');
    }
  });

  it('leaves no file behind when the put is aborted midway', async () => {
    const controller = new AbortController();
    const put = driver.put('aborted/backup.dump', stallingStream(3 * MiB), {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 300);
    const error = await rejectionOf(put);
    expect(error.code).toBe('CANCELLED');
    expect(await driver.list('aborted/')).toEqual([]);
    expect(await filesUnder(folder)).toEqual([]);
  });

  it('reports a full disk as STORAGE_FULL and leaves no partial file', async () => {
    const small = join(folder, 'tiny-disk');
    await mkdir(small);
    await run('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', small]);
    try {
      const error = await rejectionOf(
        localDriver(small).put('db/too-big.dump', randomPayload(5 * MiB).stream()),
      );
      expect(error.code).toBe('STORAGE_FULL');
      expect(error.message).toContain(small);
      expect(await filesUnder(small)).toEqual([]);
    } finally {
      await run('umount', [small]);
    }
  });
});
