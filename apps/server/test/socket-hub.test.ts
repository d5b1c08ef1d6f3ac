import { PROTOCOL_VERSION, type SessionResponse } from '@rahatback/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent, connectUi, nextEvent, TOOLS, waitFor } from './fake-agent.js';
import {
  bearer,
  appStores,
  enrollAgent,
  registerAccount,
  startTestApp,
  type TestApp,
} from './helpers.js';

type StatusEvent = { v: number; agentId: string; online: boolean };

const stores = appStores('PostgreSQL (socket.io postgres adapter)');

describe.each(stores)('socket hub on $name', ({ env }) => {
  let t: TestApp;
  let drop: () => Promise<void>;
  let baseUrl: string;
  let owner: SessionResponse;
  const sockets: Socket[] = [];
  const track = (s: Socket) => (sockets.push(s), s);

  beforeAll(async () => {
    const store = await env();
    drop = store.drop;
    t = await startTestApp(store.env);
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    owner = await registerAccount(t.app, 'hub@example.com');
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
    await drop();
  });

  const listAgents = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/agents', headers: bearer(owner) })).json<{
      items: { id: string; online: boolean; hostname: string; tools: unknown[] }[];
    }>().items;

  const connectionCount = async (agentId: string) =>
    (
      await t.app.container.store.db
        .selectFrom('agent_connections')
        .select('socket_id')
        .where('agent_id', '=', agentId)
        .execute()
    ).length;

  const isOnline = async (agentId: string) =>
    (await listAgents()).find((a) => a.id === agentId)?.online === true;

  it('refuses an agent that speaks another protocol version, saying which to upgrade', async () => {
    const { credential } = await enrollAgent(t.app, owner);
    await expect(connectAgent(baseUrl, { v: 2, credential })).rejects.toThrow(
      'PROTOCOL_MISMATCH: agent speaks protocol 2, server speaks 1; upgrade the server',
    );
    await expect(connectAgent(baseUrl, { v: 0, credential })).rejects.toThrow(/upgrade the agent$/);
  });

  it('refuses an unknown credential', async () => {
    await expect(connectAgent(baseUrl, { credential: 'x'.repeat(43) })).rejects.toThrow(
      /^AGENT_REVOKED: /,
    );
  });

  it('shows the agent online with its host and tools, and pushes its status to the owner page', async () => {
    const { agentId, credential } = await enrollAgent(t.app, owner);
    const ui = track(await connectUi(baseUrl, { token: owner.token }));
    const cameOnline = nextEvent<StatusEvent>(
      ui,
      'agent:status',
      (p) => p.agentId === agentId && p.online,
    );
    const agent = track(await connectAgent(baseUrl, { credential }));
    expect(await cameOnline).toMatchObject({ v: PROTOCOL_VERSION, online: true });
    const listed = (await listAgents()).find((a) => a.id === agentId);
    expect(listed).toMatchObject({ online: true, hostname: 'fake-host', tools: TOOLS });

    const wentOffline = nextEvent<StatusEvent>(
      ui,
      'agent:status',
      (p) => p.agentId === agentId && !p.online,
    );
    agent.close();
    await wentOffline;
    await waitFor(async () => !(await isOnline(agentId)));
  });

  it('keeps an agent online while another of its sockets is still open', async () => {
    const { agentId, credential } = await enrollAgent(t.app, owner);
    const ui = track(await connectUi(baseUrl, { token: owner.token }));
    const first = track(await connectAgent(baseUrl, { credential }));
    track(await connectAgent(baseUrl, { credential }));
    await waitFor(async () => (await isOnline(agentId)) && (await connectionCount(agentId)) === 2);
    const closedAt = new Date().toISOString();
    // The push that follows the close, not the ones that followed the connects.
    const status = nextEvent<StatusEvent & { lastSeenAt: string }>(
      ui,
      'agent:status',
      (p) => p.agentId === agentId && p.lastSeenAt >= closedAt,
    );
    first.close();
    expect(await status).toMatchObject({ online: true });
    expect(await isOnline(agentId)).toBe(true);
  });

  it('refuses a browser socket without a session', async () => {
    await expect(connectUi(baseUrl, {})).rejects.toThrow(/UNAUTHENTICATED/);
    await expect(connectUi(baseUrl, { token: 'not-a-session' })).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it('tests a connection through the agent, which alone receives the password', async () => {
    const { agentId, credential } = await enrollAgent(t.app, owner);
    const agent = track(await connectAgent(baseUrl, { credential }));
    const received: unknown[] = [];
    agent.on('database:test', (payload: unknown, ack: (r: unknown) => void) => {
      received.push(payload);
      ack({
        v: PROTOCOL_VERSION,
        result: { ok: true, serverVersion: 'PostgreSQL 15.4', latencyMs: 3 },
      });
    });
    const form = {
      name: 'orders',
      engine: 'postgresql',
      host: '127.0.0.1',
      port: 5432,
      username: 'postgres',
      password: 'pw-through-agent',
      database: 'orders',
      agentId,
    };
    const unsaved = await t.app.inject({
      method: 'POST',
      url: '/api/v1/databases/test-connection',
      headers: bearer(owner),
      payload: form,
    });
    expect(unsaved.json()).toEqual({ ok: true, serverVersion: 'PostgreSQL 15.4', latencyMs: 3 });

    const saved = await t.app.inject({
      method: 'POST',
      url: '/api/v1/databases',
      headers: bearer(owner),
      payload: form,
    });
    const id = saved.json<{ id: string }>().id;
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/databases/${id}/test`,
      headers: bearer(owner),
    });
    expect(again.json()).toMatchObject({ ok: true });
    expect(received).toHaveLength(2);
    for (const payload of received)
      expect(payload).toMatchObject({
        v: 1,
        connection: { engine: 'postgresql', password: 'pw-through-agent', database: 'orders' },
      });
  });

  it('answers AGENT_OFFLINE at once when the agent is not connected', async () => {
    const { agentId } = await enrollAgent(t.app, owner, 'sleepy');
    const started = Date.now();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/databases/test-connection',
      headers: bearer(owner),
      payload: {
        name: 'x',
        engine: 'mysql',
        host: '127.0.0.1',
        port: 3306,
        database: 'x',
        agentId,
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ok: false,
      code: 'AGENT_OFFLINE',
      message: 'agent "sleepy" is offline: start it with `rahatback-agent run` on its host',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('answers AGENT_TIMEOUT when the agent does not acknowledge in time', async () => {
    const { agentId, credential } = await enrollAgent(t.app, owner, 'mute');
    const agent = track(await connectAgent(baseUrl, { credential }));
    agent.on('database:test', () => {});
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/databases/test-connection',
      headers: bearer(owner),
      payload: {
        name: 'x',
        engine: 'postgresql',
        host: '127.0.0.1',
        port: 5432,
        database: 'x',
        agentId,
        options: { connectTimeoutSeconds: 1 },
      },
    });
    const body = res.json<{ ok: boolean; code: string; message: string }>();
    expect(body).toMatchObject({ ok: false, code: 'AGENT_TIMEOUT' });
    expect(body.message).toContain('"mute" did not answer');
  });

  it('cuts a revoked agent off at once and refuses its credential afterwards', async () => {
    const { agentId, credential } = await enrollAgent(t.app, owner);
    const agent = track(await connectAgent(baseUrl, { credential }));
    const disconnected = new Promise<string>((resolve) => agent.once('disconnect', resolve));
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/agents/${agentId}`,
      headers: bearer(owner),
    });
    expect(res.statusCode).toBe(200);
    expect(await disconnected).toBe('io server disconnect');
    await expect(connectAgent(baseUrl, { credential })).rejects.toThrow(/^AGENT_REVOKED: /);
    expect((await listAgents()).map((a) => a.id)).not.toContain(agentId);
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/agents/${agentId}`,
      headers: bearer(owner),
    });
    expect(again.statusCode).toBe(404);
  });
});
