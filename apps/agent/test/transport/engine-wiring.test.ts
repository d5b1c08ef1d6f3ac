import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { mkdir } from 'node:fs/promises';
import pg from 'pg';
import { Server, type Socket } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type StorageTarget } from '@rahatback/protocol';
import { createEngineDeps } from '../../src/handlers/engine-deps.js';
import { createLogger } from '../../src/logger.js';
import { startAgentSession, type AgentSession } from '../../src/transport/agent-session.js';

const v = PROTOCOL_VERSION;
const suffix = Math.random().toString(36).slice(2, 10);
const passphrase = `canary-passphrase-${suffix}`;
const sourceDb = `rb_wiring_${suffix}`;
const restoredDb = `rb_wiring_${suffix}_restored`;

let dir: string;
let io: Server;
let agentSocket: Socket;
let session: AgentSession;
let logText = '';
const results: unknown[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rahatback-wiring-'));
  await mkdir(join(dir, 'backups'));
  await admin(`CREATE DATABASE ${sourceDb}`);
  await admin(`CREATE DATABASE ${restoredDb}`);
  await query(
    sourceDb,
    "CREATE TABLE notes (id serial PRIMARY KEY, body text); INSERT INTO notes (body) VALUES ('a'), ('b'), ('c');",
  );

  const http = createServer();
  io = new Server(http, { transports: ['websocket'] });
  const connected = new Promise<Socket>((resolve) => io.of('/agent').on('connection', resolve));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;

  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logText += chunk.toString();
      done();
    },
  });
  const logger = createLogger('debug', sink);
  session = startAgentSession({
    serverUrl: `http://127.0.0.1:${port}`,
    credential: 'wiring-test-credential-000000',
    agentVersion: '0.1.0',
    hostname: 'wiring',
    tools: [],
    logger,
    engine: createEngineDeps({ pgBinDir: undefined, logger }),
  });
  agentSocket = await connected;
  for (const event of ['backup:result', 'restore:result'])
    agentSocket.on(event, (payload: unknown, ack: (reply: unknown) => void) => {
      results.push(payload);
      ack({ v, accepted: true });
    });
});

afterAll(async () => {
  await session.shutdown(2000);
  await new Promise((resolve) => void io.close(() => resolve(undefined)));
  await rm(dir, { recursive: true, force: true });
  await admin(`DROP DATABASE IF EXISTS ${sourceDb} WITH (FORCE)`);
  await admin(`DROP DATABASE IF EXISTS ${restoredDb} WITH (FORCE)`);
});

async function query(database: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database });
  await client.connect();
  try {
    const result = await client.query(sql);
    return (Array.isArray(result) ? [] : result.rows) as unknown[];
  } finally {
    await client.end();
  }
}
const admin = (sql: string) => query('postgres', sql);

const pgConnection = (database: string) => ({
  engine: 'postgresql',
  host: '127.0.0.1',
  port: 5432,
  username: 'postgres',
  password: passphrase,
  database,
});

const storage = (): StorageTarget => ({
  config: { kind: 'local', path: join(dir, 'backups') },
  secrets: {},
});

async function resultFor(id: string): Promise<Record<string, unknown>> {
  const find = () =>
    results.find((r) => {
      const result = (r as { result: { runId?: string; restoreId?: string } }).result;
      return result.runId === id || result.restoreId === id;
    });
  await expect.poll(find, { timeout: 20_000 }).toBeDefined();
  return (find() as { result: Record<string, unknown> }).result;
}

describe('the agent wired to its real connectors, storage drivers and pipeline', () => {
  it('tests a local storage folder', async () => {
    const ack: unknown = await agentSocket
      .timeout(10_000)
      .emitWithAck('storage:test', { v, target: storage() });
    expect(ack).toMatchObject({ v, result: { ok: true } });
  });

  it('backs up a PostgreSQL database, restores it into another, then deletes the backup', async () => {
    const database = pgConnection(sourceDb);
    const request = {
      runId: 'wiring-run-1',
      label: 'notes',
      database,
      destinations: [{ storageId: 'local-1', target: storage() }],
      compression: { algorithm: 'gzip' },
      encryption: { passphrase },
    };
    expect(await agentSocket.timeout(5000).emitWithAck('backup:execute', { v, request })).toEqual({
      v,
      accepted: true,
    });
    const backup = await resultFor('wiring-run-1');
    expect(backup).toMatchObject({ status: 'success', encrypted: true, compression: 'gzip' });
    const objectKey = backup.objectKey as string;
    expect(objectKey).toMatch(/\.dump\.gz\.rbk$/);

    const restore = {
      restoreId: 'wiring-restore-1',
      source: { target: storage(), objectKey, expectedSha256: backup.sha256 },
      passphrase,
      database: pgConnection(restoredDb),
    };
    await agentSocket.timeout(5000).emitWithAck('restore:execute', { v, request: restore });
    expect(await resultFor('wiring-restore-1')).toMatchObject({ status: 'success' });
    expect(await query(restoredDb, 'SELECT body FROM notes ORDER BY id')).toEqual([
      { body: 'a' },
      { body: 'b' },
      { body: 'c' },
    ]);

    const deleted: unknown = await agentSocket.timeout(10_000).emitWithAck('storage:delete', {
      v,
      target: storage(),
      keys: [objectKey, `${objectKey}.meta.json`],
    });
    expect(deleted).toMatchObject({
      v,
      result: { deleted: [objectKey, `${objectKey}.meta.json`], failed: [] },
    });
    const left = await readdir(join(dir, 'backups'), { recursive: true, withFileTypes: true });
    expect(left.filter((entry) => entry.isFile())).toEqual([]);
  });

  it('never writes the passphrase or the database password to its log', () => {
    expect(logText).toContain('backup finished');
    expect(logText).not.toContain(passphrase);
  });
});
