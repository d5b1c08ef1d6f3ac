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

// The same agent story with the metadata store on PostgreSQL, as a production install runs it.
let server: TestServer;
let agent: RunningAgent;
let userToken: string;

beforeAll(async () => {
  server = await startServer({ store: 'postgres' });
  userToken = (await registerUser(server.url)).token;
  agent = await startAgent(server.url, userToken);
});

afterAll(async () => {
  await agent?.stop();
  await server?.stop();
});

describe('with a PostgreSQL metadata store', () => {
  it('tests a connection through the agent', async () => {
    const response = await apiClient(server.url, userToken).post(
      '/api/v1/databases/test-connection',
      {
        name: 'pg',
        engine: 'postgresql',
        host: '127.0.0.1',
        port: 5432,
        username: 'postgres',
        password: '',
        database: 'postgres',
        agentId: agent.agentId,
      },
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ ok: true, serverVersion: expect.any(String) as string });
  });

  it('shows the agent offline once it stopped', async () => {
    await agent.stop();
    await waitForAgentOnline(server.url, userToken, agent.agentId, false, 5000);
  });
});
