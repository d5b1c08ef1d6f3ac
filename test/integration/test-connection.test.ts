import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestConnectionResult } from '@rahatback/protocol';
import {
  apiClient,
  registerUser,
  startAgent,
  startServer,
  uniqueSuffix,
  waitForAgentOnline,
  type ApiClient,
  type RunningAgent,
  type TestServer,
} from '../harness/index.js';

// A password that must never be seen outside the sealed column and the agent's memory.
const canary = `Canary-${uniqueSuffix()}-${uniqueSuffix()}`;
const suffix = uniqueSuffix();
const mariaUser = `rb_user_${suffix}`;
const mariaDb = `rb_db_${suffix}`;
const pgDb = `rb_db_${suffix}`;

let server: TestServer;
let api: ApiClient;
let userToken: string;
let agent: RunningAgent;
/** Every response body this file received, to prove none holds the password. */
const responses: string[] = [];

async function mariaRoot(sql: string): Promise<void> {
  const conn = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
  try {
    await conn.query(sql);
  } finally {
    await conn.end();
  }
}

async function pgAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

const postgres = (overrides: Record<string, unknown> = {}) => ({
  name: 'pg',
  engine: 'postgresql',
  host: '127.0.0.1',
  port: 5432,
  username: 'postgres',
  password: '',
  database: pgDb,
  agentId: agent.agentId,
  ...overrides,
});

const mariadb = (overrides: Record<string, unknown> = {}) => ({
  name: 'maria',
  engine: 'mariadb',
  host: '127.0.0.1',
  port: 3306,
  username: mariaUser,
  password: canary,
  database: mariaDb,
  agentId: agent.agentId,
  ...overrides,
});

async function testConnection(
  body: unknown,
  client: ApiClient = api,
): Promise<TestConnectionResult> {
  const response = await client.post<TestConnectionResult>(
    '/api/v1/databases/test-connection',
    body,
  );
  responses.push(response.text);
  expect(response.status).toBe(200);
  return response.body;
}

beforeAll(async () => {
  await mariaRoot(`CREATE DATABASE ${mariaDb}`);
  await mariaRoot(`CREATE USER '${mariaUser}'@'%' IDENTIFIED BY '${canary}'`);
  await mariaRoot(`GRANT ALL ON ${mariaDb}.* TO '${mariaUser}'@'%'`);
  await pgAdmin(`CREATE DATABASE ${pgDb}`);
  server = await startServer();
  userToken = (await registerUser(server.url)).token;
  api = apiClient(server.url, userToken);
  agent = await startAgent(server.url, userToken);
});

afterAll(async () => {
  await agent?.stop();
  await server?.stop();
  await mariaRoot(`DROP USER IF EXISTS '${mariaUser}'@'%'`);
  await mariaRoot(`DROP DATABASE IF EXISTS ${mariaDb}`);
  await pgAdmin(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`);
});

describe('test connection through a real agent', () => {
  it('lists the agent online with its hostname, version and client tools', async () => {
    const list = await api.get<{
      items: {
        id: string;
        online: boolean;
        hostname: string | null;
        tools: { name: string }[];
        agentVersion: string;
      }[];
    }>('/api/v1/agents');
    responses.push(list.text);
    const listed = list.body.items.find((a) => a.id === agent.agentId);
    expect(listed?.online).toBe(true);
    expect(listed?.hostname).toBe(agent.name);
    expect(listed?.agentVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(listed?.tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['pg_dump', 'psql', 'sqlite3']),
    );
  });

  it('succeeds against PostgreSQL and names its version', async () => {
    const result = await testConnection(postgres());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.serverVersion).toMatch(/PostgreSQL \d+\.\d+/);
  });

  it('succeeds against MariaDB with the right password and names its version', async () => {
    const result = await testConnection(mariadb());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.serverVersion).toMatch(/MariaDB \d+\.\d+\.\d+/);
  });

  it('reports AUTH_FAILED for a wrong MariaDB password', async () => {
    const result = await testConnection(mariadb({ password: 'not-the-password' }));
    expect(result).toMatchObject({ ok: false, code: 'AUTH_FAILED' });
    if (!result.ok) expect(result.message.length).toBeGreaterThan(20);
  });

  it('reports DATABASE_NOT_FOUND for a missing PostgreSQL database', async () => {
    const result = await testConnection(postgres({ database: `missing_${suffix}` }));
    expect(result).toMatchObject({ ok: false, code: 'DATABASE_NOT_FOUND' });
  });

  it('reports DATABASE_NOT_FOUND for a missing MariaDB database', async () => {
    await mariaRoot(`GRANT ALL ON \`missing_${suffix}\`.* TO '${mariaUser}'@'%'`);
    const result = await testConnection(mariadb({ database: `missing_${suffix}` }));
    expect(result).toMatchObject({ ok: false, code: 'DATABASE_NOT_FOUND' });
  });

  it('reports HOST_UNREACHABLE for a closed port', async () => {
    const port = await closedPort();
    expect(await testConnection(postgres({ port }))).toMatchObject({
      ok: false,
      code: 'HOST_UNREACHABLE',
    });
    expect(await testConnection(mariadb({ port }))).toMatchObject({
      ok: false,
      code: 'HOST_UNREACHABLE',
    });
  });

  it('tests a saved database with its sealed password, which no response, file or log reveals', async () => {
    const created = await api.post<{ id: string; hasPassword: boolean }>(
      '/api/v1/databases',
      mariadb(),
    );
    responses.push(created.text);
    expect(created.status).toBe(201);
    expect(created.body.hasPassword).toBe(true);
    const tested = await api.post<TestConnectionResult>(
      `/api/v1/databases/${created.body.id}/test`,
    );
    responses.push(tested.text);
    expect(tested.body).toMatchObject({ ok: true });
    for (const path of ['/api/v1/databases', `/api/v1/databases/${created.body.id}`])
      responses.push((await api.get(path)).text);

    for (const text of responses) expect(text).not.toContain(canary);
    for (const file of await readdir(server.dataDir)) {
      const bytes = await readFile(`${server.dataDir}/${file}`);
      expect(bytes.includes(canary), `${file} holds the password`).toBe(false);
    }
    expect(await readFile(server.logPath, 'utf8')).not.toContain(canary);
    expect(await readFile(agent.logPath, 'utf8')).not.toContain(canary);
  });

  it('never puts the password in the argv of the agent or of its children', async () => {
    const pending = testConnection(mariadb());
    const seen: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      seen.push(...(await commandLinesOfTree(agent.process.pid ?? -1)));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await pending).toMatchObject({ ok: true });
    expect(seen.length).toBeGreaterThan(0);
    for (const line of seen) expect(line).not.toContain(canary);
  });
});

