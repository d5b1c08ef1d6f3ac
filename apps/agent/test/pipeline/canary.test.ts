import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseConnection } from '@rahatback/protocol';
import { getConnector } from '../../src/connectors/registry.js';
import { createStorageDriver } from '../../src/storage/registry.js';
import { runBackup } from '../../src/pipeline/backup-runner.js';
import { runRestore } from '../../src/pipeline/restore-runner.js';
import { startPrivateCluster, type PrivateCluster } from '../fixtures/pg-private-cluster.js';
import { runCli, watchCommandLines } from '../cli/run-cli.js';

const runProcess = promisify(execFile);
let cluster: PrivateCluster;
let folder: string;
let source: DatabaseConnection;

beforeAll(async () => {
  cluster = await startPrivateCluster();
  folder = await mkdtemp(join(tmpdir(), 'rb-canary-'));
  const admin = {
    host: '127.0.0.1',
    port: cluster.port,
    user: 'postgres',
    password: cluster.password,
  };
  const client = new pg.Client({ ...admin, database: 'postgres' });
  await client.connect();
  await client.query('CREATE DATABASE canary_src');
  await client.query('CREATE DATABASE canary_dst');
  await client.end();
  const src = new pg.Client({ ...admin, database: 'canary_src' });
  await src.connect();
  // Enough rows that the dump and restore run long enough to be sampled many times.
  await src.query(
    `CREATE TABLE t AS SELECT i, md5(i::text) AS h FROM generate_series(1, 400000) i`,
  );
  await src.end();
  source = {
    engine: 'postgresql',
    host: '127.0.0.1',
    port: cluster.port,
    username: 'postgres',
    password: cluster.password,
    database: 'canary_src',
    options: {},
  };
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('a canary database password', () => {
  it('would be caught by the command-line sampler if a process carried it', async () => {
    const watcher = watchCommandLines(cluster.password);
    await runProcess('bash', ['-c', 'sleep 0.3; true', cluster.password]);
    expect(await watcher.stop()).toHaveLength(1);
  });

  it('never appears in any command line, result or log during a backup and a restore', async () => {
    const canary = cluster.password;
    const logs: string[] = [];
    const logger = {
      info: (fields: object, message: string) => logs.push(JSON.stringify(fields) + message),
      warn: (fields: object, message: string) => logs.push(JSON.stringify(fields) + message),
    };
    const deps = { connectors: getConnector, storage: createStorageDriver, logger };
    const watcher = watchCommandLines(canary);
    const backup = await runBackup(
      {
        runId: 'canary1',
        label: 'canary',
        database: source,
        destinations: [
          { storageId: 'local', target: { config: { kind: 'local', path: folder }, secrets: {} } },
        ],
        compression: { algorithm: 'zstd' },
        encryption: null,
      },
      deps,
    );
    const restore = await runRestore(
      {
        restoreId: 'canary2',
        source: {
          target: { config: { kind: 'local', path: folder }, secrets: {} },
          objectKey: backup.objectKey ?? '',
        },
        database: { ...source, database: 'canary_dst' },
        dropExisting: false,
        mode: 'restore',
      },
      deps,
    );
    expect(await watcher.stop()).toEqual([]);
    expect(backup.status).toBe('success');
    expect(restore.status).toBe('success');
    expect(JSON.stringify([backup, restore, logs])).not.toContain(canary);
  });

  it('stays out of the CLI’s command lines and output, also when the run fails', async () => {
    const canary = cluster.password;
    const watcher = watchCommandLines(canary);
    const ok = await runCli(
      [
        'backup',
        '--db',
        `postgresql://postgres@127.0.0.1:${cluster.port}/canary_src`,
        '--to',
        folder,
      ],
      { RAHATBACK_DB_PASSWORD: canary },
    );
    const missing = await runCli(
      [
        'backup',
        '--db',
        `postgresql://postgres@127.0.0.1:${cluster.port}/no_such_db`,
        '--to',
        folder,
      ],
      { PGPASSWORD: canary },
    );
    expect(await watcher.stop()).toEqual([]);
    expect(ok.code).toBe(0);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('DATABASE_NOT_FOUND');
    expect(ok.stdout + ok.stderr + missing.stdout + missing.stderr).not.toContain(canary);
  });
});
