import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  registerUser,
  startAgent,
  startServer,
  waitForAgentOnline,
  type RunningAgent,
  type TestServer,
} from '../harness/index.js';

let server: TestServer;
let agent: RunningAgent;
let userToken: string;

beforeAll(async () => {
  server = await startServer();
  userToken = (await registerUser(server.url)).token;
  agent = await startAgent(server.url, userToken);
});

afterAll(async () => {
  await agent?.stop();
  await server?.stop();
});

describe('agent life cycle', () => {
  it('comes back online by itself after the server restarts', async () => {
    await server.restart();
    // Its own log proves a second connection, not a stale "online" row.
    const connections = async () =>
      (await readFile(agent.logPath, 'utf8')).split('"msg":"connected to the server"').length - 1;
    await expect.poll(connections, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    await waitForAgentOnline(server.url, userToken, agent.agentId, true, 20_000);
    expect(agent.process.exitCode).toBeNull();
  });

  it('stops cleanly on SIGTERM and the server sees it offline at once', async () => {
    const code = await agent.stop();
    expect(code).toBe(0);
    await waitForAgentOnline(server.url, userToken, agent.agentId, false, 3000);
  });

  it('is seen offline within seconds when its process is killed, and tests answer AGENT_OFFLINE', async () => {
    const doomed = await startAgent(server.url, userToken);
    await doomed.kill();
    await waitForAgentOnline(server.url, userToken, doomed.agentId, false, 5000);
    const response = await apiClient(server.url, userToken).post(
      '/api/v1/databases/test-connection',
      {
        name: 'pg',
        engine: 'postgresql',
        host: '127.0.0.1',
        port: 5432,
        username: 'postgres',
        database: 'postgres',
        agentId: doomed.agentId,
      },
    );
    expect(response.body).toMatchObject({ ok: false, code: 'AGENT_OFFLINE' });
  });
});