describe('agents that stop or are revoked', () => {
  it('answers AGENT_OFFLINE at once when the agent was stopped', async () => {
    const other = await startAgent(server.url, userToken);
    await other.stop();
    await waitForAgentOnline(server.url, userToken, other.agentId, false, 5000);
    const started = Date.now();
    const result = await testConnection(postgres({ agentId: other.agentId }));
    expect(result).toMatchObject({ ok: false, code: 'AGENT_OFFLINE' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('cuts a revoked agent off at once, stops its process and refuses its credential', async () => {
    const other = await startAgent(server.url, userToken);
    const { credential } = JSON.parse(await readFile(other.configPath, 'utf8')) as {
      credential: string;
    };
    const revokedAt = Date.now();
    const revoked = await api.delete(`/api/v1/agents/${other.agentId}`);
    expect(revoked.status).toBe(200);
    const exitCode = await Promise.race([other.exited, sleep(10_000).then(() => 'still running')]);
    expect(exitCode).toBe(3);
    // Cut off and told "revoked" on its first reconnection, which comes within a few seconds.
    expect(Date.now() - revokedAt).toBeLessThan(5000);
    expect(await readFile(other.logPath, 'utf8')).toContain('AGENT_REVOKED');
    expect(await refusalOf({ credential })).toMatch(/^AGENT_REVOKED: /);
    const refused = await api.post<{ ok?: boolean }>(
      '/api/v1/databases/test-connection',
      postgres({ agentId: other.agentId }),
    );
    expect(refused.status >= 400 || refused.body.ok === false).toBe(true);
    await other.stop();
  });

  it('refuses an agent that speaks another protocol version with a sentence that says so', async () => {
    const message = await refusalOf({ v: 2, credential: 'x'.repeat(43) });
    expect(message).toMatch(/^PROTOCOL_MISMATCH: .*protocol 2.*server speaks 1/);
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens an agent socket with a hand-made handshake and returns the server's refusal. */
async function refusalOf(auth: Record<string, unknown>): Promise<string> {
  const socket = io(`${server.url}/agent`, {
    transports: ['websocket'],
    reconnection: false,
    auth: {
      v: 1,
      agentVersion: '0.1.0',
      hostname: 'probe',
      tools: [],
      runningTaskIds: [],
      ...auth,
    },
  });
  try {
    return await new Promise<string>((resolve, reject) => {
      socket.on('connect_error', (error) => resolve(error.message));
      socket.on('connect', () => reject(new Error('the server admitted the socket')));
    });
  } finally {
    socket.close();
  }
}

/** The command lines of a process and all its descendants, read from /proc. */
async function commandLinesOfTree(rootPid: number): Promise<string[]> {
  const children = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const lines: string[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline !== '') lines.push(cmdline.replaceAll('\0', ' '));
    queue.push(...(children.get(pid) ?? []));
  }
  return lines;
}
