import { readFileSync } from 'node:fs';
import { dirname, basename, resolve } from 'node:path';
import { StorageTarget } from '@rahatback/protocol';
import type { CliEnv } from './cli-env.js';
import { UsageError } from './usage-error.js';

const EXAMPLES = 'a local folder, s3://bucket/prefix or sftp://user@host:22/folder';

/** `--to` of backup: a destination folder. */
export function parseDestination(option: string, text: string, env: CliEnv): StorageTarget {
  if (text.startsWith('s3://')) {
    const { bucket, path } = splitS3(option, text);
    return s3Target(env, bucket, path.replace(/\/+$/, ''));
  }
  if (text.startsWith('sftp://')) return sftpTarget(option, text, env, sftpPath(option, text));
  if (text.includes('://')) throw new UsageError(`${option}: "${text}" is not ${EXAMPLES}`);
  return StorageTarget.parse({ config: { kind: 'local', path: resolve(text) } });
}

/** `--from` of restore: one backup file, split into the place it lives and its key there. */
export function parseBackupLocation(
  option: string,
  text: string,
  env: CliEnv,
): { target: StorageTarget; objectKey: string } {
  if (text.startsWith('s3://')) {
    const { bucket, path } = splitS3(option, text);
    if (path === '' || path.endsWith('/'))
      throw new UsageError(
        `${option}: name the backup object, e.g. s3://bucket/db/2026-01-01T00-00-00Z_x.dump.zst`,
      );
    return { target: s3Target(env, bucket, ''), objectKey: path };
  }
  if (text.startsWith('sftp://')) {
    const path = sftpPath(option, text);
    return { target: sftpTarget(option, text, env, dirname(path)), objectKey: basename(path) };
  }
  if (text.includes('://'))
    throw new UsageError(`${option}: "${text}" is not a file, s3://… or sftp://…`);
  const file = resolve(text);
  return {
    target: StorageTarget.parse({ config: { kind: 'local', path: dirname(file) } }),
    objectKey: basename(file),
  };
}

function splitS3(option: string, text: string): { bucket: string; path: string } {
  const rest = text.slice('s3://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  if (bucket.length < 3)
    throw new UsageError(`${option}: "${text}" names no bucket; use s3://bucket/prefix`);
  return { bucket, path: slash === -1 ? '' : rest.slice(slash + 1) };
}

function s3Target(env: CliEnv, bucket: string, prefix: string): StorageTarget {
  if (env.AWS_ACCESS_KEY_ID === undefined || env.AWS_SECRET_ACCESS_KEY === undefined)
    throw new UsageError('S3 needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment');
  const parsed = StorageTarget.safeParse({
    config: {
      kind: 's3',
      bucket,
      prefix,
      region: env.AWS_REGION ?? 'us-east-1',
      // S3-compatible servers on a private endpoint rarely have per-bucket host names.
      ...(env.RAHATBACK_S3_ENDPOINT === undefined
        ? {}
        : { endpoint: env.RAHATBACK_S3_ENDPOINT, forcePathStyle: true }),
    },
    secrets: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
  });
  if (!parsed.success)
    throw new UsageError(`S3 location: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}

function sftpPath(option: string, text: string): string {
  const url = parseUrl(option, text);
  const path = decodeURIComponent(url.pathname);
  if (path === '' || path === '/')
    throw new UsageError(`${option}: give a folder, e.g. sftp://user@host:22/backups`);
  return path;
}

function sftpTarget(option: string, text: string, env: CliEnv, folder: string): StorageTarget {
  const url = parseUrl(option, text);
  if (url.password !== '')
    throw new UsageError(
      `${option}: do not put the password in the URL; set RAHATBACK_SFTP_PASSWORD or RAHATBACK_SFTP_KEY_FILE`,
    );
  if (url.username === '')
    throw new UsageError(`${option}: name the user, e.g. sftp://user@host:22/folder`);
  const privateKey =
    env.RAHATBACK_SFTP_KEY_FILE === undefined ? undefined : readKey(env.RAHATBACK_SFTP_KEY_FILE);
  if (privateKey === undefined && env.RAHATBACK_SFTP_PASSWORD === undefined)
    throw new UsageError(
      'SFTP needs RAHATBACK_SFTP_PASSWORD or RAHATBACK_SFTP_KEY_FILE in the environment',
    );
  return StorageTarget.parse({
    config: {
      kind: 'sftp',
      host: url.hostname,
      port: url.port === '' ? 22 : Number(url.port),
      username: decodeURIComponent(url.username),
      path: folder,
      ...(env.RAHATBACK_SFTP_HOST_KEY_SHA256 === undefined
        ? {}
        : { hostKeySha256: env.RAHATBACK_SFTP_HOST_KEY_SHA256.replace(/^SHA256:/, '') }),
    },
    secrets: {
      ...(env.RAHATBACK_SFTP_PASSWORD === undefined
        ? {}
        : { password: env.RAHATBACK_SFTP_PASSWORD }),
      ...(privateKey === undefined ? {} : { privateKey }),
      ...(env.RAHATBACK_SFTP_KEY_PASSPHRASE === undefined
        ? {}
        : { passphrase: env.RAHATBACK_SFTP_KEY_PASSPHRASE }),
    },
  });
}

function parseUrl(option: string, text: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new UsageError(`${option}: "${text}" is not a valid sftp://user@host:port/path URL`);
  }
}

function readKey(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(
      `RAHATBACK_SFTP_KEY_FILE: cannot read ${path}; check the path and its permissions`,
    );
  }
}
