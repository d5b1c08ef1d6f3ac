import type { SessionResponse } from '@rahatback/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, enrollAgent, registerAccount, startTestApp, type TestApp } from './helpers.js';

let t: TestApp;
let alice: SessionResponse;
let bob: SessionResponse;
let aliceAgentId: string;
let aliceDatabaseId: string;

beforeAll(async () => {
  t = await startTestApp();
  alice = await registerAccount(t.app, 'alice@example.com');
  bob = await registerAccount(t.app, 'bob@example.com');
  aliceAgentId = (await enrollAgent(t.app, alice)).agentId;
  const db = await t.app.inject({
    method: 'POST',
    url: '/api/v1/databases',
    headers: bearer(alice),
    payload: {
      name: 'alice-db',
      engine: 'postgresql',
      host: '127.0.0.1',
      port: 5432,
      username: 'postgres',
      password: 'alice-secret',
      database: 'alice',
      agentId: aliceAgentId,
    },
  });
  aliceDatabaseId = db.json<{ id: string }>().id;
});
afterAll(() => t.close());

const asBob = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(bob), ...(payload && { payload }) });

describe("another account's objects", () => {
  it('are absent from its lists', async () => {
    expect((await asBob('GET', '/api/v1/agents')).json()).toEqual({ items: [] });
    expect((await asBob('GET', '/api/v1/databases')).json()).toEqual({ items: [] });
  });

  it.each([
    ['read an agent', 'GET', () => `/api/v1/agents/${aliceAgentId}`],
    ['revoke an agent', 'DELETE', () => `/api/v1/agents/${aliceAgentId}`],
    ['read a database', 'GET', () => `/api/v1/databases/${aliceDatabaseId}`],
    ['change a database', 'PATCH', () => `/api/v1/databases/${aliceDatabaseId}`],
    ['test a database', 'POST', () => `/api/v1/databases/${aliceDatabaseId}/test`],
    ['delete a database', 'DELETE', () => `/api/v1/databases/${aliceDatabaseId}`],
  ] as const)('answer 404 to an attempt to %s', async (_label, method, url) => {
    const res = await asBob(method, url(), method === 'PATCH' ? { name: 'stolen' } : undefined);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('cannot be used as the agent of a new database or a connection test', async () => {
    const payload = {
      name: 'x',
      engine: 'postgresql',
      host: '127.0.0.1',
      port: 5432,
      database: 'x',
      agentId: aliceAgentId,
    };
    expect((await asBob('POST', '/api/v1/databases', payload)).statusCode).toBe(400);
    expect((await asBob('POST', '/api/v1/databases/test-connection', payload)).statusCode).toBe(
      400,
    );
  });

  it('are unchanged afterwards', async () => {
    const db = await t.app.inject({
      method: 'GET',
      url: `/api/v1/databases/${aliceDatabaseId}`,
      headers: bearer(alice),
    });
    expect(db.json()).toMatchObject({ name: 'alice-db' });
    const agents = await t.app.inject({
      method: 'GET',
      url: '/api/v1/agents',
      headers: bearer(alice),
    });
    expect(agents.json<{ items: { id: string }[] }>().items.map((a) => a.id)).toEqual([
      aliceAgentId,
    ]);
  });
});
