import { PROTOCOL_VERSION, SESSION_COOKIE, type SessionResponse } from '@rahatback/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent, connectUi, nextEvent, waitFor } from './fake-agent.js';
import {
  bearer,
  createPgDatabase,
  enrollAgent,
  registerAccount,
  startTestApp,
  type TestApp,
} from './helpers.js';

/*
 * Two server replicas on one PostgreSQL store: the agent holds a socket on replica A,
 * the browser and the API calls go to replica B.
 */
describe('two replicas on one PostgreSQL store', () => {
  let a: TestApp;
  let b: TestApp;
  let urlA: string;
  let urlB: string;
  let drop: () => Promise<void>;
  let owner: SessionResponse;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    const pg = await createPgDatabase();
    drop = () => pg.drop();
    a = await startTestApp({ RAHATBACK_DATABASE_URL: pg.url, RAHATBACK_SERVER_ID: 'replica-a' });
    const key = (await import('node:fs')).readFileSync(`${a.dataDir}/master.key`, 'utf8').trim();
    b = await startTestApp({
      RAHATBACK_DATABASE_URL: pg.url,
      RAHATBACK_SERVER_ID: 'replica-b',
      RAHATBACK_MASTER_KEY: key,
    });
    urlA = await a.app.listen({ port: 0, host: '127.0.0.1' });
    urlB = await b.app.listen({ port: 0, host: '127.0.0.1' });
    owner = await registerAccount(a.app, 'replicas@example.com');
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await a.close();
    await b.close();
    await drop();
  });

  it('reaches an agent held by the other replica, pushes its status there, and revokes it there', async () => {
    const { agentId, credential } = await enrollAgent(b.app, owner);
    const page = await connectUi(urlB, { cookie: `${SESSION_COOKIE}=${owner.token}` });
    sockets.push(page);
    const online = nextEvent<{ agentId: string; online: boolean }>(
      page,
      'agent:status',
      (p) => p.agentId === agentId,
    );
    const agent = await connectAgent(urlA, { credential });
    sockets.push(agent);
    expect(await online).toMatchObject({ online: true });
    agent.on('database:test', (_payload: unknown, ack: (r: unknown) => void) =>
      ack({
        v: PROTOCOL_VERSION,
        result: { ok: true, serverVersion: 'MariaDB 10.11', latencyMs: 2 },
      }),
    );

    const listed = await b.app.inject({
      method: 'GET',
      url: `/api/v1/agents/${agentId}`,
      headers: bearer(owner),
    });
    expect(listed.json()).toMatchObject({ online: true, hostname: 'fake-host' });
    const tested = await b.app.inject({
      method: 'POST',
      url: '/api/v1/databases/test-connection',
      headers: bearer(owner),
      payload: {
        name: 'm',
        engine: 'mariadb',
        host: '127.0.0.1',
        port: 3306,
        database: 'm',
        agentId,
      },
    });
    expect(tested.json()).toEqual({ ok: true, serverVersion: 'MariaDB 10.11', latencyMs: 2 });

    const disconnected = new Promise<string>((resolve) => agent.once('disconnect', resolve));
    const revoked = await b.app.inject({
      method: 'DELETE',
      url: `/api/v1/agents/${agentId}`,
      headers: bearer(owner),
    });
    expect(revoked.statusCode).toBe(200);
    expect(await disconnected).toBe('io server disconnect');
    await expect(connectAgent(urlA, { credential })).rejects.toThrow(/^AGENT_REVOKED/);
    await waitFor(async () => {
      const res = await a.app.inject({
        method: 'GET',
        url: '/api/v1/agents',
        headers: bearer(owner),
      });
      return res.json<{ items: unknown[] }>().items.length === 0;
    });
  });
});
