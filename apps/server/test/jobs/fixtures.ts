import type { BackupJob, Database, SessionResponse, Storage } from '@rahatback/protocol';
import type { App } from '../../src/app.js';
import { bearer } from '../helpers.js';

export const DB_PASSWORD = 'db-password-Zq81';
export const S3_SECRET = 'S3-SECRET-KEY-do-not-leak-7f3a';
export const PASSPHRASE = 'job passphrase Kx92 never shown';

async function post<T>(
  app: App,
  session: SessionResponse,
  url: string,
  payload: object,
): Promise<T> {
  const res = await app.inject({ method: 'POST', url, headers: bearer(session), payload });
  if (res.statusCode !== 201) throw new Error(`POST ${url} failed: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

export const createDatabase = (app: App, owner: SessionResponse, agentId: string) =>
  post<Database>(app, owner, '/api/v1/databases', {
    name: 'shop',
    engine: 'postgresql',
    host: '127.0.0.1',
    port: 5432,
    username: 'postgres',
    password: DB_PASSWORD,
    database: 'shop',
    agentId,
  });

export const createS3Storage = (
  app: App,
  owner: SessionResponse,
  agentId: string,
  name = 'offsite',
) =>
  post<Storage>(app, owner, '/api/v1/storages', {
    name,
    agentId,
    config: { kind: 's3', endpoint: 'http://127.0.0.1:9', bucket: 'backups', forcePathStyle: true },
    secrets: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: S3_SECRET },
  });

export const createLocalStorage = (
  app: App,
  owner: SessionResponse,
  agentId: string,
  path = '/tmp/rb-local',
) =>
  post<Storage>(app, owner, '/api/v1/storages', {
    name: 'local',
    agentId,
    config: { kind: 'local', path },
  });

export const createJob = (
  app: App,
  owner: SessionResponse,
  fields: { databaseId: string; storageIds: string[] } & Record<string, unknown>,
) =>
  post<BackupJob>(app, owner, '/api/v1/backups/jobs', {
    name: 'nightly',
    schedule: { kind: 'daily', time: '02:30', timezone: 'Europe/Istanbul' },
    encryption: { enabled: true, passphrase: PASSPHRASE },
    ...fields,
  });
