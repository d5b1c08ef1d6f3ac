import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupResult } from '@rahatback/protocol';
import {
  createEmptyPgDatabase,
  createPgFixtureDatabase,
  fingerprintPg,
  type PgFingerprint,
  type PgTestDatabase,
} from '../fixtures/pg-fixture.js';
import { createBucket, removeBucket, sharedS3, sharedSftp } from '../../../../test/services.js';
import { CLI, runCli, runShell } from './run-cli.js';

let source: PgTestDatabase;
let expected: PgFingerprint;
let work: string;
let passphraseFile: string;
const dbUrl = (name: string) => `postgresql://postgres@127.0.0.1:5432/${name}`;

beforeAll(async () => {
  source = await createPgFixtureDatabase();
  expected = await fingerprintPg(source.name);
  work = await mkdtemp(join(tmpdir(), 'rb-cli-'));
  passphraseFile = join(work, 'passphrase');
  await writeFile(passphraseFile, 'a long passphrase, only in a file\n', { mode: 0o600 });
});
afterAll(async () => {
  await source?.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

/** A fresh database, filled by `load`, compared with the source, then dropped. */
async function expectRestoredCopy(load: (target: PgTestDatabase) => Promise<void>): Promise<void> {
  const target = await createEmptyPgDatabase('rb_cli_restored');
  try {
    await load(target);
    expect(await fingerprintPg(target.name)).toEqual(expected);
  } finally {
    await target.drop();
  }
}

function parseResult(stdout: string): BackupResult {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return BackupResult.parse(JSON.parse(lines[0] ?? ''));
}

describe('rahatback-agent backup / restore / decrypt, as separate processes with no server', () => {
  it('backs up to a local folder, and the file alone with its passphrase restores through decrypt | pg_restore', async () => {
    const folder = join(work, 'local');
    await runShell(`mkdir -p ${folder}`);
    const run = await runCli([
      'backup',
      '--db',
      dbUrl(source.name),
      '--to',
      folder,
      '--compression',
      'zstd:1',
      '--passphrase-file',
      passphraseFile,
    ]);
    expect(run.stderr).toContain('backup stored');
    expect(run.code).toBe(0);
    const result = parseResult(run.stdout);
    expect(result).toMatchObject({ status: 'success', encrypted: true, compression: 'zstd' });
    const file = join(folder, result.objectKey ?? '');
    expect(await readdir(join(folder, source.name))).toHaveLength(2);

    await expectRestoredCopy(async (target) => {
      const recovery = await runShell(
        `${CLI} decrypt --passphrase-file ${passphraseFile} < ${file} | pg_restore --no-owner -h 127.0.0.1 -U postgres -d ${target.name}`,
      );
      expect(recovery.stderr).toBe('');
      expect(recovery.code).toBe(0);
    });
  });

  it('backs up to S3 and restores from s3://bucket/key with credentials from the environment', async () => {
    const s3 = await sharedS3();
    const bucket = await createBucket(s3, 'rb-cli');
    try {
      const env = {
        AWS_ACCESS_KEY_ID: s3.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
        AWS_REGION: s3.region,
        RAHATBACK_S3_ENDPOINT: s3.endpoint,
      };
      const backup = await runCli(
        [
          'backup',
          '--db',
          dbUrl(source.name),
          '--to',
          `s3://${bucket}/nightly`,
          '--compression',
          'gzip:1',
        ],
        env,
      );
      expect(backup.code).toBe(0);
      const key = parseResult(backup.stdout).objectKey ?? '';
      expect(key).toMatch(/\.dump\.gz$/);
      await expectRestoredCopy(async (target) => {
        const restore = await runCli(
          ['restore', '--from', `s3://${bucket}/nightly/${key}`, '--to', dbUrl(target.name)],
          env,
        );
        expect(restore.stderr).toContain('restore finished');
        expect(restore.code).toBe(0);
      });
    } finally {
      await removeBucket(s3, bucket);
    }
  });

  it('backs up to SFTP with a key file and restores from sftp://user@host:port/path', async () => {
    const sftp = await sharedSftp();
    const keyFile = join(work, 'sftp_key');
    await writeFile(keyFile, sftp.privateKey, { mode: 0o600 });
    const folder = join(work, 'sftp');
    await runShell(`mkdir -p ${folder}`);
    const env = {
      RAHATBACK_SFTP_KEY_FILE: keyFile,
      RAHATBACK_SFTP_HOST_KEY_SHA256: sftp.hostKeySha256,
    };
    const where = `sftp://${sftp.username}@${sftp.host}:${sftp.port}${folder}`;
    const backup = await runCli(
      ['backup', '--db', dbUrl(source.name), '--to', where, '--passphrase-file', passphraseFile],
      env,
    );
    expect(backup.code).toBe(0);
    const key = parseResult(backup.stdout).objectKey ?? '';
    await expectRestoredCopy(async (target) => {
      const restore = await runCli(
        [
          'restore',
          '--from',
          `${where}/${key}`,
          '--to',
          dbUrl(target.name),
          '--passphrase-file',
          passphraseFile,
        ],
        env,
      );
      expect(restore.code).toBe(0);
    });
  });

  it('names a wrong passphrase on restore and exits 1', async () => {
    const folder = join(work, 'wrong');
    await runShell(`mkdir -p ${folder}`);
    const backup = await runCli([
      'backup',
      '--db',
      dbUrl(source.name),
      '--to',
      folder,
      '--passphrase-file',
      passphraseFile,
    ]);
    const file = join(folder, parseResult(backup.stdout).objectKey ?? '');
    const wrong = join(work, 'wrong-passphrase');
    await writeFile(wrong, 'not the passphrase');
    const target = await createEmptyPgDatabase('rb_cli_wrong');
    try {
      const restore = await runCli([
        'restore',
        '--from',
        file,
        '--to',
        dbUrl(target.name),
        '--passphrase-file',
        wrong,
      ]);
      expect(restore.code).toBe(1);
      expect(restore.stderr).toContain('WRONG_PASSPHRASE');
    } finally {
      await target.drop();
    }
  });

  // Each parser's refusals are covered in cli-parsing.test.ts; these check the process's contract.
  it.each([
    [
      ['backup', '--db', 'postgresql://postgres:hunter2@127.0.0.1/x', '--to', '/tmp'],
      'RAHATBACK_DB_PASSWORD',
    ],
    [
      ['backup', '--db', 'postgresql://postgres@127.0.0.1/x', '--to', '/tmp', '--bogus'],
      "Unknown option '--bogus'",
    ],
    [['decrypt'], '--passphrase-file: is required'],
  ])('refuses bad input %j with a sentence and exit code 2', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain('hunter2');
    expect(run.stdout).toBe('');
  });
});
