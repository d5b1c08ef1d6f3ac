import { describe, expect, it } from 'vitest';
import { readCliEnv } from '../../src/cli/cli-env.js';
import { parseCompressionArg } from '../../src/cli/compression-arg.js';
import { databaseLabel, parseDatabaseUrl } from '../../src/cli/database-url.js';
import { parseBackupLocation, parseDestination } from '../../src/cli/storage-location.js';
import { UsageError } from '../../src/cli/usage-error.js';

const noEnv = readCliEnv({});

describe('--db / --to database URLs', () => {
  it('reads a PostgreSQL URL and takes the password from PGPASSWORD', () => {
    const env = readCliEnv({ PGPASSWORD: 's3cret' });
    expect(
      parseDatabaseUrl('--db', 'postgresql://alice@db.example:6543/shop?sslmode=require', env),
    ).toEqual({
      engine: 'postgresql',
      host: 'db.example',
      port: 6543,
      username: 'alice',
      password: 's3cret',
      database: 'shop',
      options: { sslMode: 'require' },
    });
  });

  it('prefers RAHATBACK_DB_PASSWORD and fills the default port per engine', () => {
    const env = readCliEnv({ RAHATBACK_DB_PASSWORD: 'a', PGPASSWORD: 'b' });
    expect(parseDatabaseUrl('--db', 'mariadb://root@127.0.0.1/app', env)).toMatchObject({
      engine: 'mariadb',
      port: 3306,
      password: 'a',
    });
    expect(
      parseDatabaseUrl('--db', 'mysql://root@127.0.0.1/app', readCliEnv({ PGPASSWORD: 'b' }))
        .password,
    ).toBe('');
  });

  it('reads an absolute SQLite path and names the backup after the file', () => {
    const conn = parseDatabaseUrl('--db', 'sqlite:///var/lib/app/main.sqlite3', noEnv);
    expect(conn).toMatchObject({ engine: 'sqlite', database: '/var/lib/app/main.sqlite3' });
    expect(databaseLabel(conn)).toBe('main');
  });

  it.each([
    ['postgresql://u:pw@h/db', /RAHATBACK_DB_PASSWORD/],
    ['ftp://h/db', /unknown database kind/],
    ['postgresql://u@h', /name the database/],
    ['sqlite://rel.db', /three slashes/],
    ['postgresql://u@h/db?sslmode=maybe', /sslmode/],
    ['not a url', /not a database URL/],
  ])('refuses %s with a sentence', (url, message) => {
    expect(() => parseDatabaseUrl('--db', url, noEnv)).toThrow(UsageError);
    expect(() => parseDatabaseUrl('--db', url, noEnv)).toThrow(message);
  });

  it('never repeats a password from the URL in its message', () => {
    expect(() => parseDatabaseUrl('--db', 'postgresql://u:hunter2@h/db', noEnv)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') as unknown }),
    );
  });
});

describe('storage locations', () => {
  const s3Env = readCliEnv({
    AWS_ACCESS_KEY_ID: 'AK',
    AWS_SECRET_ACCESS_KEY: 'SK',
    RAHATBACK_S3_ENDPOINT: 'http://127.0.0.1:7480',
  });

  it('makes a local folder absolute', () => {
    expect(parseDestination('--to', 'backups', noEnv).config).toEqual({
      kind: 'local',
      path: `${process.cwd()}/backups`,
    });
  });

  it('reads s3://bucket/prefix with credentials and a path-style endpoint from the environment', () => {
    expect(parseDestination('--to', 's3://team-bucket/nightly/', s3Env)).toEqual({
      config: {
        kind: 's3',
        bucket: 'team-bucket',
        prefix: 'nightly',
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:7480',
        forcePathStyle: true,
      },
      secrets: { accessKeyId: 'AK', secretAccessKey: 'SK' },
    });
  });

  it('splits a backup file into where it lives and its key', () => {
    expect(parseBackupLocation('--from', 's3://b-1/nightly/db/x.dump.zst', s3Env)).toMatchObject({
      target: { config: { bucket: 'b-1', prefix: '' } },
      objectKey: 'nightly/db/x.dump.zst',
    });
    expect(parseBackupLocation('--from', '/srv/backups/db/x.sql.gz', noEnv)).toMatchObject({
      target: { config: { kind: 'local', path: '/srv/backups/db' } },
      objectKey: 'x.sql.gz',
    });
    const sftp = parseBackupLocation(
      '--from',
      'sftp://bob@files.example:2222/data/db/x.dump',
      readCliEnv({ RAHATBACK_SFTP_PASSWORD: 'pw', RAHATBACK_SFTP_HOST_KEY_SHA256: 'SHA256:abc' }),
    );
    expect(sftp).toEqual({
      target: {
        config: {
          kind: 'sftp',
          host: 'files.example',
          port: 2222,
          username: 'bob',
          path: '/data/db',
          hostKeySha256: 'abc',
        },
        secrets: { password: 'pw' },
      },
      objectKey: 'x.dump',
    });
  });

  it.each([
    ['s3://bucket/p', noEnv, /AWS_ACCESS_KEY_ID/],
    [
      'sftp://bob:pw@h/data',
      readCliEnv({ RAHATBACK_SFTP_PASSWORD: 'x' }),
      /not put the password in the URL/,
    ],
    ['sftp://bob@h/data', noEnv, /RAHATBACK_SFTP_PASSWORD or RAHATBACK_SFTP_KEY_FILE/],
    ['gs://bucket/p', noEnv, /local folder, s3:\/\/bucket\/prefix or sftp/],
  ])('refuses %s', (text, env, message) => {
    expect(() => parseDestination('--to', text, env)).toThrow(message);
  });
});

describe('--compression', () => {
  it.each([
    ['none', { algorithm: 'none' }],
    ['gzip', { algorithm: 'gzip' }],
    ['gzip:9', { algorithm: 'gzip', level: 9 }],
    ['zstd:3', { algorithm: 'zstd', level: 3 }],
  ])('reads %s', (text, expected) => {
    expect(parseCompressionArg(text)).toEqual(expected);
  });

  it.each(['gzip:10', 'zstd:0', 'zstd:x', 'lz4', 'none:1', 'zstd:1:2'])('refuses %s', (text) => {
    expect(() => parseCompressionArg(text)).toThrow(UsageError);
  });
});
