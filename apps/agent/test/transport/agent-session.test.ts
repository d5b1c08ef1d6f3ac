import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Server, type Socket } from 'socket.io';
import { pino } from 'pino';
import {
  PROTOCOL_VERSION,
  type AgentHandshake,
  type BackupRequest,
  type BackupResult,
  type TestConnectionResult,
} from '@rahatback/protocol';
import { startAgentSession, type AgentSession } from '../../src/transport/agent-session.js';
import type { BackupRunner, HandlerDeps } from '../../src/handlers/handler.types.js';

const v = PROTOCOL_VERSION;
const credential = 'test-credential-0123456789abcdef';

/** A real socket.io server on an ephemeral port standing in for RahatBack's /agent namespace. */
interface FakeServer {
  url: string;
  io: Server;
  handshakes: AgentHandshake[];
  sockets: Socket[];
  nextSocket(): Promise<Socket>;
  close(): Promise<void>;
}

async function startFakeServer(
  refuse?: (attempt: number) => string | undefined,
): Promise<FakeServer> {
  const http: HttpServer = createServer();
  const io = new Server(http, { transports: ['websocket'] });
  const handshakes: AgentHandshake[] = [];
  const sockets: Socket[] = [];
  const waiting: ((s: Socket) => void)[] = [];
  const agents = io.of('/agent');
  agents.use((socket, next) => {
    handshakes.push(socket.handshake.auth as AgentHandshake);
    const reason = refuse?.(handshakes.length);
    next(reason === undefined ? undefined : new Error(reason));
  });
  agents.on('connection', (socket) => {
    sockets.push(socket);
    waiting.shift()?.(socket);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    io,
    handshakes,
    sockets,
    nextSocket: () => new Promise((resolve) => waiting.push(resolve)),
    close: () => new Promise((resolve) => void io.close(() => resolve())),
  };
}

const silent = pino({ level: 'silent' });

const okConnector: HandlerDeps['connectorFor'] = () => ({
  testConnection: (): Promise<TestConnectionResult> =>
    Promise.resolve({ ok: true, serverVersion: 'PostgreSQL 15.20', latencyMs: 3 }),
});

function backupRequest(runId: string): BackupRequest {
  return {
    runId,
    label: 'shop',
    database: {
      engine: 'postgresql',
      host: '127.0.0.1',
      port: 5432,
      username: 'postgres',
      password: 'canary-secret',
      database: 'shop',
      options: {},
    },
    destinations: [
      { storageId: 's1', target: { config: { kind: 'local', path: '/tmp/x' }, secrets: {} } },
    ],
    compression: { algorithm: 'none' },
    encryption: null,
  };
}

/** A backup that runs until released or aborted, as the real runner does. */
function controllableBackup() {
  let release: () => void = () => {};
  const runner: BackupRunner = (request, { signal }) =>
    new Promise<BackupResult>((resolve) => {
      const result = (status: BackupResult['status']): BackupResult => ({
        runId: request.runId,
        status,
        rawSize: 10,
        storedSize: 10,
        durationMs: 1,
        encrypted: false,
        compression: 'none',
        destinations: [],
        logTail: [],
      });
      release = () => resolve(result('success'));
      signal.addEventListener('abort', () => resolve(result('cancelled')));
    });
  return { runner, release: () => release() };
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function startSession(server: FakeServer, engine: Partial<HandlerDeps> = {}): AgentSession {
  const session = startAgentSession({
    serverUrl: server.url,
    credential,
    agentVersion: '0.1.0',
    hostname: 'db-host-1',
    tools: [{ name: 'pg_dump', version: '15.20', path: '/usr/bin/pg_dump' }],
    logger: silent,
    engine: {
      connectorFor: okConnector,
      storageDriverFor: () => Promise.reject(new Error('no storage in this test')),
      ...engine,
    },
    socket: { reconnectDelayMs: 50, reconnectDelayMaxMs: 200 },
    outbox: { ackTimeoutMs: 300, retryDelayMs: 100 },
  });
  cleanups.push(() => session.shutdown(1000));
  return session;
}

async function fakeServer(refuse?: (attempt: number) => string | undefined): Promise<FakeServer> {
  const server = await startFakeServer(refuse);
  cleanups.push(() => server.close());
  return server;
}

describe('agent session', () => {
  it('announces its protocol version, credential, hostname and client tools', async () => {
    const server = await fakeServer();
    const connected = server.nextSocket();
    startSession(server);
    await connected;
    expect(server.handshakes[0]).toEqual({
      v,
      credential,
      agentVersion: '0.1.0',
      hostname: 'db-host-1',
      tools: [{ name: 'pg_dump', version: '15.20', path: '/usr/bin/pg_dump' }],
      runningTaskIds: [],
    });
  });

  it('stops for good when the server says the agent was revoked, without retrying', async () => {
    const server = await fakeServer(() => 'AGENT_REVOKED: this agent was revoked; enroll it again');
    const session = startSession(server);
    const refusal = await session.refused;
    expect(refusal.code).toBe('AGENT_REVOKED');
    expect(refusal.message).toContain('enroll it again');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(server.handshakes).toHaveLength(1);
  });

  it('stops on a protocol mismatch too', async () => {
    const server = await fakeServer(() => 'PROTOCOL_MISMATCH: this server speaks protocol 2');
    expect((await startSession(server).refused).code).toBe('PROTOCOL_MISMATCH');
  });

  it('keeps retrying, with backoff, after a refusal that may pass', async () => {
    const server = await fakeServer((attempt) =>
      attempt < 3 ? 'INTERNAL: store busy' : undefined,
    );
    const connected = server.nextSocket();
    startSession(server);
    await connected;
    expect(server.handshakes).toHaveLength(3);
  });

  it('reconnects after the server closed its socket', async () => {
    const server = await fakeServer();
    const first = server.nextSocket();
    startSession(server);
    const second = (async () => {
      (await first).disconnect(true);
      return server.nextSocket();
    })();
    await expect(second).resolves.toBeDefined();
  });

  it('answers a malformed command with VALIDATION_FAILED and keeps serving', async () => {
    const server = await fakeServer();
    const connected = server.nextSocket();
    startSession(server);
    const socket = await connected;
    const bad: unknown = await socket
      .timeout(2000)
      .emitWithAck('database:test', { v, connection: { engine: 'oracle' } });
    expect(bad).toMatchObject({ v, result: { ok: false, code: 'VALIDATION_FAILED' } });
    expect(JSON.stringify(bad)).toContain('connection.engine');
    const wrongVersion: unknown = await socket.timeout(2000).emitWithAck('task:list', { v: 2 });
    expect(wrongVersion).toEqual({ v, running: [] });
    const good: unknown = await socket.timeout(2000).emitWithAck('database:test', {
      v,
      connection: { engine: 'postgresql', host: '127.0.0.1', port: 5432, database: 'x' },
    });
    expect(good).toEqual({
      v,
      result: { ok: true, serverVersion: 'PostgreSQL 15.20', latencyMs: 3 },
    });
  });

  it('acknowledges a backup at once, lists it, and delivers its result', async () => {
    const server = await fakeServer();
    const connected = server.nextSocket();
    const backup = controllableBackup();
    startSession(server, { runBackup: backup.runner });
    const socket = await connected;
    const results: unknown[] = [];
    socket.on('backup:result', (payload: unknown, ack: (reply: unknown) => void) => {
      results.push(payload);
      ack({ v, accepted: true });
    });
    const ack: unknown = await socket
      .timeout(2000)
      .emitWithAck('backup:execute', { v, request: backupRequest('run-1') });
    expect(ack).toEqual({ v, accepted: true });
    expect(await socket.timeout(2000).emitWithAck('task:list', { v })).toEqual({
      v,
      running: ['run-1'],
    });
    const again: unknown = await socket
      .timeout(2000)
      .emitWithAck('backup:execute', { v, request: backupRequest('run-1') });
    expect(again).toEqual({ v, accepted: true });
    backup.release();
    await expect.poll(() => results.length).toBe(1);
    expect(results[0]).toMatchObject({ v, result: { runId: 'run-1', status: 'success' } });
  });

  it('keeps an unacknowledged result and sends it again after reconnecting', async () => {
    const server = await fakeServer();
    const first = server.nextSocket();
    const backup = controllableBackup();
    startSession(server, { runBackup: backup.runner });
    const socket = await first;
    // The first server connection drops the result and the link, as a crashing replica would.
    socket.on('backup:result', () => socket.conn.close());
    await socket
      .timeout(2000)
      .emitWithAck('backup:execute', { v, request: backupRequest('run-2') });
    const second = server.nextSocket();
    backup.release();
    const reconnected = await second;
    const delivered = new Promise<unknown>((resolve) =>
      reconnected.on('backup:result', (payload: unknown, ack: (reply: unknown) => void) => {
        ack({ v, accepted: true });
        resolve(payload);
      }),
    );
    expect(server.handshakes.at(-1)?.runningTaskIds).toEqual(['run-2']);
    await expect(delivered).resolves.toMatchObject({
      result: { runId: 'run-2', status: 'success' },
    });
  });

  it('cancels a running backup on task:cancel and reports it cancelled', async () => {
    const server = await fakeServer();
    const connected = server.nextSocket();
    startSession(server, { runBackup: controllableBackup().runner });
    const socket = await connected;
    const result = new Promise<unknown>((resolve) =>
      socket.on('backup:result', (payload: unknown, ack: (reply: unknown) => void) => {
        ack({ v, accepted: true });
        resolve(payload);
      }),
    );
    await socket
      .timeout(2000)
      .emitWithAck('backup:execute', { v, request: backupRequest('run-3') });
    expect(await socket.timeout(2000).emitWithAck('task:cancel', { v, taskId: 'run-3' })).toEqual({
      v,
      found: true,
    });
    expect(await socket.timeout(2000).emitWithAck('task:cancel', { v, taskId: 'nope' })).toEqual({
      v,
      found: false,
    });
    await expect(result).resolves.toMatchObject({
      result: { runId: 'run-3', status: 'cancelled' },
    });
  });

  it('on shutdown cancels running tasks and waits until their results are acknowledged', async () => {
    const server = await fakeServer();
    const connected = server.nextSocket();
    const session = startSession(server, { runBackup: controllableBackup().runner });
    const socket = await connected;
    const results: unknown[] = [];
    socket.on('backup:result', (payload: unknown, ack: (reply: unknown) => void) => {
      results.push(payload);
      setTimeout(() => ack({ v, accepted: true }), 100);
    });
    await socket
      .timeout(2000)
      .emitWithAck('backup:execute', { v, request: backupRequest('run-4') });
    await expect(session.shutdown(3000)).resolves.toBe(true);
    expect(results).toMatchObject([{ result: { runId: 'run-4', status: 'cancelled' } }]);
  });

  it('takes no new task once it is shutting down', async () => {
    const server = await fakeServer();
    const connected = server.nextSocket();
    const session = startSession(server, { runBackup: controllableBackup().runner });
    const socket = await connected;
    socket.on('backup:result', (_payload: unknown, ack: (reply: unknown) => void) =>
      setTimeout(() => ack({ v, accepted: true }), 100),
    );
    await socket
      .timeout(2000)
      .emitWithAck('backup:execute', { v, request: backupRequest('run-6') });
    const stopping = session.shutdown(3000);
    const late: unknown = await socket
      .timeout(2000)
      .emitWithAck('backup:execute', { v, request: backupRequest('run-7') });
    expect(late).toMatchObject({ v, accepted: false, error: { code: 'AGENT_DISCONNECTED' } });
    await expect(stopping).resolves.toBe(true);
  });

  it('declines a backup when this build has no backup engine', async () => {
    const server = await fakeServer();
    const connected = server.nextSocket();
    startSession(server);
    const socket = await connected;
    const ack: unknown = await socket
      .timeout(2000)
      .emitWithAck('backup:execute', { v, request: backupRequest('run-5') });
    expect(ack).toMatchObject({ v, accepted: false, error: { code: 'UNKNOWN' } });
  });
});
