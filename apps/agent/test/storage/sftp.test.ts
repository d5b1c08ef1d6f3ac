import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorageTarget } from '@rahatback/protocol';
import { createStorageDriver } from '../../src/storage/registry.js';
import type { StorageDriver } from '../../src/storage/storage.types.js';
import type { SftpInstance, SftpService } from '../../../../test/services.js';
import { freePort, sharedSftp, startSftp } from '../../../../test/services.js';
import {
  MiB,
  randomPayload,
  rejectionOf,
  roundTrip,
  stallingStream,
} from './storage-test-helpers.js';

const run = promisify(execFile);

function sftpTarget(
  sftp: SftpService,
  path: string,
  overrides: { secrets?: StorageTarget['secrets']; hostKeySha256?: string; port?: number } = {},
): StorageTarget {
  return {
    config: {
      kind: 'sftp',
      host: sftp.host,
      port: overrides.port ?? sftp.port,
      username: sftp.username,
      path,
      hostKeySha256: overrides.hostKeySha256 ?? sftp.hostKeySha256,
    },
    secrets: overrides.secrets ?? { privateKey: sftp.privateKey },
  };
}

/** Every file under `dir` (the sshd runs on this host), partial ones included. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

describe('SFTP storage driver (OpenSSH sshd)', () => {
  let sftp: SftpService;
  let folder: string;
  let driver: StorageDriver;
  const drivers: StorageDriver[] = [];
  const open = (target: StorageTarget) => {
    const created = createStorageDriver(target);
    drivers.push(created);
    return created;
  };

  beforeAll(async () => {
    sftp = await sharedSftp();
    folder = await mkdtemp(join(tmpdir(), 'rahatback-sftp-dest-'));
    driver = open(sftpTarget(sftp, folder));
  });
  afterAll(async () => {
    await Promise.all(drivers.map((d) => d.close()));
    await rm(folder, { recursive: true, force: true });
  });

  it('stores, lists, returns and deletes a multi-MiB stream, creating sub-folders', async () => {
    const result = await roundTrip(driver, 12 * MiB);
    expect(result.written).toBe(12 * MiB);
    expect(result.listed).toEqual([expect.objectContaining({ key: result.key, size: 12 * MiB })]);
    expect(result.readBack).toBe(result.sha256);
    expect(result.afterDelete).toEqual([]);
    expect(await filesUnder(folder)).toEqual([]);
  });

  it('passes its self-test with a key, and with a passphrase-protected key', async () => {
    expect(await driver.test()).toMatchObject({ ok: true });
    const secrets = { privateKey: sftp.protectedPrivateKey, passphrase: sftp.passphrase };
    expect(await open(sftpTarget(sftp, folder, { secrets })).test()).toMatchObject({ ok: true });
    expect(await filesUnder(folder)).toEqual([]);
  });

  it('names a wrong password or an unknown key as STORAGE_AUTH_FAILED, without the password', async () => {
    const canary = 'canary-password-51c9e0';
    const wrongPassword = await open(
      sftpTarget(sftp, folder, { secrets: { password: canary } }),
    ).test();
    expect(wrongPassword).toMatchObject({ ok: false, code: 'STORAGE_AUTH_FAILED' });
    expect(JSON.stringify(wrongPassword)).not.toContain(canary);

    const wrongPassphrase = await open(
      sftpTarget(sftp, folder, {
        secrets: { privateKey: sftp.protectedPrivateKey, passphrase: canary },
      }),
    ).test();
    expect(wrongPassphrase).toMatchObject({ ok: false, code: 'STORAGE_AUTH_FAILED' });
    expect(JSON.stringify(wrongPassphrase)).not.toContain(canary);
  });

  it('refuses a server whose host key does not match the fingerprint', async () => {
    const result = await open(
      sftpTarget(sftp, folder, {
        hostKeySha256: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      }),
    ).test();
    expect(result).toMatchObject({ ok: false, code: 'STORAGE_AUTH_FAILED' });
    expect(result.ok === false && result.message).toContain(sftp.hostKeySha256);
  });

  it('names a missing folder as STORAGE_NOT_FOUND', async () => {
    const result = await open(sftpTarget(sftp, join(folder, 'no-such-folder'))).test();
    expect(result).toMatchObject({ ok: false, code: 'STORAGE_NOT_FOUND' });
  });

  it('names a port where nothing listens as STORAGE_UNREACHABLE', async () => {
    const result = await open(sftpTarget(sftp, folder, { port: await freePort() })).test();
    expect(result).toMatchObject({ ok: false, code: 'STORAGE_UNREACHABLE' });
  });

  it('names a missing object as OBJECT_NOT_FOUND', async () => {
    const error = await rejectionOf(driver.get('nothing/here.dump'));
    expect(error.code).toBe('OBJECT_NOT_FOUND');
  });

  it('leaves no file behind when the put is aborted midway', async () => {
    const controller = new AbortController();
    const put = driver.put('aborted/backup.dump', stallingStream(3 * MiB), {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 500);
    const error = await rejectionOf(put);
    expect(error.code).toBe('CANCELLED');
    expect(await driver.list('aborted/')).toEqual([]);
    expect(await filesUnder(folder)).toEqual([]);
  });

  it('names a full disk on the server as STORAGE_FULL and leaves no partial file', async () => {
    const small = join(folder, 'tiny-disk');
    await mkdir(small);
    await run('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', small]);
    const onSmallDisk = open(sftpTarget(sftp, small));
    try {
      const error = await rejectionOf(
        onSmallDisk.put('db/too-big.dump', randomPayload(5 * MiB).stream()),
      );
      expect(error.code).toBe('STORAGE_FULL');
      expect(error.message).toContain(small);
      expect(await filesUnder(small)).toEqual([]);
    } finally {
      await onSmallDisk.close();
      await run('umount', [small]);
    }
  });

  describe('a server that refuses writes', () => {
    let readOnly: SftpInstance;
    beforeAll(async () => {
      readOnly = await startSftp({ readOnly: true });
    });
    afterAll(async () => {
      await readOnly?.stop();
    });

    it('fails the put with STORAGE_PERMISSION_DENIED and leaves no partial file', async () => {
      const refusing = open(sftpTarget(readOnly, folder));
      // At the top the file open is refused; in a new sub-folder, the mkdir is.
      for (const key of ['backup.dump', 'db/backup.dump']) {
        const error = await rejectionOf(refusing.put(key, randomPayload(2 * MiB).stream()));
        expect(error.code, key).toBe('STORAGE_PERMISSION_DENIED');
        expect(error.message).toContain(folder);
      }
      expect(await filesUnder(folder)).toEqual([]);
      expect(await refusing.test()).toMatchObject({ ok: false, code: 'STORAGE_PERMISSION_DENIED' });
    });
  });
});
