import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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
});
